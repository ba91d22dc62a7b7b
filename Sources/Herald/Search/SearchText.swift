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
        var text = text
        text.withUTF8 { bytes in
            words(in: bytes) { body(String(decoding: $0, as: UTF8.self)) }
        }
    }

    /// Calls `body` with the UTF-8 bytes of each folded word of the valid
    /// UTF-8 `bytes`, in order. The bytes `body` sees are valid only during
    /// the call: they are often a slice of `bytes` itself.
    ///
    /// Every word of an index passes through here, so the common case makes
    /// no copy: a word of lower-case ASCII letters and digits is handed on as
    /// the slice of `bytes` it is; one with ASCII capitals is lowered into a
    /// scratch buffer; only a word with other letters is folded as a `String`.
    static func words(in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard let base = bytes.baseAddress else { return }
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: maximumLength)
        defer { scratch.deallocate() }
        let count = bytes.count
        var index = 0
        while index < count {
            // Skip to the next byte that can start a word.
            let byte = base[index]
            if byte < 0x80 && asciiKind(byte) == 0 {
                index += 1
                continue
            }
            // A run of ASCII letters and digits first: most words are just that.
            let start = index
            var capitals = false
            while index < count {
                let kind = asciiKind(base[index])
                if kind == 0 { break }
                capitals = capitals || kind == 2
                index += 1
            }
            if index == count || base[index] < 0x80 {
                let length = index - start
                guard length > 1, length <= maximumLength else { continue }
                if !capitals {
                    body(UnsafeBufferPointer(start: base + start, count: length))
                } else {
                    for offset in 0..<length { scratch[offset] = lowered(base[start + offset]) }
                    body(UnsafeBufferPointer(start: scratch, count: length))
                }
                continue
            }
            // The word goes on (or starts) with a non-ASCII scalar.
            index = foreignWord(base, count: count, start: start, asciiEnd: index, body)
        }
    }

    /// 0 for an ASCII byte that is no part of a word, 1 for a lower-case
    /// letter or digit, 2 for a capital.
    @inline(__always) private static func asciiKind(_ byte: UInt8) -> UInt8 {
        if byte >= 0x61 && byte <= 0x7A || byte >= 0x30 && byte <= 0x39 { return 1 }
        if byte >= 0x41 && byte <= 0x5A { return 2 }
        return 0
    }

    @inline(__always) private static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    /// Reads on from `asciiEnd`, where a non-ASCII scalar follows the
    /// ASCII letters and digits from `start`, to the word's end; hands on
    /// the word (folded) and each ideograph met; returns where it stopped.
    private static func foreignWord(
        _ base: UnsafePointer<UInt8>, count: Int, start: Int, asciiEnd: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) -> Int {
        var word: [UInt8] = []
        word.reserveCapacity(2 * maximumLength)
        for offset in start..<asciiEnd { word.append(lowered(base[offset])) }
        var scalars = asciiEnd - start
        var plain = true
        func finish() {
            defer {
                word.removeAll(keepingCapacity: true)
                plain = true
                scalars = 0
            }
            guard scalars > 1, word.count <= maximumLength else { return }
            if plain {
                word.withUnsafeBufferPointer { body($0) }
            } else if var folded = fold(String(decoding: word, as: UTF8.self)) {
                folded.withUTF8 { body($0) }
            }
        }
        var index = asciiEnd
        while index < count {
            let byte = base[index]
            if byte < 0x80 {
                // Back in ASCII: the word goes on through letters and digits.
                guard asciiKind(byte) != 0 else { break }
                word.append(lowered(byte))
                scalars += 1
                index += 1
                continue
            }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            var value = UInt32(byte) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
            for offset in 1..<length { value = value << 6 | UInt32(base[index + offset] & 0x3F) }
            let encoded = UnsafeBufferPointer(start: base + index, count: length)
            index += length
            guard let scalar = Unicode.Scalar(value) else { continue }
            if isIdeographic(value) {
                if !word.isEmpty { finish() }
                body(encoded)
                continue
            }
            guard isWordScalar(scalar) else {
                if !word.isEmpty { finish() }
                // The scalar after is where the caller looks for the next word.
                return index
            }
            word.append(contentsOf: encoded)
            plain = false
            scalars += 1
        }
        if !word.isEmpty { finish() }
        return index
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
