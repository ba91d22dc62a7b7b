import Foundation

/// Splits text into the words the search index holds: runs of letters,
/// marks and digits, folded (lower case, `ß` → `ss`, final sigma → sigma,
/// compatibility forms and diacritics removed), so that `Zürich`, `ZURICH`
/// and `zurich` are one word. Han, Hiragana and Katakana characters, written
/// without spaces, are one word each.
///
/// The search page's script (`Templates/assets/search.js`) folds a query the
/// same way; the two must change together.
enum SearchText {
    /// Words longer than this many bytes are not indexed (URLs, hashes).
    static let maximumLength = 64

    /// Calls `body` with each folded word of `text`, in order; one-letter
    /// words (other than CJK characters) are skipped.
    static func words(_ text: String, _ body: (String) -> Void) {
        var word: [UInt8] = []
        word.reserveCapacity(32)
        var plain = true
        var scalars = 0
        func finish() {
            defer {
                word.removeAll(keepingCapacity: true)
                plain = true
                scalars = 0
            }
            guard scalars > 1, word.count <= maximumLength else { return }
            let text = String(decoding: word, as: UTF8.self)
            if plain { body(text) } else if let folded = fold(text) { body(folded) }
        }
        // Over the UTF-8 bytes: ASCII (most of most text) without decoding;
        // a scalar is decoded only where a byte says one starts.
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if byte >= 0x61 && byte <= 0x7A || byte >= 0x30 && byte <= 0x39 {
                        word.append(byte)
                        scalars += 1
                    } else if byte >= 0x41 && byte <= 0x5A {
                        word.append(byte + 0x20)
                        scalars += 1
                    } else if !word.isEmpty {
                        finish()
                    }
                    index += 1
                    continue
                }
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var value = UInt32(byte) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
                for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
                let encoded = UnsafeBufferPointer(rebasing: bytes[index..<(index + length)])
                index += length
                guard let scalar = Unicode.Scalar(value) else { continue }
                if isIdeographic(value) {
                    if !word.isEmpty { finish() }
                    body(String(decoding: encoded, as: UTF8.self))
                    continue
                }
                guard isWordScalar(scalar) else {
                    if !word.isEmpty { finish() }
                    continue
                }
                word.append(contentsOf: encoded)
                plain = false
                scalars += 1
            }
        }
        if !word.isEmpty { finish() }
    }

    /// Letters, marks and numbers: `[\p{L}\p{M}\p{N}]` in the script.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Han, Hiragana and Katakana: scripts written without spaces between words.
    static func isIdeographic(_ value: UInt32) -> Bool {
        (0x3040...0x30FF).contains(value) || (0x3400...0x4DBF).contains(value) || (0x4E00...0x9FFF).contains(value)
            || (0xF900...0xFAFF).contains(value) || (0x20000...0x2FFFF).contains(value)
    }

    /// A word with non-ASCII letters folded: compatibility decomposition
    /// (NFKD), marks dropped, lower case; `nil` if nothing is left.
    static func fold(_ word: String) -> String? {
        var folded = String.UnicodeScalarView()
        for scalar in word.decomposedStringWithCompatibilityMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            default:
                break
            }
            switch scalar.value {
            case 0xDF, 0x1E9E: folded.append(contentsOf: "ss".unicodeScalars)  // ß, ẞ
            case 0x3C2: folded.append("\u{3C3}")  // final sigma
            default: folded.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return folded.isEmpty ? nil : String(folded)
    }
}
