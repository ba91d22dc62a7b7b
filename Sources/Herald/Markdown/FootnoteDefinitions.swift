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
    /// The top-level definitions.
    var definitions: [Definition]
    /// The definitions inside list items and block quotes, as placeholders in `source`.
    var nested: [NestedFootnoteDefinition] = []
    /// `source` parsed, when finding the nested definitions' placeholders took a parse.
    var document: CMarkDocument? = nil
    /// The lines now holding `placeholder`.
    var placeholderLines: Set<Int>
    /// The lines where an empty comment ends a nested definition's item
    /// (`NestedFootnoteDefinition.closingLine`), wherever it lies in the tree.
    var closerLines: Set<Int> = []

    static let placeholder = "<!-- -->"

    /// `nil` when `markdown` has no definition.
    static func extract(from markdown: String, options: Int32) -> FootnoteDefinitions? {
        guard SourceBytes.contains(SourceBytes.footnoteOpener, in: markdown) else { return nil }
        let lines = SourceLines(markdown)
        var candidates: [Int] = []
        // Lines whose marker follows quote or list markers, or more indentation
        // than the top level allows: definitions inside a container, perhaps.
        var inner: [Int] = []
        for number in 1...max(1, lines.count) {
            let text = lines.line(number)
            if marker(in: text) != nil {
                candidates.append(number)
            } else if containerPrefix(of: text) != nil {
                inner.append(number)
            }
        }
        guard !candidates.isEmpty || !inner.isEmpty else { return nil }
        let allowed = TopLevelLines(markdown: markdown, options: options, lines: lines, itemLines: candidates + inner)
        var definitions: [Definition] = []
        var consumed = 0
        for number in candidates where number > consumed {
            let text = lines.line(number)
            guard let found = marker(in: text), allowed.startsDefinition(line: number, indent: found.indent) else {
                inner.append(number)
                continue
            }
            let definition = read(from: number, marker: found, lines: lines, options: options)
            consumed = number + definition.columnShift.count - 1
            definitions.append(definition)
        }
        var replaced: [Int: Bool] = [:]
        for definition in definitions {
            for offset in 0..<definition.columnShift.count { replaced[definition.line + offset] = offset == 0 }
        }
        var nested: [NestedFootnoteDefinition] = []
        var text: [NestedFootnoteDefinition] = []
        for number in inner.sorted() where replaced[number] == nil && !allowed.isCode(line: number) {
            guard let definition = nestedDefinition(line: number, text: lines.line(number), itemContents: allowed.itemContents(line: number)) else {
                continue
            }
            if definition.startsHere {
                var placed = definition
                var avoided = Set([lines.line(number - 1), lines.line(number + 1)].compactMap(NestedFootnoteDefinition.listBullet))
                if let previous = nested.last, previous.line == number - 1 { avoided.insert(previous.bullet) }
                placed.start(avoiding: avoided)
                nested.append(placed)
            } else if definition.escapesWhenText {
                text.append(definition)
            }
        }
        guard !definitions.isEmpty || !nested.isEmpty || !text.isEmpty else { return nil }
        var result = FootnoteDefinitions(source: "", definitions: definitions, placeholderLines: Set(definitions.map(\.line)))
        result.placeNested(nested, text: text, lines: lines, replaced: replaced, options: options)
        return result
    }

    /// Writes the source with the nested definitions' placeholders, parses it,
    /// and tries another bullet for each placeholder that did not come out as
    /// a list of its own (it joined a list next to it); one that never does,
    /// or sits where cmark-gfm would not start a definition, is left as text.
    private mutating func placeNested(
        _ candidates: [NestedFootnoteDefinition], text: [NestedFootnoteDefinition], lines: SourceLines, replaced: [Int: Bool], options: Int32
    ) {
        var pending = candidates
        var rounds = 0
        while true {
            let placed = Set(pending.map(\.line))
            var closers: [Int: [UInt8]] = [:]
            for definition in pending {
                guard let closing = definition.closingLine(in: lines), replaced[closing] == nil, !placed.contains(closing) else { continue }
                closers[closing] = definition.closer(for: lines.line(closing), definitionLine: lines.line(definition.line))
            }
            closerLines = Set(closers.keys)
            source = Self.write(
                lines: lines, replaced: replaced, nested: pending, asText: text + candidates.filter { !placed.contains($0.line) }, closers: closers)
            guard !pending.isEmpty else {
                nested = []
                return
            }
            let parsed = CMarkDocument(markdown: source, options: options)
            let found = NestedFootnoteDefinition.placeholders(in: parsed, for: pending)
            rounds += 1
            if found.count == pending.count {
                nested = pending
                document = parsed
                return
            }
            // Rounds are few: each changes every failing placeholder at once.
            pending = pending.compactMap { definition in
                guard found[definition.line] == nil else { return definition }
                var next = definition
                return rounds < 4 && next.nextBullet() ? next : nil
            }
        }
    }

    private static func write(
        lines: SourceLines, replaced: [Int: Bool], nested: [NestedFootnoteDefinition], asText: [NestedFootnoteDefinition],
        closers: [Int: [UInt8]]
    ) -> String {
        var rewritten: [Int: NestedFootnoteDefinition] = [:]
        for definition in nested { rewritten[definition.line] = definition }
        var text: [Int: NestedFootnoteDefinition] = [:]
        for definition in asText { text[definition.line] = definition }
        var output: [UInt8] = []
        output.reserveCapacity(lines.bytes.count + 16)
        for number in 1...lines.count {
            let line = lines.line(number)
            if let first = replaced[number] {
                if first { output += placeholder.utf8 }
            } else if let definition = rewritten[number] {
                output += definition.rewritten(line)
            } else if let definition = text[number] {
                output += definition.escaped(line)
            } else if let closer = closers[number] {
                output += closer
            } else {
                output += line
            }
            output.append(0x0A)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// A definition starting on a line inside a container: `[^label]:` at most
    /// three columns past where the innermost container's content starts
    /// (after the quote and list markers written on the line, or the
    /// indentation of a list item begun above).
    private static func nestedDefinition(line number: Int, text: ArraySlice<UInt8>, itemContents: [Int]) -> NestedFootnoteDefinition? {
        guard let prefix = containerPrefix(of: text), let found = marker(in: text[(text.startIndex + prefix.markerStart)...]) else { return nil }
        var content = prefix.tokensEnd
        for offset in itemContents where offset <= prefix.markerStart { content = max(content, offset) }
        guard prefix.tokensEnd > 0 || content > 0 else { return nil }
        let textOffset = prefix.markerStart + found.contentStart
        var body = text[(text.startIndex + textOffset)...]
        while let last = body.last, last == 0x20 || last == 0x09 { body = body.dropLast() }
        return NestedFootnoteDefinition(
            label: String(decoding: found.label, as: UTF8.self), key: normalizedLabel(found.label), line: number,
            contentOffset: content, markerStart: prefix.markerStart, text: body, textOffset: textOffset,
            colon: prefix.markerStart + 2 + found.label.count + 1, escapesWhenText: prefix.tokensEnd > 0,
            startsHere: prefix.markerStart - content <= 3)
    }

    /// Whether the line has `[^label]:` first, at the top level or after quote and list markers.
    static func startsDefinition(_ line: ArraySlice<UInt8>) -> Bool {
        if marker(in: line) != nil { return true }
        guard let prefix = containerPrefix(of: line) else { return false }
        return marker(in: line[(line.startIndex + prefix.markerStart)...]) != nil
    }

    /// The quote and list markers that start a line, then spaces, before a
    /// `[^`: where the markers' content starts (a list marker's, after its
    /// padding) and where `[^` is; `nil` when the line holds something else first.
    private static func containerPrefix(of line: ArraySlice<UInt8>) -> (tokensEnd: Int, markerStart: Int)? {
        guard line.contains(0x5E) else { return nil }
        var index = line.startIndex
        var tokensEnd = line.startIndex
        func afterPadding(_ from: Int) -> Int {
            var end = from
            while end < line.endIndex, line[end] == 0x20 { end += 1 }
            // Five spaces or more: one is the padding, the rest indent code.
            return end - from <= 4 ? end : from + 1
        }
        while index < line.endIndex {
            let byte = line[index]
            if byte == 0x20 || byte == 0x09 {
                index += 1
            } else if byte == 0x3E {
                index += 1
                if index < line.endIndex, line[index] == 0x20 { index += 1 }
                tokensEnd = index
            } else if byte == 0x2D || byte == 0x2B || byte == 0x2A, index + 1 < line.endIndex, line[index + 1] == 0x20 {
                index = afterPadding(index + 1)
                tokensEnd = index
            } else if (0x30...0x39).contains(byte) {
                var end = index
                while end < line.endIndex, end - index < 9, (0x30...0x39).contains(line[end]) { end += 1 }
                guard end + 1 < line.endIndex, line[end] == 0x2E || line[end] == 0x29, line[end + 1] == 0x20 else { return nil }
                index = afterPadding(end + 1)
                tokensEnd = index
            } else {
                break
            }
        }
        guard index + 1 < line.endIndex, line[index] == 0x5B, line[index + 1] == 0x5E else { return nil }
        return (tokensEnd - line.startIndex, index - line.startIndex)
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
                // cmark-gfm carries a note over empty lines only: a line
                // of spaces ends it.
                guard text.isEmpty else { break }
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

    /// For the lines asked about, where the content of each list item holding them starts.
    private var itemContentsOfLine: [Int: [Int]] = [:]

    init(markdown: String, options: Int32, lines: SourceLines, itemLines: [Int]) {
        let lineCount = lines.count
        insideFrom = [Int](repeating: Int.max, count: lineCount + 2)
        code = [Bool](repeating: false, count: lineCount + 2)
        let document = CMarkDocument(markdown: markdown, options: options)
        var codeBlocks: [OpaquePointer] = []
        var items: [OpaquePointer] = []
        document.forEachNode { node in
            let type = CMarkDocument.type(of: node)
            if type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK { codeBlocks.append(node) }
            if type == CMARK_NODE_ITEM { items.append(node) }
        }
        let asked = itemLines.sorted()
        if !asked.isEmpty {
            for item in items {
                let start = CMarkDocument.line(of: item), end = CMarkNode.endLine(of: item)
                var index = Self.firstIndex(in: asked, atLeast: start)
                while index < asked.count, asked[index] <= end {
                    itemContentsOfLine[asked[index], default: []].append(Self.contentOffset(of: item, lines: lines))
                    index += 1
                }
            }
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
                    let content = Self.contentOffset(of: item, lines: lines)
                    for line in start...end { insideFrom[line] = min(insideFrom[line], max(1, content)) }
                }
            default: break
            }
        }
    }

    /// Where the item's content starts: after its marker and the spaces
    /// after it (one of them when there are five or more, which indent
    /// code, or when the line ends there). Its first block's column would
    /// say the same except for indented code, which starts further in.
    private static func contentOffset(of item: OpaquePointer, lines: SourceLines) -> Int {
        let text = lines.line(CMarkDocument.line(of: item))
        var index = text.startIndex + CMarkDocument.column(of: item) - 1
        guard index >= text.startIndex, index < text.endIndex else {
            return cmark_node_first_child(item).map { CMarkDocument.column(of: $0) - 1 } ?? CMarkDocument.column(of: item) + 1
        }
        while index < text.endIndex, (0x30...0x39).contains(text[index]) { index += 1 }
        index += 1
        var end = index
        while end < text.endIndex, text[end] == 0x20 { end += 1 }
        let spaces = end - index
        let padding = spaces >= 1 && spaces <= 4 && end < text.endIndex ? spaces : 1
        return index + padding - text.startIndex
    }

    private static func firstIndex(in sorted: [Int], atLeast value: Int) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Where the content of each list item holding the line starts (byte
    /// offsets), for a line given as `itemLines`.
    func itemContents(line: Int) -> [Int] {
        itemContentsOfLine[line] ?? []
    }

    func startsDefinition(line: Int, indent: Int) -> Bool {
        indent < insideFrom[line]
    }

    func isCode(line: Int) -> Bool {
        code[line]
    }
}
