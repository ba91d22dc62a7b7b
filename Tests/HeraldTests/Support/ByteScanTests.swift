import Testing

@testable import Herald

/// Scans that look at eight bytes at a time find exactly what a scan of
/// one byte at a time finds.
@Suite struct ByteScanTests {
    @Test func byteMaskMarksExactlyTheEqualBytes() {
        for target in [UInt8(0x00), 0x20, 0x26, 0x7F, 0x80, 0xFF] {
            for value in UInt8.min...UInt8.max {
                for position in [0, 3, 7] {
                    // The value at one position, its neighbours one above and below.
                    var bytes = [UInt8](repeating: target &+ 1, count: 8)
                    bytes[position] = value
                    if position > 0 { bytes[position - 1] = target &- 1 }
                    let word = bytes.withUnsafeBytes { ByteMask.word($0.baseAddress!, at: 0) }
                    let expected = bytes.enumerated().reduce(UInt64(0)) { mask, entry in
                        entry.element == target ? mask | (0x80 << (8 * UInt64(entry.offset))) : mask
                    }
                    #expect(ByteMask.bytes(of: word, equalTo: target) == expected)
                }
            }
        }
    }

    @Test func escapingMatchesCharacterByCharacterReplacement() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "é", "&", "<", ">", "\"", "'", " ", "longer plain text ", "東京", "&amp;"]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0..<30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            var expected = ""
            for character in text {
                switch character {
                case "&": expected += "&amp;"
                case "<": expected += "&lt;"
                case ">": expected += "&gt;"
                case "\"": expected += "&quot;"
                case "'": expected += "&#39;"
                default: expected.append(character)
                }
            }
            #expect(HTMLEscaping.escape(text) == expected)
            var bytes: [UInt8] = []
            HTMLEscaping.escape(text, into: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == expected)
        }
    }
}
