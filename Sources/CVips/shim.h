#ifndef HERALD_CVIPS_SHIM_H
#define HERALD_CVIPS_SHIM_H
#include <vips/vips.h>

/* libvips's operations take their optional arguments as C varargs, which
 * Swift cannot call: these wrappers fix the arguments Herald uses. Each
 * returns a new reference the caller owns (NULL on failure, with the message
 * in vips_error_buffer()). */

/* libvips's warnings (a JPEG with a stray byte) would go to stderr from every
 * thread; what matters is reported as an error by the operation itself. */
static void herald_vips_quiet(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    (void) domain; (void) level; (void) message; (void) data;
}

static inline int herald_vips_start(void) {
    if (VIPS_INIT("herald")) return -1;
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, herald_vips_quiet, NULL);
    /* Herald runs one image per core itself; an operation cache would only
     * hold decoded pixels nobody asks for again. */
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    return 0;
}

/* The header only: pixels are decoded later, streaming top to bottom. */
static inline VipsImage *herald_vips_header(const void *bytes, size_t length) {
    return vips_image_new_from_buffer(bytes, length, "", "access", VIPS_ACCESS_SEQUENTIAL, NULL);
}

/* Shrunk to `width` (never enlarged), turned upright by its EXIF orientation,
 * converted to sRGB from any embedded ICC profile; a truncated or damaged
 * file is an error rather than a grey band. */
static inline VipsImage *herald_vips_thumbnail(const void *bytes, size_t length, int width) {
    VipsImage *out = NULL;
    if (vips_thumbnail_buffer((void *) bytes, length, &out, width, "height", VIPS_MAX_COORD,
            "size", VIPS_SIZE_DOWN, "option_string", "fail_on=truncated", NULL)) return NULL;
    return out;
}

/* `in` decoded into memory, so that several sizes and formats can be made from it. */
static inline VipsImage *herald_vips_in_memory(VipsImage *in) {
    return vips_image_copy_memory(in);
}

static inline VipsImage *herald_vips_resize(VipsImage *in, double scale) {
    VipsImage *out = NULL;
    if (vips_resize(in, &out, scale, NULL)) return NULL;
    return out;
}

/* A width × height crop of `in` around its most salient region (libvips's attention strategy). */
static inline VipsImage *herald_vips_attention_crop(VipsImage *in, int width, int height) {
    VipsImage *out = NULL;
    if (vips_thumbnail_image(in, &out, width, "height", height, "crop", VIPS_INTERESTING_ATTENTION,
            "size", VIPS_SIZE_DOWN, NULL)) return NULL;
    return out;
}

static inline VipsImage *herald_vips_extract(VipsImage *in, int left, int top, int width, int height) {
    VipsImage *out = NULL;
    if (vips_extract_area(in, &out, left, top, width, height, NULL)) return NULL;
    return out;
}

/* `in` scaled to cover width × height, up or down, and its centre cut to
   exactly that size: a region already of the right shape loses at most a
   pixel of rounding. */
static inline VipsImage *herald_vips_centre_crop(VipsImage *in, int width, int height) {
    VipsImage *out = NULL;
    if (vips_thumbnail_image(in, &out, width, "height", height, "crop", VIPS_INTERESTING_CENTRE,
            "size", VIPS_SIZE_BOTH, NULL)) return NULL;
    return out;
}

/* Transparency flattened onto white, for formats without an alpha channel. */
static inline VipsImage *herald_vips_flatten(VipsImage *in) {
    VipsImage *out = NULL;
    VipsArrayDouble *white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
    int failed = vips_flatten(in, &out, "background", white, NULL);
    vips_area_unref(VIPS_AREA(white));
    return failed ? NULL : out;
}

enum herald_vips_format { HERALD_JPEG = 0, HERALD_PNG = 1, HERALD_WEBP = 2, HERALD_AVIF = 3 };

static inline int herald_vips_encode(VipsImage *in, int format, int quality, void **bytes, size_t *length) {
    switch (format) {
    case HERALD_JPEG:
        return vips_jpegsave_buffer(in, bytes, length, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, NULL);
    case HERALD_PNG:
        return vips_pngsave_buffer(in, bytes, length, "strip", TRUE, NULL);
    case HERALD_WEBP:
        return vips_webpsave_buffer(in, bytes, length, "Q", quality, "strip", TRUE, NULL);
    case HERALD_AVIF:
        return vips_heifsave_buffer(in, bytes, length, "Q", quality, "strip", TRUE,
            "compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1, "effort", 2, NULL);
    default:
        vips_error("herald", "unknown format %d", format);
        return -1;
    }
}

/* A copy of `in` (sharing its pixels) without any metadata: every EXIF field,
 * the GPS position among them, XMP, IPTC and the ICC profile. The savers'
 * `strip` option is set too, but Debian's libvips 8.14.1 webpsave ignores
 * it, so nothing is left to it. */
static inline VipsImage *herald_vips_without_metadata(VipsImage *in) {
    VipsImage *out = NULL;
    if (vips_copy(in, &out, NULL)) return NULL;
    gchar **fields = vips_image_get_fields(out);
    for (gchar **field = fields; field && *field; field++) {
        /* The header's own fields (width, bands, …) are not metadata and stay. */
        vips_image_remove(out, *field);
    }
    g_strfreev(fields);
    return out;
}

/* Encodes `in` with every piece of metadata stripped (EXIF with its GPS
 * position, XMP, IPTC, ICC); `*bytes` is g_malloc'ed, for g_free. */
static inline int herald_vips_save(VipsImage *image, int format, int quality, void **bytes, size_t *length) {
    VipsImage *in = herald_vips_without_metadata(image);
    if (!in) return -1;
    int result = herald_vips_encode(in, format, quality, bytes, length);
    g_object_unref(in);
    return result;
}

static inline void herald_vips_unref(VipsImage *image) {
    g_object_unref(image);
}

#endif
