import CCmark

/// GFM tables, found in libcmark's paragraphs.
///
/// libcmark reads a table as a paragraph (or, with a `===` line under it, a
/// setext heading). The lines of each such block are looked at as written:
/// a header row followed by a delimiter row with as many cells starts a
/// table; lines before it stay a paragraph; rows follow until a line that
/// would start another block, and the lines from there on are parsed again
/// as Markdown. The cells' text is parsed for its inlines once for all the
/// tables under the root, each cell as a paragraph of its own.
struct Tables {
    let document: CMarkDocument
    /// The source of the nodes under `root` (a footnote's own text for its nodes).
    let lines: SourceLines
    private(set) var linkPositions: [OpaquePointer: (line: Int, column: Int)] = [:]
    /// Cells made and not yet filled: the node, its text, its row's line.
    private var pendingCells: [(node: OpaquePointer, text: ArraySlice<UInt8>, line: Int)] = []
    /// The link reference definitions of the source, put before the text of
    /// every separate parse (cells, lines after a table), so that `[a][ref]`
    /// there finds them as in the rest of the document.
    private var definitions = TableReferenceDefinitions.none

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
        if !candidates.isEmpty {
            definitions = TableReferenceDefinitions(under: root, lines: lines, document: document)
        }
        for node in candidates {
            rewrite(node)
        }
        fillCells()
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
        let table = document.customNode(block: true, staticEnter: "<table>", staticExit: "</table>")
        _ = cmark_node_insert_before(node, table)
        let head = document.customNode(block: true, staticEnter: "<thead>", staticExit: "</thead>")
        _ = cmark_node_append_child(table, head)
        appendRow(header, line: blockLines[headerIndex].number, tag: "th", alignments: alignments, to: head)
        if !rows.isEmpty {
            let body = document.customNode(block: true, staticEnter: "<tbody>", staticExit: "</tbody>")
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
        var text = definitions.prefix
        for line in blockLines {
            text += line.text
            text.append(0x0A)
        }
        let fragment = text.withUnsafeBufferPointer { document.parseFragment($0) }
        let shift = definitions.lineCount
        recordLinks(in: fragment) { (first.number - 1 - shift + CMarkDocument.line(of: $0), CMarkDocument.column(of: $0)) }
        let blocks = CMarkNode.children(of: fragment)
        blocks.forEach { cmark_node_unlink($0) }
        return blocks
    }

    private mutating func appendRow(
        _ cells: [ArraySlice<UInt8>], line: Int, tag: String, alignments: [TableRow.Alignment], to section: OpaquePointer
    ) {
        let row = document.customNode(block: true, staticEnter: "<tr>", staticExit: "</tr>")
        _ = cmark_node_append_child(section, row)
        let header = tag == "th"
        for (column, alignment) in alignments.enumerated() {
            let cell = document.customNode(block: false, staticEnter: Self.openingTag(header: header, alignment), staticExit: header ? "</th>\n" : "</td>\n")
            _ = cmark_node_append_child(row, cell)
            guard column < cells.count, !cells[column].isEmpty else { continue }
            let text = cells[column]
            pendingCells.append((cell, text.contains(0x5C) ? TableRow.unescapingPipes(text)[...] : text, line))
        }
    }

    /// A cell's opening tag, its alignment as `style` (the `align`
    /// attribute cmark-gfm writes is obsolete HTML).
    private static func openingTag(header: Bool, _ alignment: TableRow.Alignment) -> StaticString {
        switch (header, alignment) {
        case (true, .none): "<th>"
        case (true, .left): "<th style=\"text-align: left\">"
        case (true, .center): "<th style=\"text-align: center\">"
        case (true, .right): "<th style=\"text-align: right\">"
        case (false, .none): "<td>"
        case (false, .left): "<td style=\"text-align: left\">"
        case (false, .center): "<td style=\"text-align: center\">"
        case (false, .right): "<td style=\"text-align: right\">"
        }
    }

    /// Parses the text of every pending cell, each as one paragraph of
    /// inlines, in one libcmark document, and moves each paragraph's
    /// inlines into its cell. A cell's text that does not start with a
    /// letter gets a no-break space in front, which starts no block (`# x`, `1. x`, `<div>` and `[a]: /b`
    /// stay text, as in a cell) and counts as white space for delimiters and
    /// smart quotes, as the start of a line does; it is taken out again
    /// after parsing. Links are recorded at their row (cells were parsed apart).
    private mutating func fillCells() {
        guard !pendingCells.isEmpty else { return }
        var text = definitions.prefix
        text.reserveCapacity(text.count + pendingCells.reduce(0) { $0 + $1.text.count + 4 })
        for cell in pendingCells {
            if Self.needsShield(cell.text) { text += Self.noBreakSpace }
            text += cell.text
            text += [0x0A, 0x0A]
        }
        let fragment = text.withUnsafeBufferPointer { document.parseFragment($0) }
        let blocks = CMarkNode.children(of: fragment)
        // Every cell is one paragraph; should libcmark ever see it otherwise,
        // the cells are parsed one by one instead.
        guard blocks.count == pendingCells.count, blocks.allSatisfy({ CMarkDocument.type(of: $0) == CMARK_NODE_PARAGRAPH }) else {
            if pendingCells.count == 1 {
                // Not inlines after all: the cell shows its text as written.
                let text = document.newNode(CMARK_NODE_TEXT)
                CMarkNode.setLiteral(pendingCells[0].text, of: text)
                _ = cmark_node_append_child(pendingCells[0].node, text)
                pendingCells = []
                return
            }
            let cells = pendingCells
            pendingCells = []
            for cell in cells {
                pendingCells = [cell]
                fillCells()
            }
            return
        }
        var index = -1
        CMarkNode.forEach(in: fragment) { node in
            if cmark_node_parent(node) == fragment { index += 1 }
            let type = CMarkDocument.type(of: node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, index >= 0 { linkPositions[node] = (pendingCells[index].line, 1) }
        }
        for (cell, paragraph) in zip(pendingCells, blocks) {
            if Self.needsShield(cell.text), let first = cmark_node_first_child(paragraph), CMarkDocument.type(of: first) == CMARK_NODE_TEXT {
                let literal = CMarkNode.literalBytes(of: first)
                if literal.starts(with: Self.noBreakSpace) { CMarkNode.setLiteral(literal.dropFirst(Self.noBreakSpace.count), of: first) }
            }
            CMarkNode.moveChildren(of: paragraph, to: cell.node)
        }
        pendingCells = []
    }

    /// A cell starting with a letter (most do) cannot start a block, and
    /// needs no no-break space in front.
    private static func needsShield(_ text: ArraySlice<UInt8>) -> Bool {
        guard let first = text.first else { return false }
        return !((first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A))
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
