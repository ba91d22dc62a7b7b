/// Character classes of CommonMark's delimiter rules (left- and
/// right-flanking runs), for the extensions that add delimiters.
enum InlineCharacters {
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0C, 0x0D, 0x20: return true
        case 0..<0x80: return false
        default: return scalar.properties.generalCategory == .spaceSeparator
        }
    }

    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (0x21...0x2F).contains(value) || (0x3A...0x40).contains(value)
                || (0x5B...0x60).contains(value) || (0x7B...0x7E).contains(value)
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default: return false
        }
    }

    /// The scalar that ends just before `index` in UTF-8 `bytes`.
    static func scalar(before index: Int, in bytes: [UInt8]) -> Unicode.Scalar? {
        guard index > 0 else { return nil }
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80, index - start < 4 { start -= 1 }
        return scalar(at: start, in: bytes)
    }

    /// The scalar that starts at `index` in UTF-8 `bytes`.
    static func scalar(at index: Int, in bytes: [UInt8]) -> Unicode.Scalar? {
        guard index < bytes.count else { return nil }
        let first = bytes[index]
        if first < 0x80 { return Unicode.Scalar(first) }
        var length = 2
        if first >= 0xF0 { length = 4 } else if first >= 0xE0 { length = 3 }
        guard index + length <= bytes.count else { return nil }
        return String(decoding: bytes[index..<index + length], as: UTF8.self).unicodeScalars.first
    }

    /// The value and length of a numeric character reference (`&#126;`,
    /// `&#x7E;`) at `index`, for telling characters written as references
    /// from delimiters.
    static func numericReference(in bytes: [UInt8], at index: Int) -> (value: Int, length: Int)? {
        guard index + 3 < bytes.count, bytes[index] == 0x26, bytes[index + 1] == 0x23 else { return nil }
        var position = index + 2
        let hex = bytes[position] == 0x78 || bytes[position] == 0x58
        if hex { position += 1 }
        var value = 0
        var digits = 0
        while position < bytes.count, digits < 8, let digit = digitValue(bytes[position], hex: hex) {
            value = value * (hex ? 16 : 10) + digit
            digits += 1
            position += 1
        }
        guard digits > 0, position < bytes.count, bytes[position] == 0x3B else { return nil }
        return (value, position + 1 - index)
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46 where hex: Int(byte - 0x41 + 10)
        case 0x61...0x66 where hex: Int(byte - 0x61 + 10)
        default: nil
        }
    }
}
