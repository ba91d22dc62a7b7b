/// The line-level rules of GFM tables: splitting a row into cells, reading
/// the delimiter row, and what ends a table.
enum TableRow {
    enum Alignment {
        case none, left, center, right
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private static func trimmed(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var text = text
        while let first = text.first, isSpace(first) { text = text.dropFirst() }
        while let last = text.last, isSpace(last) { text = text.dropLast() }
        return text
    }

    /// The cells of a row, trimmed: an optional leading and trailing `|`,
    /// cells split at every `|` not written `\|`. `nil` when the line has
    /// no cell at all (`|` alone).
    static func cells(_ line: ArraySlice<UInt8>) -> [ArraySlice<UInt8>]? {
        var text = trimmed(line)
        if text.first == 0x7C { text = text.dropFirst() }
        guard !text.isEmpty else { return nil }
        var cells: [ArraySlice<UInt8>] = []
        var start = text.startIndex
        var index = start
        while index < text.endIndex {
            let byte = text[index]
            if byte == 0x5C, index + 1 < text.endIndex, text[index + 1] == 0x7C {
                index += 2
                continue
            }
            if byte == 0x7C {
                cells.append(trimmed(text[start..<index]))
                start = index + 1
            }
            index += 1
        }
        // A closing `|` ends the row without starting another cell.
        if start < text.endIndex { cells.append(trimmed(text[start...])) }
        return cells
    }

    /// The alignments of a delimiter row (`| :--- | :-: | --: |`), or `nil`
    /// when the line is not one. At most three spaces of indentation.
    static func delimiterRow(_ line: ArraySlice<UInt8>) -> [Alignment]? {
        var indent = 0
        for byte in line {
            guard byte == 0x20 else { break }
            indent += 1
        }
        guard indent < 4 else { return nil }
        var text = trimmed(line)
        guard !text.isEmpty else { return nil }
        var sawPipe = false
        if text.first == 0x7C { text = text.dropFirst(); sawPipe = true }
        if text.last == 0x7C { text = text.dropLast(); sawPipe = true }
        var alignments: [Alignment] = []
        for cell in text.split(separator: 0x7C, omittingEmptySubsequences: false) {
            var marker = trimmed(cell)
            let left = marker.first == 0x3A
            if left { marker = marker.dropFirst() }
            let right = marker.last == 0x3A
            if right { marker = marker.dropLast() }
            guard !marker.isEmpty, marker.allSatisfy({ $0 == 0x2D }) else { return nil }
            alignments.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        if text.contains(0x7C) { sawPipe = true }
        // Without a pipe, `---` under a line is a setext heading, which
        // libcmark has already made; `:--` alone is still a delimiter row.
        guard sawPipe || alignments.first.map({ $0 != .none }) == true else { return nil }
        return alignments
    }

    /// Whether `line` starts a block other than a paragraph, which ends a
    /// table (unlike a paragraph, a table also ends at indented code and at
    /// list items that could not interrupt a paragraph).
    static func startsBlock(_ line: ArraySlice<UInt8>) -> Bool {
        var indent = 0
        var index = line.startIndex
        while index < line.endIndex, isSpace(line[index]) {
            indent += line[index] == 0x09 ? 4 : 1
            index += 1
        }
        guard index < line.endIndex else { return true }
        if indent >= 4 { return true }
        let rest = line[index...]
        let first = rest[rest.startIndex]
        func followedBySpace(_ offset: Int) -> Bool {
            let position = rest.startIndex + offset
            return position >= rest.endIndex || isSpace(rest[position])
        }
        switch first {
        case 0x3E: return true  // >
        case 0x23:  // #
            var level = 0
            while rest.startIndex + level < rest.endIndex, rest[rest.startIndex + level] == 0x23 { level += 1 }
            return level <= 6 && followedBySpace(level)
        case 0x60, 0x7E:  // ``` ~~~
            return rest.prefix(3).allSatisfy { $0 == first } && rest.count >= 3
                && !(first == 0x60 && rest.dropFirst(3).contains(0x60))
        case 0x2D, 0x2B, 0x2A:  // - + *
            if followedBySpace(1) { return true }
            return isThematicBreak(rest)
        case 0x5F: return isThematicBreak(rest)
        case 0x3C: return startsHTMLBlock(rest)
        case 0x30...0x39:
            var digits = 0
            while rest.startIndex + digits < rest.endIndex, (0x30...0x39).contains(rest[rest.startIndex + digits]) { digits += 1 }
            guard digits <= 9, rest.startIndex + digits < rest.endIndex else { return false }
            let marker = rest[rest.startIndex + digits]
            return (marker == 0x2E || marker == 0x29) && followedBySpace(digits + 1)
        default: return false
        }
    }

    private static func isThematicBreak(_ text: ArraySlice<UInt8>) -> Bool {
        guard let first = text.first else { return false }
        var count = 0
        for byte in text {
            if byte == first { count += 1 } else if !isSpace(byte) { return false }
        }
        return count >= 3
    }

    private static let htmlBlockTags: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col", "colgroup", "dd",
        "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frame",
        "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link",
        "main", "menu", "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "section", "source",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul", "script", "pre", "style",
        "textarea",
    ]

    /// HTML blocks of kinds 1 to 6 (comments, `<?`, `<!X`, CDATA, and the
    /// block-level tags); kind 7 (any other tag alone on its line) too.
    private static func startsHTMLBlock(_ text: ArraySlice<UInt8>) -> Bool {
        let rest = text.dropFirst()
        guard let next = rest.first else { return false }
        if next == 0x21 || next == 0x3F { return true }
        let name = rest.drop { $0 == 0x2F }.prefix { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
        guard !name.isEmpty else { return false }
        if htmlBlockTags.contains(String(decoding: name, as: UTF8.self).lowercased()) { return true }
        // Kind 7: a whole open or closing tag and nothing after it.
        let trimmedText = trimmed(text)
        return trimmedText.last == 0x3E && !trimmedText.dropFirst().dropLast().contains(0x3C)
    }

    /// A cell's text with `\|` written as `|` (a pipe escaped for the table,
    /// even inside code spans).
    static func unescapingPipes(_ cell: ArraySlice<UInt8>) -> [UInt8] {
        guard cell.contains(0x7C) else { return Array(cell) }
        var result: [UInt8] = []
        result.reserveCapacity(cell.count)
        var index = cell.startIndex
        while index < cell.endIndex {
            if cell[index] == 0x5C, index + 1 < cell.endIndex, cell[index + 1] == 0x7C {
                index += 1
                continue
            }
            result.append(cell[index])
            index += 1
        }
        return result
    }
}
