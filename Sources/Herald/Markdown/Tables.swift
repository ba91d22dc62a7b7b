import CCmark

/// GFM tables, found in libcmark's paragraphs.
///
/// libcmark reads a table as a paragraph (or, with a `===` line under it, a
/// setext heading). The lines of each such block are looked at as written:
/// a header row followed by a delimiter row with as many cells starts a
/// table; lines before it stay a paragraph; rows follow until a line that
/// would start another block, and the lines from there on are parsed again
/// as Markdown. Each cell's text is parsed on its own for its inlines.
struct Tables {
    let document: CMarkDocument
    /// The source of the nodes under `root` (a footnote's own text for its nodes).
    let lines: SourceLines
    private(set) var linkPositions: [OpaquePointer: (line: Int, column: Int)] = [:]

    init(document: CMarkDocument, lines: SourceLines) {
        self.document = document
        self.lines = lines
    }

    mutating func apply(under root: OpaquePointer) {
        var candidates: [OpaquePointer] = []
        CMarkNode.forEach(in: root) { node in
            let type = CMarkDocument.type(of: node)
            if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING,
                CMarkNode.endLine(of: node) > CMarkDocument.line(of: node)
            {
                candidates.append(node)
            }
        }
        for node in candidates {
            rewrite(node)
        }
    }

    /// The content of each source line of a block, without the markers of
    /// the containers it is in (`> `, list indentation); `lazy` for a line
    /// that continues a paragraph without its block quotes' `>`.
    private func contentLines(of node: OpaquePointer) -> [Line] {
        let first = CMarkDocument.line(of: node), last = CMarkNode.endLine(of: node)
        let indent = max(0, CMarkDocument.column(of: node) - 1)
        var quotes = 0
        var ancestor = cmark_node_parent(node)
        while let current = ancestor {
            if CMarkDocument.type(of: current) == CMARK_NODE_BLOCK_QUOTE { quotes += 1 }
            ancestor = cmark_node_parent(current)
        }
        var result: [Line] = []
        for number in first...last {
            var text = lines.line(number)
            if number == first {
                result.append(Line(number: number, text: text.dropFirst(min(indent, text.count)), lazy: false))
                continue
            }
            var stripped = 0
            var markers = 0
            while stripped < indent, let byte = text.first, byte == 0x20 || byte == 0x3E || byte == 0x09 {
                if byte == 0x3E { markers += 1 }
                text = text.dropFirst()
                stripped += 1
            }
            // A paragraph holds no blank line. (libcmark may end a quoted
            // paragraph with a lazy line further down than its last line.)
            if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { break }
            result.append(Line(number: number, text: markers < quotes ? lines.line(number) : text, lazy: markers < quotes))
        }
        return result
    }

    private struct Line {
        var number: Int
        var text: ArraySlice<UInt8>
        var lazy: Bool
    }

    private mutating func rewrite(_ node: OpaquePointer) {
        let isHeading = CMarkDocument.type(of: node) == CMARK_NODE_HEADING
        // A setext heading's underline counts too: `===` is a row of a table
        // above it, `---` a thematic break after it.
        let blockLines = contentLines(of: node)
        var headerIndex: Int?
        var alignments: [TableRow.Alignment] = []
        var header: [ArraySlice<UInt8>] = []
        let searchable = isHeading ? blockLines.count - 1 : blockLines.count
        var index = 1
        while index < searchable {
            if let found = TableRow.delimiterRow(blockLines[index].text),
                let cells = TableRow.cells(blockLines[index - 1].text), cells.count == found.count
            {
                headerIndex = index - 1
                alignments = found
                header = cells
                break
            }
            index += 1
        }
        guard let headerIndex else { return }
        var rows: [(number: Int, cells: [ArraySlice<UInt8>])] = []
        var end = headerIndex + 2
        while end < blockLines.count {
            let text = blockLines[end].text
            guard !blockLines[end].lazy, !TableRow.startsBlock(text), let cells = TableRow.cells(text), !cells.isEmpty else { break }
            rows.append((blockLines[end].number, cells))
            end += 1
        }
        if headerIndex > 0 {
            insertParsed(blockLines[0..<headerIndex], before: node)
        }
        let table = document.customNode(block: true, enter: "<table>", exit: "</table>")
        _ = cmark_node_insert_before(node, table)
        let head = document.customNode(block: true, enter: "<thead>", exit: "</thead>")
        _ = cmark_node_append_child(table, head)
        appendRow(header, line: blockLines[headerIndex].number, tag: "th", alignments: alignments, to: head)
        if !rows.isEmpty {
            let body = document.customNode(block: true, enter: "<tbody>", exit: "</tbody>")
            _ = cmark_node_append_child(table, body)
            for row in rows {
                appendRow(row.cells, line: row.number, tag: "td", alignments: alignments, to: body)
            }
        }
        if end < blockLines.count {
            if blockLines[end].lazy {
                // A lazy line does not continue a table: it is outside the quotes.
                var outer = node
                var ancestor = cmark_node_parent(node)
                while let current = ancestor, CMarkDocument.type(of: current) != CMARK_NODE_DOCUMENT {
                    if CMarkDocument.type(of: current) == CMARK_NODE_BLOCK_QUOTE { outer = current }
                    ancestor = cmark_node_parent(current)
                }
                insertParsed(blockLines[end...], after: outer)
            } else {
                insertParsed(blockLines[end...], before: node)
            }
        }
        cmark_node_unlink(node)
    }

    /// Parses `blockLines` as Markdown of their own and puts the blocks
    /// before `node`, or after it.
    private mutating func insertParsed(_ blockLines: ArraySlice<Line>, before node: OpaquePointer) {
        for block in parsed(blockLines) {
            _ = cmark_node_insert_before(node, block)
        }
    }

    private mutating func insertParsed(_ blockLines: ArraySlice<Line>, after node: OpaquePointer) {
        var anchor = node
        for block in parsed(blockLines) {
            _ = cmark_node_insert_after(anchor, block)
            anchor = block
        }
    }

    /// The blocks of `blockLines`, unlinked. Their links are recorded at the
    /// lines of the file.
    private mutating func parsed(_ blockLines: ArraySlice<Line>) -> [OpaquePointer] {
        guard let first = blockLines.first else { return [] }
        var text: [UInt8] = []
        for line in blockLines {
            text += line.text
            text.append(0x0A)
        }
        let fragment = text.withUnsafeBufferPointer { document.parseFragment($0) }
        recordLinks(in: fragment) { (first.number - 1 + CMarkDocument.line(of: $0), CMarkDocument.column(of: $0)) }
        let blocks = CMarkNode.children(of: fragment)
        blocks.forEach { cmark_node_unlink($0) }
        return blocks
    }

    private mutating func appendRow(
        _ cells: [ArraySlice<UInt8>], line: Int, tag: String, alignments: [TableRow.Alignment], to section: OpaquePointer
    ) {
        let row = document.customNode(block: true, enter: "<tr>", exit: "</tr>")
        _ = cmark_node_append_child(section, row)
        let contents = parseCells(cells.prefix(alignments.count).map(TableRow.unescapingPipes))
        for (column, alignment) in alignments.enumerated() {
            let style = alignment.style.map { " style=\"\($0)\"" } ?? ""
            let cell = document.customNode(block: false, enter: "<\(tag)\(style)>", exit: "</\(tag)>\n")
            _ = cmark_node_append_child(row, cell)
            guard column < contents.count, let paragraph = contents[column] else { continue }
            CMarkNode.moveChildren(of: paragraph, to: cell)
            // Cells were parsed apart: their links are reported at the row.
            recordLinks(in: cell) { _ in (line, 1) }
        }
    }

    /// Each cell's text parsed as one paragraph of inlines (`nil` for an
    /// empty cell). All cells of a row go through libcmark at once, as
    /// paragraphs apart. Each starts with a no-break space, which starts no
    /// block (`# x`, `1. x`, `<div>` and `[a]: /b` stay text, as in a cell)
    /// and counts as white space for delimiters and smart quotes, as the
    /// start of a line does; it is taken out again after parsing.
    private func parseCells(_ cells: [[UInt8]]) -> [OpaquePointer?] {
        var text: [UInt8] = []
        var filled = 0
        for cell in cells where !cell.isEmpty {
            text += Self.noBreakSpace
            text += cell
            text += [0x0A, 0x0A]
            filled += 1
        }
        guard filled > 0 else { return cells.map { _ in nil } }
        let fragment = text.withUnsafeBufferPointer { document.parseFragment($0) }
        let blocks = CMarkNode.children(of: fragment)
        guard blocks.count == filled else { return cells.map { _ in nil } }
        var next = 0
        return cells.map { cell in
            guard !cell.isEmpty else { return nil }
            let paragraph = blocks[next]
            next += 1
            if let first = cmark_node_first_child(paragraph), CMarkDocument.type(of: first) == CMARK_NODE_TEXT {
                let literal = CMarkNode.literalBytes(of: first)
                if literal.starts(with: Self.noBreakSpace) { CMarkNode.setLiteral(literal.dropFirst(Self.noBreakSpace.count), of: first) }
            }
            return paragraph
        }
    }

    private static let noBreakSpace: [UInt8] = [0xC2, 0xA0]

    /// Where the links and images under `root` were written, for errors:
    /// their nodes come from a separate parse.
    private mutating func recordLinks(in root: OpaquePointer, place: (OpaquePointer) -> (line: Int, column: Int)) {
        var found: [OpaquePointer] = []
        CMarkNode.forEach(in: root) { node in
            let type = CMarkDocument.type(of: node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE { found.append(node) }
        }
        for node in found { linkPositions[node] = place(node) }
    }
}
