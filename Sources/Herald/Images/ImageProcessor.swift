import CVips

/// One encoded version of a processed image.
struct Rendition: Sendable, Equatable {
    var width: Int
    var height: Int
    var format: ImageFormat
    /// A share crop (always JPEG), of the shape `width` × `height`.
    var isCrop: Bool
    var bytes: [UInt8]
}

/// What processing one source image yields.
struct ProcessedImage: Sendable {
    var format: ImageFormat
    /// The source's size, upright.
    var width: Int
    var height: Int
    /// Each width in each format, smallest first; then the share crops.
    var renditions: [Rendition]
}

/// Why an image cannot be published; said of the content that uses it.
struct ImageProblem: Error, Sendable, Equatable {
    var message: String
}

/// Makes the published versions of one raster image with libvips (DESIGN §11):
/// upright by its EXIF orientation, converted to sRGB, stripped of every
/// piece of metadata, in each configured width no wider than the source, in
/// its own format and the configured ones, plus 1200-pixel share crops.
enum ImageProcessor {
    /// Changes when what processing makes changes: cached images are made again.
    static let version = 1
    /// Share crops, as width:height (for Open Graph, Twitter and JSON-LD).
    static let cropShapes = [(16, 9), (4, 3), (1, 1)]
    static let cropWidth = 1200

    /// What to make of a source.
    enum Output: Sendable, Equatable {
        /// Every width in every format, and the attention share crops.
        case all
        /// Only the share crops, keeping this point (`image_focus`).
        case crops(keeping: ImageFocus)
    }

    static func process(_ bytes: [UInt8], claimed: ImageFormat, settings: ImageSettings, output: Output = .all) -> Result<ProcessedImage, ImageProblem> {
        guard VipsLibrary.start() else { return .failure(ImageProblem(message: "libvips could not start")) }
        return bytes.withUnsafeBytes { buffer in
            do throws(ImageProblem) {
                return .success(try process(buffer, claimed: claimed, settings: settings, output: output))
            } catch {
                return .failure(error)
            }
        }
    }

    private static func process(
        _ buffer: UnsafeRawBufferPointer, claimed: ImageFormat, settings: ImageSettings, output: Output
    ) throws(ImageProblem) -> ProcessedImage {
        guard let base = buffer.baseAddress, buffer.count > 0 else { throw ImageProblem(message: "the file is empty") }
        guard let loader = vips_foreign_find_load_buffer(base, buffer.count) else {
            vips_error_clear()
            throw ImageProblem(message: "is not an image (or is damaged): no decoder recognises its bytes")
        }
        guard let format = ImageFormat(loader: String(cString: loader)), format == claimed else {
            let found = ImageFormat(loader: String(cString: loader))?.displayName ?? "an image of another kind"
            throw ImageProblem(message: "is \(found.hasPrefix("an") ? found : "a \(found) image"), but its name says \(claimed.displayName); rename it to match its format")
        }
        let header: VipsPicture
        do throws(VipsFailure) {
            header = try VipsPicture(taking: herald_vips_header(base, buffer.count))
        } catch {
            throw ImageProblem(message: "cannot be read: \(error.message)")
        }
        guard header.width * header.height <= settings.maxPixels else {
            throw ImageProblem(message: "is \(header.width) × \(header.height) pixels, more than images.max_pixels (\(settings.maxPixels)); make it smaller")
        }
        let (width, height) = header.orientationSwapsSides ? (header.height, header.width) : (header.width, header.height)
        do throws(VipsFailure) {
            let renditions = try renditions(of: buffer, width: width, height: height, format: format, settings: settings, output: output)
            return ProcessedImage(format: format, width: width, height: height, renditions: renditions)
        } catch {
            throw ImageProblem(message: "cannot be read: \(error.message)")
        }
    }

    private static func renditions(
        of buffer: UnsafeRawBufferPointer, width: Int, height: Int, format: ImageFormat, settings: ImageSettings, output: Output
    ) throws(VipsFailure) -> [Rendition] {
        var widths = settings.widths.filter { $0 <= width }
        if widths.isEmpty { widths = [width] }
        if output != .all { widths = [] }
        // Decoded once, to the widest size anything needs, then shrunk from
        // memory: the crops want 1200 pixels whatever the widths.
        // (the square one 1200 high too).
        let forSquare = (cropWidth * width + height - 1) / height
        let decodeWidth = min(width, max(widths.max() ?? 0, cropWidth, forSquare))
        let decoded = try VipsPicture(taking: herald_vips_thumbnail(buffer.baseAddress, buffer.count, Int32(decodeWidth)))
        let full = try VipsPicture(taking: herald_vips_in_memory(decoded.pointer))
        let formats = [format] + settings.extraFormats.filter { $0 != format }
        var renditions: [Rendition] = []
        for target in widths.sorted() {
            let image = target == full.width ? full : try VipsPicture(taking: herald_vips_resize(full.pointer, Double(target) / Double(full.width)))
            for output in formats {
                let encodable = output == .jpeg && image.hasAlpha ? try VipsPicture(taking: herald_vips_flatten(image.pointer)) : image
                renditions.append(Rendition(
                    width: image.width, height: image.height, format: output, isCrop: false,
                    bytes: try encodable.encoded(as: output, quality: settings.quality)))
            }
        }
        var focus: ImageFocus?
        if case .crops(let point) = output { focus = point }
        for (across, down) in cropShapes {
            var cropWidth = min(Self.cropWidth, full.width)
            var cropHeight = cropWidth * down / across
            if cropHeight > full.height {
                cropHeight = full.height
                cropWidth = cropHeight * across / down
            }
            var crop: VipsPicture
            if let focus {
                crop = try focusCrop(of: full, across: across, down: down, keeping: focus, width: cropWidth, height: cropHeight)
            } else {
                crop = try VipsPicture(taking: herald_vips_attention_crop(full.pointer, Int32(cropWidth), Int32(cropHeight)))
            }
            if crop.hasAlpha { crop = try VipsPicture(taking: herald_vips_flatten(crop.pointer)) }
            renditions.append(Rendition(
                width: crop.width, height: crop.height, format: .jpeg, isCrop: true,
                bytes: try crop.encoded(as: .jpeg, quality: settings.quality)))
        }
        return renditions
    }

    /// The largest `across`:`down` region of `full`, placed with `focus` as
    /// near its centre as the edges allow, scaled to exactly `width` ×
    /// `height` (the centre crop of the scaling absorbs a pixel of rounding).
    private static func focusCrop(
        of full: VipsPicture, across: Int, down: Int, keeping focus: ImageFocus, width: Int, height: Int
    ) throws(VipsFailure) -> VipsPicture {
        let region = FocusRegion(imageWidth: full.width, imageHeight: full.height, across: across, down: down, focus: focus)
        let extracted = try VipsPicture(taking: herald_vips_extract(
            full.pointer, Int32(region.left), Int32(region.top), Int32(region.width), Int32(region.height)))
        return try VipsPicture(taking: herald_vips_centre_crop(extracted.pointer, Int32(width), Int32(height)))
    }
}
