import Yams

/// How raster images are processed: `images:` in site.yml (DESIGN §2, §11).
public struct ImageSettings: Sendable, Equatable {
    /// The widths each image is made in (those not wider than the source).
    public var widths = [480, 800, 1200, 1600]
    /// Formats written besides the source's own.
    public var formats: [String] = ["avif", "webp"]
    public var quality = 75
    /// Sources with more pixels are refused: a small file can declare an
    /// enormous image (a decompression bomb).
    public var maxPixels = 100_000_000
    /// Whether output names carry a hash of the source (`assets.fingerprint`).
    public var fingerprint = true

    public init() {}

    var extraFormats: [ImageFormat] { formats.compactMap(ImageFormat.init(rawValue:)) }

    /// What every processed image depends on besides its bytes: a change
    /// makes every image again.
    var digest: UInt64 {
        var digest = Digest()
        digest.add(ImageProcessor.version)
        for width in widths { digest.add(width) }
        digest.add("|")
        for format in formats { digest.add(format) }
        digest.add(quality)
        digest.add(maxPixels)
        return digest.value
    }
}

extension SiteConfigLoader {
    static func readImages(_ node: Yams.Node, into images: inout ImageSettings, reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, what: "'images'") else { return }
        for (name, keyNode, value) in pairs {
            switch name {
            case "widths":
                guard case .sequence(let sequence) = value, !sequence.isEmpty else {
                    reader.error("images.widths must be a list of widths in pixels, such as [480, 800, 1200, 1600]", at: value)
                    continue
                }
                var widths: [Int] = []
                for entry in sequence {
                    guard let width = reader.int(entry, key: "images.widths", minimum: 1) else { continue }
                    if width > 10_000 { reader.error("images.widths: \(width) is wider than 10000 pixels", at: entry) } else { widths.append(width) }
                }
                images.widths = Array(Set(widths)).sorted()
            case "formats":
                let names = reader.names(value, key: "images.formats", what: "image format", allowed: "avif, webp, jpeg or png") { name in
                    ["avif", "webp", "jpeg", "png"].contains(name.lowercased()) ? name.lowercased() : nil
                }
                guard let names else { continue }
                images.formats = names.reduce(into: []) { formats, name in if !formats.contains(name) { formats.append(name) } }
            case "quality":
                if let quality = reader.int(value, key: "images.quality", minimum: 1) {
                    if quality > 100 { reader.error("'images.quality' must be at most 100", at: value) } else { images.quality = quality }
                }
            case "max_pixels":
                images.maxPixels = reader.int(value, key: "images.max_pixels", minimum: 1) ?? images.maxPixels
            default:
                reader.error(unknownKeyMessage(name, known: ["widths", "formats", "quality", "max_pixels"], in: "'images'"), at: keyNode)
            }
        }
    }
}
