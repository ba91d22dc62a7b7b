import Foundation

/// URL segments made from titles, file names and taxonomy terms.
public enum Slug {
    /// Lower-case ASCII letters and digits joined by single hyphens:
    /// "Économie & Marchés 2025" becomes "economie-marches-2025". Letters
    /// outside ASCII are folded to their base letter where one exists and kept
    /// as they are otherwise (so "東京" stays "東京"), which browsers and hosts
    /// handle as UTF-8 paths.
    public static func make(_ text: String) -> String {
        if let ascii = makeASCII(text) { return ascii }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for character in text {
            let folded: String
            if character.isASCII {
                folded = String(character).lowercased()
            } else {
                folded = String(character).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            }
            for scalar in folded.unicodeScalars {
                let isWordCharacter: Bool
                if scalar.isASCII {
                    isWordCharacter = (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
                } else {
                    isWordCharacter = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                }
                if isWordCharacter {
                    if pendingHyphen && !result.isEmpty { result += "-" }
                    pendingHyphen = false
                    result.unicodeScalars.append(scalar)
                } else {
                    pendingHyphen = true
                }
            }
        }
        return result
    }

    /// The same for text that is all ASCII, working on bytes: terms and file
    /// names are slugified for every article, so this is a hot path.
    private static func makeASCII(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            var lower = byte
            if byte >= 0x41 && byte <= 0x5A { lower = byte + 0x20 }
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                if pendingHyphen && !bytes.isEmpty { bytes.append(0x2D) }
                pendingHyphen = false
                bytes.append(lower)
            } else {
                pendingHyphen = true
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
