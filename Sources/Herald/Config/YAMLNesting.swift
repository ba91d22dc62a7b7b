/// A conservative bound on how deeply the collections of a YAML text nest,
/// computed in one pass before the text reaches Yams.
///
/// Yams builds its nodes recursively, one stack frame per level, so a front
/// matter of ten thousand `[` would overflow the stack of the thread reading
/// it. The bound never underestimates: block collections need a deeper
/// indentation or an indicator (`- `, `? `) further right on the same
/// line, and flow collections a `[` or `{`; quoted text, comments and block
/// scalars (`|`, `>`) are skipped. It may overestimate by about a factor of
/// two, so the limit is generous.
enum YAMLNesting {
    /// Levels a site may nest; real front matter uses three or four.
    static let limit = 100

    /// The first line (1-based, within `text`) where the bound exceeds
    /// `limit`, or nil when the text is shallow enough.
    static func firstTooDeepLine(_ text: String, limit: Int = limit) -> Int? {
        if isSurelyShallow(text, limit: limit) { return nil }
        var indents: [Int] = []  // columns of the open block collections' lines and indicators
        var flowDepth = 0
        var quote: UInt8 = 0  // the open quote of a scalar that spans lines
        var blockScalarIndent: Int?  // while inside `|` or `>` text: the indentation of its key's line
        var lineNumber = 0
        for line in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            let bytes = Array(line)
            var indent = 0
            while indent < bytes.count, bytes[indent] == 0x20 { indent += 1 }
            let blank = indent == bytes.count || bytes[indent] == 0x0D || bytes[indent] == 0x23  // empty or a comment
            if let parentIndent = blockScalarIndent {
                if blank || indent > parentIndent { continue }
                blockScalarIndent = nil
            }
            if blank && quote == 0 { continue }
            if quote == 0 && flowDepth == 0 {
                while let last = indents.last, last > indent { indents.removeLast() }
                if indents.last != indent { indents.append(indent) }
            }
            var index = quote == 0 ? indent : 0
            var lastSignificant: UInt8 = 0
            while index < bytes.count {
                let byte = bytes[index]
                if quote != 0 {
                    if byte == 0x5C && quote == 0x22 { index += 2; continue }  // \" inside "…"
                    if byte == quote {
                        if quote == 0x27, index + 1 < bytes.count, bytes[index + 1] == 0x27 { index += 2; continue }  // '' inside '…'
                        quote = 0
                        lastSignificant = byte
                    }
                    index += 1
                    continue
                }
                let next: UInt8 = index + 1 < bytes.count ? bytes[index + 1] : 0x20
                let separated = next == 0x20 || next == 0x0D || next == 0x09
                let startsToken = index == 0 || bytes[index - 1] == 0x20 || bytes[index - 1] == 0x5B || bytes[index - 1] == 0x7B || bytes[index - 1] == 0x2C
                switch byte {
                case 0x23 where index == 0 || bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09:
                    index = bytes.count  // a comment
                    continue
                case 0x22 where startsToken || lastSignificant == 0x3A, 0x27 where startsToken || lastSignificant == 0x3A:
                    quote = byte
                case 0x5B, 0x7B:
                    flowDepth += 1
                    if 2 * indents.count + 1 + flowDepth > limit { return lineNumber }
                case 0x5D, 0x7D:
                    flowDepth = max(flowDepth - 1, 0)
                case 0x2D where separated && startsToken && flowDepth == 0, 0x3F where separated && startsToken && flowDepth == 0:
                    // `- ` and `? ` open a collection at their column; a mapping
                    // needs no column of its own, as each column holds at most
                    // two collections (a mapping, and a sequence as its value).
                    if indents.last.map({ $0 < index }) ?? true { indents.append(index) }
                default:
                    break
                }
                if byte != 0x20 && byte != 0x09 && byte != 0x0D { lastSignificant = byte }
                index += 1
            }
            if 2 * indents.count + 1 + flowDepth > limit { return lineNumber }
            // `key: |` or `- >-` starts a block scalar: its lines are text.
            if quote == 0, flowDepth == 0, lastSignificant == 0x7C || lastSignificant == 0x3E
                || ((lastSignificant == 0x2D || lastSignificant == 0x2B || (0x30...0x39).contains(lastSignificant)) && Self.endsWithBlockScalarHeader(bytes))
            {
                blockScalarIndent = indent
            }
        }
        return nil
    }

    /// A quick count for the common short front matter: each line and each
    /// `-` or `?` can open at most one block collection, each `[` or `{` one
    /// flow collection, so when even those counts stay within the limit no
    /// line can exceed it.
    private static func isSurelyShallow(_ text: String, limit: Int) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var openers = 1, flows = 0
            for byte in bytes {
                switch byte {
                case 0x0A, 0x2D, 0x3F: openers += 1
                case 0x5B, 0x7B: flows += 1
                default: break
                }
            }
            return 2 * openers + 1 + flows <= limit
        }
    }

    /// True when the line ends with a block scalar header such as `|-`, `>+` or `|2`.
    private static func endsWithBlockScalarHeader(_ bytes: [UInt8]) -> Bool {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x0D { end -= 1 }
        var start = end
        while start > 0, bytes[start - 1] == 0x2D || bytes[start - 1] == 0x2B || (0x30...0x39).contains(bytes[start - 1]) { start -= 1 }
        return start > 0 && start < end && (bytes[start - 1] == 0x7C || bytes[start - 1] == 0x3E)
    }
}
