import CCmark

/// GFM footnote definitions (`[^label]: text`, continued by lines indented
/// four spaces and by lazy lines of its paragraphs), taken out of the source
/// before libcmark parses it: libcmark would read `[^a]: b` as a link
/// reference definition and the indented lines after it as code.
///
/// Definitions are recognised at the document's top level, where cmark-gfm
/// would start one: a first parse of the source tells which lines lie inside
/// code, raw HTML or list items. Each definition's first line becomes an
/// empty HTML comment (it ends the blocks before it, as the definition does)
/// and its other lines become blank, so that the rest keeps its line numbers.
struct FootnoteDefinitions {
    struct Definition {
        /// As written, for the ids.
        var label: String
        /// How references find it (case and white space aside).
        var key: String
        /// The definition's Markdown, indentation of its continuation lines removed.
        var body: [UInt8]
        /// The file line of `[^label]:` (1-based, within the body given to the renderer).
        var line: Int
        /// For each line of `body`, the bytes taken off its start.
        var columnShift: [Int]
    }

    /// The source with the definitions' lines replaced.
    var source: String
    var definitions: [Definition]
    /// The lines now holding `placeholder`.
    var placeholderLines: Set<Int>

    static let placeholder = "<!-- -->"

    /// `nil` when `markdown` has no definition.
    static func extract(from markdown: String, options: Int32) -> FootnoteDefinitions? {
        guard SourceBytes.contains(SourceBytes.footnoteOpener, in: markdown) else { return nil }
        let lines = SourceLines(markdown)
        var candidates: [Int] = []
        var nested: [Int: Int] = [:]
        for number in 1...max(1, lines.count) {
            let text = lines.line(number)
            if marker(in: text) != nil {
                candidates.append(number)
            } else if let colon = nestedMarkerColon(in: text) {
                nested[number] = colon
            }
        }
        guard !candidates.isEmpty || !nested.isEmpty else { return nil }
        let allowed = TopLevelLines(markdown: markdown, options: options, lineCount: lines.count)
        var definitions: [Definition] = []
        var consumed = 0
        for number in candidates where number > consumed {
            let text = lines.line(number)
            guard let found = marker(in: text), allowed.startsDefinition(line: number, indent: found.indent) else { continue }
            let definition = read(from: number, marker: found, lines: lines, options: options)
            consumed = number + definition.columnShift.count - 1
            definitions.append(definition)
        }
        nested = nested.filter { !allowed.isCode(line: $0.key) }
        guard !definitions.isEmpty || !nested.isEmpty else { return nil }
        var replaced: [Int: Bool] = [:]
        for definition in definitions {
            for offset in 0..<definition.columnShift.count { replaced[definition.line + offset] = offset == 0 }
        }
        var output: [UInt8] = []
        output.reserveCapacity(lines.bytes.count)
        for number in 1...lines.count {
            let text = lines.line(number)
            if let first = replaced[number] {
                if first { output += placeholder.utf8 }
            } else if let colon = nested[number] {
                // Not a definition here (cmark-gfm would take one inside a
                // quote or list item): an escaped colon keeps libcmark from
                // reading it as a link reference definition, which would
                // hide it and make links of the references.
                output += text[..<(text.startIndex + colon)]
                output.append(0x5C)
                output += text[(text.startIndex + colon)...]
            } else {
                output += text
            }
            output.append(0x0A)
        }
        return FootnoteDefinitions(
            source: String(decoding: output, as: UTF8.self), definitions: definitions,
            placeholderLines: Set(definitions.map(\.line)))
    }

    /// Where the colon of a marker is, after the markers of block quotes
    /// and list items that start the line.
    private static func nestedMarkerColon(in line: ArraySlice<UInt8>) -> Int? {
        guard line.contains(0x5E) else { return nil }
        var index = line.startIndex
        var prefixed = false
        while index < line.endIndex {
            let byte = line[index]
            if byte == 0x20 || byte == 0x09 {
                index += 1
            } else if byte == 0x3E {
                index += 1
                prefixed = true
            } else if byte == 0x2D || byte == 0x2B || byte == 0x2A, index + 1 < line.endIndex, line[index + 1] == 0x20 || line[index + 1] == 0x09 {
                index += 2
                prefixed = true
            } else if (0x30...0x39).contains(byte) {
                var end = index
                while end < line.endIndex, (0x30...0x39).contains(line[end]) { end += 1 }
                guard end + 1 < line.endIndex, line[end] == 0x2E || line[end] == 0x29, line[end + 1] == 0x20 || line[end + 1] == 0x09 else { return nil }
                index = end + 2
                prefixed = true
            } else {
                break
            }
        }
        guard prefixed, let found = marker(in: line[index...]) else { return nil }
        return index - line.startIndex + 2 + found.label.count + 1
    }

    /// `[^label]:` at the start of a line (at most three spaces in), with
    /// the label and where the definition's text starts.
    struct Marker {
        var indent: Int
        var label: ArraySlice<UInt8>
        var contentStart: Int
    }

    static func marker(in line: ArraySlice<UInt8>) -> Marker? {
        var index = line.startIndex
        while index < line.endIndex, line[index] == 0x20, index - line.startIndex < 4 { index += 1 }
        let indent = index - line.startIndex
        guard indent < 4, line.endIndex - index >= 5, line[index] == 0x5B, line[index + 1] == 0x5E else { return nil }
        let labelStart = index + 2
        var end = labelStart
        while end < line.endIndex {
            let byte = line[end]
            if byte == 0x5D { break }
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0 { return nil }
            end += 1
        }
        guard end > labelStart, end + 1 < line.endIndex, line[end] == 0x5D, line[end + 1] == 0x3A else { return nil }
        var content = end + 2
        while content < line.endIndex, line[content] == 0x20 || line[content] == 0x09 { content += 1 }
        return Marker(indent: indent, label: line[labelStart..<end], contentStart: content - line.startIndex)
    }

    /// The definition starting on line `first`: its marker line, then blank
    /// lines and lines indented four columns or more, and lazy lines that
    /// continue a paragraph; it ends before any other line.
    private static func read(from first: Int, marker: Marker, lines: SourceLines, options: Int32) -> Definition {
        let firstText = lines.line(first)
        var body = Array(firstText.dropFirst(marker.contentStart))
        body.append(0x0A)
        var shifts = [marker.contentStart]
        // Where each line of `body` ends (after its line feed).
        var ends = [body.count]
        // Lines up to the last that is not blank.
        var kept = 1
        var inParagraph = !isBlank(firstText.dropFirst(marker.contentStart))
        var lazyLines: [Int] = []
        var number = first + 1
        while number <= lines.count {
            let text = lines.line(number)
            if isBlank(text) {
                body.append(0x0A)
                shifts.append(0)
                inParagraph = false
            } else if let (stripped, removed) = withoutIndent(text) {
                body += stripped
                body.append(0x0A)
                shifts.append(removed)
                kept = shifts.count
                inParagraph = true
            } else if inParagraph, Self.marker(in: text) == nil, !TableRow.startsBlock(text) {
                // A lazy line: `===` under it would make a heading of the
                // paragraph, which a lazy line cannot.
                let underline = text.allSatisfy { $0 == 0x3D || $0 == 0x20 || $0 == 0x09 }
                if underline { body.append(0x5C) }
                body += text
                body.append(0x0A)
                shifts.append(underline ? -1 : 0)
                kept = shifts.count
                lazyLines.append(shifts.count)
            } else {
                break
            }
            ends.append(body.count)
            number += 1
        }
        if let cut = firstLazyLineOutsideParagraphs(lazyLines, in: body, options: options) {
            kept = cut - 1
        }
        // Blank lines at the end belong to what follows.
        shifts.removeLast(shifts.count - kept)
        body.removeLast(body.count - ends[kept - 1])
        let label = String(decoding: marker.label, as: UTF8.self)
        return Definition(label: label, key: normalizedLabel(marker.label), body: body, line: first, columnShift: shifts)
    }

    /// A lazy line only continues a paragraph; one that follows code or a
    /// table ends the definition instead. Parsing the body shows which.
    private static func firstLazyLineOutsideParagraphs(_ lazyLines: [Int], in body: [UInt8], options: Int32) -> Int? {
        guard !lazyLines.isEmpty else { return nil }
        let document = CMarkDocument(markdown: String(decoding: body, as: UTF8.self), options: options)
        var paragraphs: [ClosedRange<Int>] = []
        document.forEachNode { node in
            if CMarkDocument.type(of: node) == CMARK_NODE_PARAGRAPH {
                paragraphs.append(CMarkDocument.line(of: node)...CMarkNode.endLine(of: node))
            }
        }
        return lazyLines.first { line in !paragraphs.contains { $0.contains(line) } }
    }

    private static func isBlank(_ text: ArraySlice<UInt8>) -> Bool {
        text.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// The line with four columns of indentation removed (a tab reaching
    /// past them leaves spaces), and the net bytes removed; `nil` when it is
    /// indented less.
    private static func withoutIndent(_ text: ArraySlice<UInt8>) -> ([UInt8], Int)? {
        var column = 0
        var index = text.startIndex
        while index < text.endIndex, column < 4 {
            switch text[index] {
            case 0x20: column += 1
            case 0x09: column = (column / 4 + 1) * 4
            default: return nil
            }
            index += 1
        }
        guard column >= 4 else { return nil }
        let padding = [UInt8](repeating: 0x20, count: column - 4)
        return (padding + text[index...], index - text.startIndex - padding.count)
    }

    /// Labels match as link labels do: case and runs of white space aside.
    static func normalizedLabel<Bytes: Collection<UInt8>>(_ label: Bytes) -> String {
        let words = String(decoding: label, as: UTF8.self).lowercased().split { $0 == " " || $0 == "\t" || $0 == "\n" }
        return words.joined(separator: " ")
    }
}

/// Which lines of a source are at its top level for a footnote definition:
/// not inside code or raw HTML, and not indented into a list item.
private struct TopLevelLines {
    /// For each line (index 0 unused), the indentation from which it belongs
    /// to a list item; 0 for code and HTML, which hold every line.
    private var insideFrom: [Int]
    /// Lines of code or raw HTML at any depth.
    private var code: [Bool]

    init(markdown: String, options: Int32, lineCount: Int) {
        insideFrom = [Int](repeating: Int.max, count: lineCount + 2)
        code = [Bool](repeating: false, count: lineCount + 2)
        let document = CMarkDocument(markdown: markdown, options: options)
        var codeBlocks: [OpaquePointer] = []
        document.forEachNode { node in
            let type = CMarkDocument.type(of: node)
            if type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK { codeBlocks.append(node) }
        }
        for block in codeBlocks {
            let first = max(1, CMarkDocument.line(of: block)), last = min(CMarkNode.endLine(of: block), lineCount)
            if first <= last { for line in first...last { code[line] = true } }
        }
        for block in document.blocks {
            let first = CMarkDocument.line(of: block), last = min(CMarkNode.endLine(of: block), lineCount)
            guard first >= 1, first <= last else { continue }
            switch CMarkDocument.type(of: block) {
            case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
                for line in first...last { insideFrom[line] = 0 }
            case CMARK_NODE_LIST:
                for item in CMarkNode.children(of: block) {
                    let start = CMarkDocument.line(of: item), end = min(CMarkNode.endLine(of: item), lineCount)
                    guard start >= 1, start <= end else { continue }
                    // The item's content starts where its first block does.
                    let content = cmark_node_first_child(item).map { CMarkDocument.column(of: $0) - 1 } ?? CMarkDocument.column(of: item) + 1
                    for line in start...end { insideFrom[line] = min(insideFrom[line], max(1, content)) }
                }
            default: break
            }
        }
    }

    func startsDefinition(line: Int, indent: Int) -> Bool {
        indent < insideFrom[line]
    }

    func isCode(line: Int) -> Bool {
        code[line]
    }
}
