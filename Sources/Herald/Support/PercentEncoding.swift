/// Percent-encoding (RFC 3986) of UTF-8 bytes, shared by feed URIs and the
/// template `urlencode` filter.
enum PercentEncoding {
    /// Every byte but unreserved characters (letters, digits, `-._~`) and `/`
    /// becomes `%XX`.
    static func encode(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                bytes.append(byte)
            default:
                append(byte, to: &bytes)
            }
        }
        // Every byte written is ASCII, so the result is valid UTF-8 as it is.
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `%XX` for one byte.
    static func append(_ byte: UInt8, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "%"))
        bytes.append(hexDigit(byte >> 4))
        bytes.append(hexDigit(byte & 0xF))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10
    }
}
