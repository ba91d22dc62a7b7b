/// How a text node's literal lines up with the source it was read from:
/// libcmark's literal has escapes taken out, character references decoded
/// and (with smart punctuation) quotes, dashes and ellipses replaced. For
/// each place in the source where such a piece starts, the place in the
/// literal; `nil` when the two cannot be lined up.
struct WrittenText {
    /// For each source offset (and its end): the literal offset, or -1
    /// inside a piece of the source that the literal spells otherwise.
    private let literalOffsets: [Int]

    init?(source: [UInt8], literal: [UInt8]) {
        var offsets = [Int](repeating: -1, count: source.count + 1)
        var i = 0, j = 0
        func literalHas(_ bytes: [UInt8]) -> Bool {
            j + bytes.count <= literal.count && literal[j..<(j + bytes.count)].elementsEqual(bytes)
        }
        while i < source.count {
            offsets[i] = j
            let byte = source[i]
            if byte == 0x5C, i + 1 < source.count, InlineCharacters.isPunctuation(Unicode.Scalar(source[i + 1])), literalHas([source[i + 1]]) {
                i += 2
                j += 1
            } else if byte == 0x26, j < literal.count, let end = Self.referenceEnd(source, at: i),
                literal[j] != 0x26 || Self.isAmpersandReference(source[i...end])
            {
                // A character reference: one character of the literal.
                var length = 1
                let lead = literal[j]
                if lead >= 0xF0 { length = 4 } else if lead >= 0xE0 { length = 3 } else if lead >= 0xC0 { length = 2 }
                if let numeric = InlineCharacters.numericReference(in: source, at: i), let scalar = Unicode.Scalar(numeric.value) {
                    length = String(scalar).utf8.count
                }
                i = end + 1
                j += length
            } else if byte == 0x2D, i + 1 < source.count, source[i + 1] == 0x2D, literalHas(Self.enDash) || literalHas(Self.emDash) {
                while i < source.count, source[i] == 0x2D { i += 1 }
                while literalHas(Self.enDash) || literalHas(Self.emDash) { j += 3 }
            } else if byte == 0x2E, i + 2 < source.count, source[i + 1] == 0x2E, source[i + 2] == 0x2E, literalHas(Self.ellipsis) {
                i += 3
                j += 3
            } else if byte == 0x27 || byte == 0x22, Self.curlyQuotes.contains(where: literalHas) {
                i += 1
                j += 3
            } else if j < literal.count, literal[j] == byte {
                i += 1
                j += 1
            } else {
                return nil
            }
        }
        guard j == literal.count else { return nil }
        offsets[source.count] = j
        literalOffsets = offsets
    }

    /// The `;` ending what may be a character reference at `index`.
    private static func referenceEnd(_ source: [UInt8], at index: Int) -> Int? {
        var end = index + 1
        while end < source.count, end - index <= 33 {
            let byte = source[end]
            if byte == 0x3B { return end > index + 1 ? end : nil }
            guard byte == 0x23 || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) else { return nil }
            end += 1
        }
        return nil
    }

    private static func isAmpersandReference(_ reference: ArraySlice<UInt8>) -> Bool {
        let text = String(decoding: reference, as: UTF8.self).lowercased()
        return text == "&amp;" || text == "&#38;" || text == "&#x26;" || text == "&#038;"
    }

    private static let enDash: [UInt8] = [0xE2, 0x80, 0x93]
    private static let emDash: [UInt8] = [0xE2, 0x80, 0x94]
    private static let ellipsis: [UInt8] = [0xE2, 0x80, 0xA6]
    private static let curlyQuotes: [[UInt8]] = [[0xE2, 0x80, 0x98], [0xE2, 0x80, 0x99], [0xE2, 0x80, 0x9C], [0xE2, 0x80, 0x9D]]

    /// Where the literal is at `sourceOffset`; `nil` inside a piece.
    func literalOffset(_ sourceOffset: Int) -> Int? {
        let offset = literalOffsets[sourceOffset]
        return offset < 0 ? nil : offset
    }
}
