/// Percent-encoding (RFC 3986) of UTF-8 bytes, shared by feed URIs and the
/// template `urlencode` filter.
enum PercentEncoding {
    /// Every byte but unreserved characters (letters, digits, `-._~`) and `/`
    /// becomes `%XX`.
    static func encode(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                append(byte, to: &result)
            }
        }
        return result
    }

    /// Appends `%XX` for one byte.
    static func append(_ byte: UInt8, to text: inout String) {
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        text.unicodeScalars.append("%")
        text.unicodeScalars.append(hex[Int(byte >> 4)])
        text.unicodeScalars.append(hex[Int(byte & 0xF)])
    }
}
