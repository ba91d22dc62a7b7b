import CVips

/// One libvips image, owned by this object alone and released exactly once,
/// when it goes.
final class VipsPicture {
    let pointer: UnsafeMutablePointer<VipsImage>

    /// Takes ownership of a new reference, or gives `nil` (with libvips's message) for a failed operation.
    init(taking pointer: UnsafeMutablePointer<VipsImage>?) throws(VipsFailure) {
        guard let pointer else { throw VipsFailure.last() }
        self.pointer = pointer
    }

    deinit {
        herald_vips_unref(pointer)
    }

    var width: Int { Int(vips_image_get_width(pointer)) }
    var height: Int { Int(vips_image_get_height(pointer)) }
    var hasAlpha: Bool { vips_image_hasalpha(pointer) != 0 }
    /// Whether its EXIF orientation turns it a quarter (width and height trade places upright).
    var orientationSwapsSides: Bool { vips_image_get_orientation_swap(pointer) != 0 }

    /// Encoded in `format`, stripped of all metadata.
    func encoded(as format: ImageFormat, quality: Int) throws(VipsFailure) -> [UInt8] {
        var bytes: UnsafeMutableRawPointer?
        var length = 0
        guard herald_vips_save(pointer, format.vipsCode, Int32(quality), &bytes, &length) == 0, let bytes else {
            throw VipsFailure.last()
        }
        defer { g_free(bytes) }
        let encoded = Array(UnsafeRawBufferPointer(start: bytes, count: length))
        return format == .webp ? WebPMetadata.stripped(encoded) : encoded
    }
}

/// libvips's message for the operation that failed last.
struct VipsFailure: Error {
    var message: String

    static func last() -> VipsFailure {
        guard let copy = vips_error_buffer_copy() else { return VipsFailure(message: "libvips failed") }
        defer { g_free(copy) }
        let text = String(cString: copy).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return VipsFailure(message: text.isEmpty ? "libvips failed" : text.joined(separator: "; "))
    }
}

/// libvips, started once per process before its first use.
enum VipsLibrary {
    private static let started: Bool = herald_vips_start() == 0

    /// Starts libvips if it was not; `false` if it cannot start.
    static func start() -> Bool { started }
}
