import Testing

@testable import Herald

/// `SearchText.words(in:)` hands on slices of the text and folds only words
/// with non-ASCII letters; the byte-by-byte version it replaced is kept here
/// as the reference it must agree with.
@Suite struct SearchTextReferenceTests {
    static let pieces = [
        "flood", "Flood", "FLOODS", "a", "I", "x1", "2025", "07", " ", "  ", "\n", ".", ",", "-", "'", "’", "—", "(", ")",
        "Zürich", "ZÜRICH", "é", "E\u{301}", "e\u{301}", "Straße", "ẞ", "ΟΔΟΣ", "οδός", "ﬁ", "①", "Ⅻ", "東", "京の", "カタカナ",
        "𠀋", "😀", "\u{00A0}", "\u{200B}", "naïve", "Ørsted", "İstanbul", "ǅ", "\u{0301}", "ab", "Ab", "aB",
        String(repeating: "k", count: 63), String(repeating: "q", count: 64), String(repeating: "z", count: 65),
        String(repeating: "é", count: 32), String(repeating: "é", count: 33), String(repeating: "Ü", count: 40),
    ]

    @Test func agreesWithTheByteByByteVersion() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0..<10, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            var words: [String] = []
            SearchText.words(text) { words.append($0) }
            var expected: [String] = []
            ReferenceSearchText.words(text) { expected.append($0) }
            #expect(words == expected, "\(text.debugDescription)")
        }
    }
}

enum ReferenceSearchText {
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
            guard scalars > 1, word.count <= SearchText.maximumLength else { return }
            let text = String(decoding: word, as: UTF8.self)
            if plain { body(text) } else if let folded = SearchText.fold(text) { body(folded) }
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
                if SearchText.isIdeographic(value) {
                    if !word.isEmpty { finish() }
                    body(String(decoding: encoded, as: UTF8.self))
                    continue
                }
                guard SearchText.isWordScalar(scalar) else {
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
}
