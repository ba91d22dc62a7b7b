import Foundation

/// URL segments made from titles, file names and taxonomy terms.
public enum Slug {
    /// Lower-case ASCII letters and digits joined by single hyphens:
    /// "Économie & Marchés 2025" becomes "economie-marches-2025". Letters
    /// outside ASCII are folded to their base letter where one exists and kept
    /// as they are otherwise (so "東京" stays "東京"), which browsers and hosts
    /// handle as UTF-8 paths.
    public static func make(_ text: String) -> String {
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
}
