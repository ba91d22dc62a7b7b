/// Removes the metadata chunks (EXIF, XMP, ICC) of a WebP file.
///
/// Debian's libvips 8.14.1 ignores `strip` when it saves WebP and always
/// writes an EXIF block (with nothing but the orientation once the image's
/// metadata is removed): this takes it out of the RIFF container, so that a
/// WebP carries no metadata at all, as the other formats do.
enum WebPMetadata {
    static func stripped(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WEBP".utf8) else { return bytes }
        var output = Array(bytes[0..<12])
        var offset = 12
        while offset + 8 <= bytes.count {
            let tag = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16 | Int(bytes[offset + 7]) << 24
            // Chunks are padded to an even length.
            let end = offset + 8 + size + (size & 1)
            guard end <= bytes.count else { return bytes }
            switch tag {
            case "EXIF", "XMP ", "ICCP":
                break
            case "VP8X":
                var chunk = Array(bytes[offset..<end])
                // Flags: ICC (0x20), EXIF (0x08), XMP (0x04).
                if chunk.count > 8 { chunk[8] &= ~UInt8(0x20 | 0x08 | 0x04) }
                output += chunk
            default:
                output += bytes[offset..<end]
            }
            offset = end
        }
        let riffSize = UInt32(output.count - 8)
        for index in 0..<4 { output[4 + index] = UInt8(truncatingIfNeeded: riffSize >> (8 * UInt32(index))) }
        return output
    }
}
