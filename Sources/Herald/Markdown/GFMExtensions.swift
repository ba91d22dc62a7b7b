import CCmark

/// GitHub Flavored Markdown on libcmark's tree: each extension rewrites the
/// parsed document with custom nodes, whose HTML libcmark then writes with
/// the rest. Tables go first (their cells are parsed into new nodes, which
/// the other extensions then see like any other).
struct GFMExtensions {
    let extensions: MarkdownExtensions
    let filtersTags: Bool

    /// What later stages need from the rewrite.
    struct Result {
        /// The headings, in order, for ids and `page.toc`.
        var headings: [OpaquePointer] = []
        /// Where links of table cells were written (their nodes were
        /// parsed apart from the document).
        var linkPositions: [OpaquePointer: (line: Int, column: Int)] = [:]
    }

    func apply(to document: CMarkDocument) -> Result {
        var result = Result()
        var lines: SourceLines?
        let source = {
            if let lines { return lines }
            let made = SourceLines(document.markdown)
            lines = made
            return made
        }
        document.editing {
            if extensions.contains(.tables), document.markdown.utf8.contains(0x7C) {
                var tables = Tables(document: document, lines: source())
                tables.apply()
                result.linkPositions = tables.linkPositions
            }
            var containers: [OpaquePointer] = []
            var items: [OpaquePointer] = []
            var html: [OpaquePointer] = []
            CMarkNode.forEach(in: document.root) { node in
                let type = CMarkDocument.type(of: node)
                switch type {
                case CMARK_NODE_ITEM: items.append(node)
                case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE: html.append(node)
                case CMARK_NODE_HEADING:
                    result.headings.append(node)
                    containers.append(node)
                default:
                    if Strikethrough.holdsInlines(type) { containers.append(node) }
                }
            }
            if extensions.contains(.taskLists) { TaskLists.apply(to: items, document: document) }
            if extensions.contains(.strikethrough) {
                Strikethrough(document: document, source: source).apply(to: containers)
            }
            if filtersTags { TagFilter.apply(to: html) }
        }
        return result
    }
}
