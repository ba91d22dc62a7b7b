import CCmark

/// GitHub Flavored Markdown on libcmark's tree: each extension rewrites the
/// parsed document with custom nodes, whose HTML libcmark then writes with
/// the rest. Tables go first (their cells are parsed into new nodes, which
/// the other extensions then see like any other). Footnote definitions were
/// taken out of the source before parsing (`FootnoteDefinitions`); each is
/// parsed and extended on its own, then linked to its references.
struct GFMExtensions {
    let extensions: MarkdownExtensions
    let filtersTags: Bool

    /// What later stages need from the rewrite.
    struct Result {
        /// The headings of the body, in order, for ids and `page.toc`.
        var headings: [OpaquePointer] = []
        /// The headings inside footnotes: they get ids, but stay out of `page.toc`.
        var footnoteHeadings: [OpaquePointer] = []
        /// Where links were written whose nodes' positions are not the
        /// file's (table cells and footnotes were parsed apart).
        var linkPositions: [OpaquePointer: (line: Int, column: Int)] = [:]
        /// The footnote references, to render summaries without links.
        var footnotes: Footnotes?
    }

    func apply(to document: CMarkDocument, footnotes definitions: FootnoteDefinitions? = nil, idPrefix: String = "") -> Result {
        var result = Result()
        var lines: SourceLines?
        let source = {
            if let lines { return lines }
            let made = SourceLines(document.markdown)
            lines = made
            return made
        }
        document.editing {
            if let definitions { removePlaceholders(of: definitions, from: document) }
            let markdown = document.markdown
            result.linkPositions = tables(under: document.root, mayHaveOne: SourceBytes.contains(0x7C, in: markdown), source: source, document: document)
            // Footnotes before the other inline extensions: those cut text
            // nodes, whose positions then no longer tell how they were written.
            var notes: [(root: OpaquePointer, lines: SourceLines, present: Present)] = []
            if let definitions {
                var footnotes = Footnotes(document: document, prefix: idPrefix)
                // In the order of the file: the first of one label wins.
                var added: [(line: Int, label: String, key: String, root: OpaquePointer, lines: SourceLines)] = []
                for (definition, root) in nestedNotes(of: definitions, in: document, linkPositions: &result.linkPositions) {
                    added.append((definition.line, definition.label, definition.key, root, source()))
                    notes.append((root, source(), Present(markdown)))
                }
                for definition in definitions.definitions {
                    let root = definition.body.withUnsafeBufferPointer { document.parseFragment($0) }
                    let noteText = String(decoding: definition.body, as: UTF8.self)
                    let noteLines = SourceLines(noteText)
                    let cells = tables(under: root, mayHaveOne: definition.body.contains(0x7C), source: { noteLines }, document: document)
                    // Positions in the note's text, moved to the file's lines.
                    CMarkNode.forEach(in: root) { node in
                        let type = CMarkDocument.type(of: node)
                        guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { return }
                        let place = cells[node] ?? (CMarkDocument.line(of: node), CMarkDocument.column(of: node))
                        let shift = place.line >= 1 && place.line <= definition.columnShift.count ? definition.columnShift[place.line - 1] : 0
                        result.linkPositions[node] = (definition.line + place.line - 1, place.column + shift)
                    }
                    added.append((definition.line, definition.label, definition.key, root, noteLines))
                    notes.append((root, noteLines, Present(noteText)))
                }
                for note in added.sorted(by: { $0.line < $1.line }) {
                    footnotes.add(label: note.label, key: note.key, root: note.root, lines: note.lines)
                }
                footnotes.link(body: document.root, lines: source())
                result.footnotes = footnotes
            }
            result.headings = inlines(under: document.root, present: Present(markdown), source: source, document: document)
            for note in notes {
                result.footnoteHeadings += inlines(under: note.root, present: note.present, source: { note.lines }, document: document)
            }
            result.footnotes?.appendSection(to: document.root)
        }
        return result
    }

    /// The tables among the blocks under `root`, whose source is `source()`;
    /// where the links of their cells were written.
    private func tables(
        under root: OpaquePointer, mayHaveOne: Bool, source: () -> SourceLines, document: CMarkDocument
    ) -> [OpaquePointer: (line: Int, column: Int)] {
        guard extensions.contains(.tables), mayHaveOne else { return [:] }
        var tables = Tables(document: document, lines: source())
        tables.apply(under: root)
        return tables.linkPositions
    }

    /// Task lists, autolinks, strikethrough and the tag filter under `root`; its headings.
    private func inlines(
        under root: OpaquePointer, present: Present, source: @escaping () -> SourceLines, document: CMarkDocument
    ) -> [OpaquePointer] {
        var headings: [OpaquePointer] = []
        var containers: [OpaquePointer] = []
        var items: [OpaquePointer] = []
        var html: [OpaquePointer] = []
        CMarkNode.forEach(in: root) { node in
            let type = CMarkDocument.type(of: node)
            switch type {
            case CMARK_NODE_ITEM: items.append(node)
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE: html.append(node)
            case CMARK_NODE_HEADING:
                headings.append(node)
                if present.tilde { containers.append(node) }
            default:
                if present.tilde, Strikethrough.holdsInlines(type) { containers.append(node) }
            }
        }
        if extensions.contains(.taskLists), present.bracket { TaskLists.apply(to: items, document: document) }
        // Before strikethrough: a `~` inside a link's text is not a delimiter.
        if extensions.contains(.autolinks), present.address { Autolinks(document: document, source: source).apply(under: root) }
        if extensions.contains(.strikethrough), present.tilde {
            Strikethrough(document: document, source: source).apply(to: containers)
        }
        if filtersTags { TagFilter.apply(to: html) }
        return headings
    }

    /// Which extensions' characters a source has at all.
    private struct Present {
        var bracket: Bool
        var tilde: Bool
        var address: Bool

        init(_ markdown: String) {
            bracket = SourceBytes.contains(0x5B, in: markdown)
            tilde = SourceBytes.contains(0x7E, in: markdown)
            address = SourceBytes.contains(0x40, in: markdown) || SourceBytes.contains(SourceBytes.schemeSeparator, in: markdown) || SourceBytes.contains(SourceBytes.www, in: markdown)
        }
    }

    /// The items standing for the definitions inside list items and block
    /// quotes, each taken out of the tree with its list: the item's blocks
    /// are the note's. Links on a definition's first line are put back at
    /// their columns in the file.
    private func nestedNotes(
        of definitions: FootnoteDefinitions, in document: CMarkDocument, linkPositions: inout [OpaquePointer: (line: Int, column: Int)]
    ) -> [(NestedFootnoteDefinition, OpaquePointer)] {
        guard !definitions.nested.isEmpty else { return [] }
        let lists = NestedFootnoteDefinition.placeholders(in: document, for: definitions.nested)
        if !definitions.closerLines.isEmpty {
            var closers: [OpaquePointer] = []
            CMarkNode.forEach(in: document.root) { node in
                guard CMarkDocument.type(of: node) == CMARK_NODE_HTML_BLOCK, definitions.closerLines.contains(CMarkDocument.line(of: node)) else { return }
                closers.append(node)
            }
            for closer in closers {
                // It stands for a blank line, which makes a list loose when a
                // block of the item follows it, as one always does here.
                if let parent = cmark_node_parent(closer), CMarkDocument.type(of: parent) == CMARK_NODE_ITEM, let list = cmark_node_parent(parent) {
                    _ = cmark_node_set_list_tight(list, 0)
                }
                cmark_node_unlink(closer)
            }
        }
        var result: [(NestedFootnoteDefinition, OpaquePointer)] = []
        for definition in definitions.nested {
            guard let list = lists[definition.line], let item = cmark_node_first_child(list) else { continue }
            if definition.text.isEmpty, let empty = cmark_node_first_child(item) { cmark_node_unlink(empty) }
            CMarkNode.forEach(in: item) { node in
                let type = CMarkDocument.type(of: node)
                guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, linkPositions[node] == nil,
                    CMarkDocument.line(of: node) == definition.line
                else { return }
                linkPositions[node] = (definition.line, CMarkDocument.column(of: node) + definition.firstLineShift)
            }
            cmark_node_unlink(list)
            result.append((definition, item))
        }
        return result
    }

    /// The empty comments standing where definitions were.
    private func removePlaceholders(of definitions: FootnoteDefinitions, from document: CMarkDocument) {
        for block in document.blocks where CMarkDocument.type(of: block) == CMARK_NODE_HTML_BLOCK {
            if definitions.placeholderLines.contains(CMarkDocument.line(of: block)) {
                cmark_node_unlink(block)
            }
        }
    }
}
