import CCmark

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// GFM's extended autolinks on libcmark's tree: `www.` addresses, `http://`,
/// `https://` and `ftp://` URLs and e-mail addresses in text become links.
///
/// cmark-gfm finds the web links while it reads the inlines, on the text as
/// written, so its links keep `--` and `'` that smart punctuation would
/// change, and their text is the source's; Herald scans each text node's
/// source the same way (when its position lines up with the file) and cuts
/// the node where the literal has the link. Addresses are found in the text
/// as read, as cmark-gfm does. Text inside links and images is left alone;
/// code spans and raw HTML are not text.
struct Autolinks {
    let document: CMarkDocument
    let source: () -> SourceLines

    func apply(under root: OpaquePointer) {
        var texts: [OpaquePointer] = []
        CMarkNode.forEach(in: root) { node in
            guard CMarkDocument.type(of: node) == CMARK_NODE_TEXT, CMarkDocument.literalBytes(of: node, Self.mayHoldLink) else { return }
            texts.append(node)
        }
        for text in texts where !Self.isInLink(text) {
            rewrite(text)
        }
    }

    /// An `@`, a `://` or a `www.`.
    private static func mayHoldLink(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, bytes.count >= 4 else { return false }
        if memchr(base, 0x40, bytes.count) != nil { return true }
        let raw = UnsafeRawBufferPointer(bytes)
        return SourceBytes.contains(SourceBytes.schemeSeparator, in: raw) || SourceBytes.contains(SourceBytes.www, in: raw)
    }

    private static func isInLink(_ node: OpaquePointer) -> Bool {
        var ancestor = cmark_node_parent(node)
        while let current = ancestor {
            let type = CMarkDocument.type(of: current)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE { return true }
            ancestor = cmark_node_parent(current)
        }
        return false
    }

    /// A link to make: its place in the literal, its URL and its text.
    private struct Found {
        var start: Int
        var end: Int
        var url: [UInt8]
        var text: [UInt8]
    }

    private func rewrite(_ text: OpaquePointer) {
        let literal = CMarkNode.literalBytes(of: text)
        let openBefore = Self.opensLink(before: text), moreAfter = Self.continues(after: text)
        var found: [Found] = []
        if let (written, line) = writtenSource(of: text), written != literal || line.count > written.count,
            let alignment = WrittenText(source: written, literal: literal)
        {
            // What follows the node on its line counts for the domain, as
            // cmark-gfm reads on into it; the link ends with the node.
            for match in AutolinkScanner.webLinks(in: line, openBefore: openBefore, moreAfter: moreAfter || line.count > written.count)
            where match.start < written.count {
                let end = match.end > written.count ? AutolinkScanner.trimmedEnd(line, start: match.start, end: written.count) : match.end
                guard end > match.start, let literalStart = alignment.literalOffset(match.start), let literalEnd = alignment.literalOffset(end) else { continue }
                let shown = Array(line[match.start..<end])
                found.append(Found(start: literalStart, end: literalEnd, url: Array(match.prefix.utf8) + shown, text: shown))
            }
        } else {
            for match in AutolinkScanner.webLinks(in: literal, openBefore: openBefore, moreAfter: moreAfter) {
                let shown = Array(literal[match.start..<match.end])
                found.append(Found(start: match.start, end: match.end, url: Array(match.prefix.utf8) + shown, text: shown))
            }
        }
        // Addresses in the text between web links.
        var all: [Found] = []
        var position = 0
        for link in found + [Found(start: literal.count, end: literal.count, url: [], text: [])] {
            let gap = Array(literal[position..<link.start])
            for match in AutolinkScanner.addresses(in: gap) {
                let shown = Array(gap[match.start..<match.end])
                all.append(Found(start: position + match.start, end: position + match.end, url: Array(match.prefix.utf8) + shown, text: shown))
            }
            if link.end > link.start { all.append(link) }
            position = link.end
        }
        guard !all.isEmpty else { return }
        var node = text
        position = 0
        var first = true
        func insert(_ next: OpaquePointer) {
            _ = cmark_node_insert_after(node, next)
            node = next
        }
        for link in all {
            let before = literal[position..<link.start]
            if first {
                CMarkNode.setLiteral(before, of: text)
                first = false
            } else if !before.isEmpty {
                let piece = document.newNode(CMARK_NODE_TEXT)
                CMarkNode.setLiteral(before, of: piece)
                insert(piece)
            }
            let anchor = document.newNode(CMARK_NODE_LINK)
            var url = link.url
            url.append(0)
            url.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { _ = cmark_node_set_url(anchor, $0.baseAddress) } }
            let label = document.newNode(CMARK_NODE_TEXT)
            CMarkNode.setLiteral(link.text[...], of: label)
            _ = cmark_node_append_child(anchor, label)
            insert(anchor)
            position = link.end
        }
        if position < literal.count {
            let piece = document.newNode(CMARK_NODE_TEXT)
            CMarkNode.setLiteral(literal[position...], of: piece)
            insert(piece)
        }
    }

    /// Whether a `www.` link may start at the node's first byte: after the
    /// start of a line, white space, or `*`, `_`, `~`, `(`.
    private static func opensLink(before node: OpaquePointer) -> Bool {
        guard let previous = cmark_node_previous(node) else {
            guard let parent = cmark_node_parent(node) else { return true }
            switch CMarkDocument.type(of: parent) {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE: return false
            default: return true
            }
        }
        switch CMarkDocument.type(of: previous) {
        case CMARK_NODE_TEXT:
            return CMarkDocument.literalBytes(of: previous) { bytes in
                guard let last = bytes.last else { return true }
                return AutolinkScanner.isSpace(last) || last == 0x2A || last == 0x5F || last == 0x7E || last == 0x28
            }
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_EMPH, CMARK_NODE_STRONG: return true
        case CMARK_NODE_CUSTOM_INLINE:
            // After `~~…~~` or a task's checkbox (and the space after it), not after a footnote's `]`.
            guard let enter = cmark_node_get_on_enter(previous) else { return false }
            return enter[0] == 0x3C && (enter[1] == 0x64 || enter[1] == 0x69)
        default: return false
        }
    }

    /// Whether the paragraph goes on after the node (cmark-gfm never looks
    /// at a paragraph's last byte when it checks a domain).
    private static func continues(after node: OpaquePointer) -> Bool {
        if cmark_node_next(node) != nil { return true }
        guard let parent = cmark_node_parent(node) else { return false }
        switch CMarkDocument.type(of: parent) {
        case CMARK_NODE_EMPH, CMARK_NODE_STRONG: return true
        case CMARK_NODE_CUSTOM_INLINE: return !CMarkNode.isTableCell(parent)
        default: return false
        }
    }

    /// What the source had for the node, when its position lines up with
    /// the lines (nodes of table cells were parsed apart); and the same with
    /// what follows it on the line, up to the next white space (at most
    /// `lookahead` bytes more).
    private func writtenSource(of node: OpaquePointer) -> ([UInt8], [UInt8])? {
        let line = CMarkDocument.line(of: node), start = CMarkDocument.column(of: node), end = CMarkNode.endColumn(of: node)
        guard line > 0, start > 0, end >= start, CMarkNode.endLine(of: node) == line else { return nil }
        var ancestor = cmark_node_parent(node)
        while let current = ancestor {
            if CMarkNode.isTableCell(current) { return nil }
            ancestor = cmark_node_parent(current)
        }
        let text = source().line(line)
        guard text.count >= end else { return nil }
        let nodeStart = text.startIndex + start - 1, nodeEnd = text.startIndex + end
        var lineEnd = nodeEnd
        while lineEnd < text.endIndex, lineEnd - nodeEnd < Self.lookahead, !AutolinkScanner.isSpace(text[lineEnd]) { lineEnd += 1 }
        return (Array(text[nodeStart..<nodeEnd]), Array(text[nodeStart..<lineEnd]))
    }

    private static let lookahead = 256
}
