/// The raster formats Herald processes (DESIGN §11).
enum ImageFormat: String, Sendable, CaseIterable {
    case jpeg, png, webp, avif

    /// The format a file name's extension claims, or `nil` for other files
    /// (SVG and GIF among them: those are copied as they are).
    init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: ".") else { return nil }
        switch fileName[fileName.index(after: dot)...].lowercased() {
        case "jpg", "jpeg", "jpe": self = .jpeg
        case "png": self = .png
        case "webp": self = .webp
        case "avif": self = .avif
        default: return nil
        }
    }

    /// The format libvips found in the bytes, from the name of the loader it chose.
    init?(loader: String) {
        let name = loader.lowercased()
        if name.contains("jpeg") {
            self = .jpeg
        } else if name.contains("png") {
            self = .png
        } else if name.contains("webp") {
            self = .webp
        } else if name.contains("heif") {
            self = .avif
        } else {
            return nil
        }
    }

    /// The extension Herald writes.
    var fileExtension: String {
        self == .jpeg ? "jpg" : rawValue
    }

    var mediaType: String {
        "image/" + rawValue
    }

    var displayName: String {
        rawValue.uppercased()
    }

    var vipsCode: Int32 {
        switch self {
        case .jpeg: return 0
        case .png: return 1
        case .webp: return 2
        case .avif: return 3
        }
    }
}
