/// The `[^label]` references in one text node's literal.
///
/// libcmark leaves brackets that made no link as text, joined with the text
/// around them, so the literal alone cannot tell `[^1]` from `\[^1]` or
/// `&#91;^1]`, nor give the label as written (smart punctuation may have
/// changed it). The source the node was written as tells both: its brackets
/// are matched, in order, with the literal's.
struct FootnoteBrackets {
    let literal: [UInt8]
    /// The node's source, `nil` when unknown (then every bracket counts).
    let written: ArraySlice<UInt8>?

    struct Reference {
        /// The reference's bytes in the literal, `[` to `]`.
        var start: Int
        var end: Int
        var key: String
    }

    func references() -> [Reference] {
        let positions = literal.indices.filter { literal[$0] == 0x5B || literal[$0] == 0x5D }
        // For each bracket of the literal: active, and where the source has it.
        var sourceBrackets: [(active: Bool, offset: Int)]
        if let written, !(written.count == literal.count && written.elementsEqual(literal)) {
            sourceBrackets = Self.brackets(in: written)
            // Some other spelling of a bracket: take none rather than guess.
            guard sourceBrackets.count == positions.count else { return [] }
        } else {
            sourceBrackets = positions.map { (true, $0) }
        }
        let source = written.map { Array($0) } ?? literal
        var found: [Reference] = []
        var index = 0
        while index + 1 < positions.count {
            let open = positions[index], close = positions[index + 1]
            guard literal[open] == 0x5B, sourceBrackets[index].active, open + 1 < literal.count, literal[open + 1] == 0x5E,
                literal[close] == 0x5D, sourceBrackets[index + 1].active
            else {
                index += 1
                continue
            }
            let label = source[(sourceBrackets[index].offset + 2)..<max(sourceBrackets[index].offset + 2, sourceBrackets[index + 1].offset)]
            let key = FootnoteDefinitions.normalizedLabel(label)
            if !key.isEmpty { found.append(Reference(start: open, end: close + 1, key: key)) }
            index += 2
        }
        return found
    }

    /// The brackets the source spells, in order: `[` and `]` as written are
    /// active; escaped (`\[`) or as character references they are text.
    private static func brackets(in written: ArraySlice<UInt8>) -> [(active: Bool, offset: Int)] {
        let bytes = Array(written)
        var result: [(active: Bool, offset: Int)] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x5C, index + 1 < bytes.count, InlineCharacters.isPunctuation(Unicode.Scalar(bytes[index + 1])) {
                if bytes[index + 1] == 0x5B || bytes[index + 1] == 0x5D { result.append((false, index + 1)) }
                index += 2
            } else if byte == 0x26, let length = bracketReferenceLength(bytes, at: index) {
                result.append((false, index))
                index += length
            } else {
                if byte == 0x5B || byte == 0x5D { result.append((true, index)) }
                index += 1
            }
        }
        return result
    }

    private static let namedBrackets: [[UInt8]] = ["&lsqb;", "&lbrack;", "&rsqb;", "&rbrack;"].map { Array($0.utf8) }

    /// The length of a character reference to `[` or `]` at `index`.
    private static func bracketReferenceLength(_ bytes: [UInt8], at index: Int) -> Int? {
        for name in namedBrackets where bytes[index...].starts(with: name) { return name.count }
        guard let reference = InlineCharacters.numericReference(in: bytes, at: index), reference.value == 0x5B || reference.value == 0x5D else {
            return nil
        }
        return reference.length
    }
}
