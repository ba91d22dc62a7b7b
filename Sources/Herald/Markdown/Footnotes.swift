import CCmark

/// GFM footnotes on libcmark's tree: `[^label]` references to the
/// definitions `FootnoteDefinitions` took out of the source become
/// superscript links, numbered by first reference; the referenced
/// definitions are gathered, in that order, into a section at the end of
/// the body, each with a link back to every reference. A reference to no
/// definition stays text, as cmark-gfm leaves it.
///
/// Ids are `fn-PREFIX-label` and `fnref-PREFIX-label` (`-2`, `-3` for later
/// references to one note), the prefix naming the body, so that several
/// bodies can share a page or a feed document.
struct Footnotes {
    let document: CMarkDocument
    let prefix: String
    private var notes: [Note] = []
    private var noteOfKey: [String: Int] = [:]
    /// Numbered notes, as indices into `notes`, in number order.
    private(set) var numbered: [Int] = []
    /// Each reference node, with its HTML as a link and without one.
    private(set) var references: [(node: OpaquePointer, linked: String, plain: String)] = []

    private struct Note {
        /// As written, for the ids.
        var label: String
        var root: OpaquePointer
        var lines: SourceLines
        var number = 0
        /// The ids of the references to it, in order.
        var referenceIDs: [String] = []
    }

    init(document: CMarkDocument, prefix: String) {
        self.document = document
        self.prefix = prefix.isEmpty ? "" : prefix + "-"
    }

    /// Adds a parsed definition, whose blocks are the children of `root`;
    /// the first of several with one label wins.
    mutating func add(label: String, key: String, root: OpaquePointer, lines: SourceLines) {
        guard noteOfKey[key] == nil else { return }
        noteOfKey[key] = notes.count
        notes.append(Note(label: label, root: root, lines: lines))
    }

    /// Links the references of the body, then those inside the notes they
    /// reach (in number order).
    mutating func link(body root: OpaquePointer, lines: SourceLines) {
        guard !notes.isEmpty else { return }
        link(in: root, lines: lines)
        var next = 0
        while next < numbered.count {
            let note = notes[numbered[next]]
            link(in: note.root, lines: note.lines)
            next += 1
        }
    }

    /// Appends the section of referenced notes, in number order. Unlike
    /// cmark-gfm's, the section has a heading (as on GitHub's own pages):
    /// a section without one is announced by screen readers as an unnamed
    /// region, and the Nu checker warns about it. Themes style or hide it
    /// through its class.
    func appendSection(to root: OpaquePointer) {
        guard !numbered.isEmpty else { return }
        let section = document.customNode(block: true, enter: "<section class=\"footnotes\" data-footnotes>\n\(Self.heading)\n<ol>", exit: "</ol>\n</section>")
        _ = cmark_node_append_child(root, section)
        for index in numbered {
            let note = notes[index]
            let item = document.customNode(block: true, enter: "<li id=\"\(HTMLEscaping.escape(noteID(note)))\">", exit: "</li>")
            _ = cmark_node_append_child(section, item)
            CMarkNode.moveChildren(of: note.root, to: item)
            appendBackReferences(of: note, to: item)
        }
    }

    static let heading = "<h2 class=\"footnotes-heading\">Notes</h2>"

    /// The ids the notes and references take on the page, which headings must not.
    var ids: Set<String> {
        var result = Set<String>()
        for index in numbered {
            result.insert(noteID(notes[index]))
            result.formUnion(notes[index].referenceIDs)
        }
        return result
    }

    private func noteID(_ note: Note) -> String {
        "fn-" + prefix + note.label
    }

    /// After the last paragraph's text, as cmark-gfm puts them, or on a
    /// line of their own when the note ends with another block.
    private func appendBackReferences(of note: Note, to item: OpaquePointer) {
        var links: [String] = []
        for (offset, id) in note.referenceIDs.enumerated() {
            let mark = offset == 0 ? "↩" : "↩<sup class=\"footnote-ref\">\(offset + 1)</sup>"
            links.append("<a href=\"#\(Self.fragment(id))\" class=\"footnote-backref\" data-footnote-backref aria-label=\"Back to content\">\(mark)</a>")
        }
        let html = links.joined(separator: " ")
        if let last = cmark_node_last_child(item), CMarkDocument.type(of: last) == CMARK_NODE_PARAGRAPH {
            _ = cmark_node_append_child(last, document.customNode(block: false, enter: " " + html))
        } else {
            _ = cmark_node_append_child(item, document.customNode(block: true, enter: html))
        }
    }

    /// An id as a URL fragment: bytes outside those a fragment allows as
    /// they are, percent-encoded.
    static func fragment(_ id: String) -> String {
        var result = ""
        for byte in id.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E, 0x21, 0x24, 0x27...0x2C, 0x3B, 0x3D, 0x3A, 0x40, 0x2F, 0x3F:
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }

    /// Replaces every `[^label]` that names a note, in the text nodes under `root`.
    private mutating func link(in root: OpaquePointer, lines: SourceLines) {
        var texts: [OpaquePointer] = []
        CMarkNode.forEach(in: root) { node in
            guard CMarkDocument.type(of: node) == CMARK_NODE_TEXT else { return }
            if CMarkDocument.literalBytes(of: node, { Self.containsOpener($0) }) { texts.append(node) }
        }
        for text in texts {
            rewrite(text, lines: lines)
        }
    }

    private static func containsOpener(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 4 else { return false }
        for index in 0..<(bytes.count - 1) where bytes[index] == 0x5B && bytes[index + 1] == 0x5E { return true }
        return false
    }

    /// Cuts the text node at its references, each becoming a custom node.
    private mutating func rewrite(_ text: OpaquePointer, lines: SourceLines) {
        let literal = CMarkNode.literalBytes(of: text)
        let brackets = FootnoteBrackets(literal: literal, written: writtenSource(of: text, lines: lines))
        var pieces: [(start: Int, end: Int, note: Int, key: String)] = []
        for found in brackets.references() {
            guard let index = noteOfKey[found.key] else { continue }
            pieces.append((found.start, found.end, index, found.key))
        }
        guard !pieces.isEmpty else { return }
        var node = text
        var position = 0
        var first = true
        func emitText(_ bytes: ArraySlice<UInt8>) {
            if first {
                first = false
                CMarkNode.setLiteral(bytes, of: node)
                return
            }
            let next = document.newNode(CMARK_NODE_TEXT)
            CMarkNode.setLiteral(bytes, of: next)
            _ = cmark_node_insert_after(node, next)
            node = next
        }
        for piece in pieces {
            emitText(literal[position..<piece.start])
            let reference = referenceNode(to: piece.note)
            _ = cmark_node_insert_after(node, reference)
            node = reference
            position = piece.end
        }
        if position < literal.count { emitText(literal[position...]) }
    }

    private mutating func referenceNode(to index: Int) -> OpaquePointer {
        if notes[index].number == 0 {
            numbered.append(index)
            notes[index].number = numbered.count
        }
        let note = notes[index]
        let count = note.referenceIDs.count
        let id = "fnref-" + prefix + note.label + (count == 0 ? "" : "-\(count + 1)")
        notes[index].referenceIDs.append(id)
        let linked = "<sup class=\"footnote-ref\"><a href=\"#\(Self.fragment(noteID(note)))\" id=\"\(HTMLEscaping.escape(id))\" data-footnote-ref>\(note.number)</a></sup>"
        let plain = "<sup class=\"footnote-ref\">\(note.number)</sup>"
        let node = document.customNode(block: false, enter: linked)
        references.append((node, linked, plain))
        return node
    }

    /// What the source had for a text node, when its position lines up with
    /// the document's lines (nodes of table cells were parsed apart).
    private func writtenSource(of node: OpaquePointer, lines: SourceLines) -> ArraySlice<UInt8>? {
        let line = CMarkDocument.line(of: node), start = CMarkDocument.column(of: node), end = CMarkNode.endColumn(of: node)
        guard line > 0, start > 0, end >= start, CMarkNode.endLine(of: node) == line, !Self.isInTableCell(node) else { return nil }
        let text = lines.line(line)
        guard text.count >= end else { return nil }
        return text[(text.startIndex + start - 1)..<(text.startIndex + end)]
    }

    private static func isInTableCell(_ node: OpaquePointer) -> Bool {
        var ancestor = cmark_node_parent(node)
        while let current = ancestor {
            if CMarkDocument.type(of: current) == CMARK_NODE_CUSTOM_INLINE, CMarkNode.isTableCell(current) { return true }
            ancestor = cmark_node_parent(current)
        }
        return false
    }

    /// Renders with references as plain numbers, for parts of the body shown
    /// without its notes (summaries).
    func withPlainReferences<Result>(_ body: () -> Result) -> Result {
        guard !references.isEmpty else { return body() }
        document.editing { for reference in references { _ = cmark_node_set_on_enter(reference.node, reference.plain) } }
        defer { document.editing { for reference in references { _ = cmark_node_set_on_enter(reference.node, reference.linked) } } }
        return body()
    }

    /// The id prefix for a body from its source path: the path below
    /// `Content/`, without its extension, in lower case, each character
    /// other than a letter, digit, `-` or `_` made `-`.
    static func idPrefix(forPath path: String) -> String {
        var relative = Substring(path)
        if relative.hasPrefix("Content/") { relative = relative.dropFirst("Content/".count) }
        if let dot = relative.lastIndex(of: "."), !relative[dot...].contains("/") { relative = relative[..<dot] }
        var result = ""
        for character in relative.lowercased() {
            result.append(character.isLetter || character.isNumber || character == "-" || character == "_" ? character : "-")
        }
        return result
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
