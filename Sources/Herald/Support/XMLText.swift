/// Text safe for XML 1.0 documents.
public enum XMLText {
    /// Removes the characters XML 1.0 forbids: C0 controls other than tab, line
    /// feed and carriage return, and the non-characters U+FFFE and U+FFFF.
    /// (Lone surrogates cannot occur in a Swift string.) Everything else is kept.
    public static func sanitized(_ text: String) -> String {
        guard needsWork(text) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where isAllowed(scalar) {
            result.append(scalar)
        }
        return String(result)
    }

    @inline(__always)
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 { return v == 0x09 || v == 0x0A || v == 0x0D }
        return v != 0xFFFE && v != 0xFFFF
    }

    /// A fast byte scan: true when a forbidden character may be present.
    private static func needsWork(_ text: String) -> Bool {
        var found = false
        var copy = text
        copy.withUTF8 { bytes in
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { found = true; return }
                // U+FFFE / U+FFFF are EF BF BE / EF BF BF in UTF-8.
                if b == 0xEF && i + 2 < n && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF) {
                    found = true; return
                }
                i += 1
            }
        }
        return found
    }
}
