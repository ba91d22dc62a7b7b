import CCmark

/// What rendering one Markdown body yields (DESIGN §4).
struct RenderedMarkdown: Sendable {
    var html: String
    /// The part before `<!--more-->`, else the first paragraph, as HTML.
    var summaryHTML: String
    var wordCount: Int
    var diagnostics: [Diagnostic]
}

/// CommonMark to HTML through libcmark, with Herald's additions: the
/// `<!--more-->` summary marker, links between content files, word counts.
struct MarkdownRenderer: Sendable {
    let options: Int32

    init(settings: SiteConfig.MarkdownSettings) {
        var options = CMARK_OPT_DEFAULT
        if settings.smart { options |= CMARK_OPT_SMART }
        if settings.unsafeHTML { options |= CMARK_OPT_UNSAFE }
        self.options = options
    }

    /// Renders a fragment, such as a front-matter summary, as HTML.
    func html(_ markdown: String) -> String {
        CMarkDocument(markdown: markdown, options: options).html()
    }

    /// Renders an article or page body.
    ///
    /// - Parameters:
    ///   - lineOffset: lines of the file before `markdown`, to locate problems.
    ///   - resolveLink: maps a link destination to the URL to write instead,
    ///     `nil` to keep it, or throws a message when it names a missing file.
    func render(
        _ markdown: String, path: String, lineOffset: Int,
        resolveLink: (String) -> LinkResolution
    ) -> RenderedMarkdown {
        let document = CMarkDocument(markdown: markdown, options: options)
        var diagnostics: [Diagnostic] = []
        // Text of adjacent inline nodes is joined ("*three*." is one word);
        // blocks and line breaks separate words.
        var words = WordCounter()
        var moreMarker: OpaquePointer?
        document.forEachNode { node in
            switch CMarkDocument.type(of: node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                CMarkDocument.literalBytes(of: node) { words.add($0) }
            case CMARK_NODE_CODE_BLOCK:
                words.endWord()
                CMarkDocument.literalBytes(of: node) { words.add($0) }
                words.endWord()
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_ITEM:
                words.endWord()
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                guard let url = CMarkDocument.url(of: node) else { break }
                switch resolveLink(url) {
                case .keep: break
                case .replace(let resolved): CMarkDocument.setURL(resolved, of: node)
                case .missing(let message):
                    diagnostics.append(.error(message, at: path, line: lineOffset + CMarkDocument.line(of: node), column: CMarkDocument.column(of: node)))
                }
            case CMARK_NODE_HTML_BLOCK:
                if moreMarker == nil, CMarkDocument.literal(of: node)?.trimmingWhitespace() == "<!--more-->" {
                    moreMarker = node
                }
            default: break
            }
        }

        var summary = ""
        if let moreMarker {
            for block in document.blocks {
                if block == moreMarker { break }
                summary += document.html(of: block)
            }
            document.remove(moreMarker)
        } else if let paragraph = document.blocks.first(where: { CMarkDocument.type(of: $0) == CMARK_NODE_PARAGRAPH }) {
            summary = document.html(of: paragraph)
        }
        return RenderedMarkdown(html: document.html(), summaryHTML: summary, wordCount: words.count, diagnostics: diagnostics)
    }
}

/// What to do with one link destination in Markdown.
enum LinkResolution {
    case keep
    case replace(String)
    case missing(String)
}

/// Counts words, runs of non-whitespace characters, over text given in
/// pieces: the literals of a document's nodes, read where they lie.
struct WordCounter {
    private(set) var count = 0
    private var inWord = false

    /// Adds a piece of text that continues the previous one.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        // Without branches: a word starts at a non-space byte after a space.
        // Branching per byte mispredicted on every word boundary, and every
        // byte of every article passes through here.
        var afterSpace: UInt8 = inWord ? 0 : 1
        var starts = 0
        for byte in bytes {
            let space: UInt8 = (byte == 0x20) || (byte == 0x0A) || (byte == 0x09) || (byte == 0x0D) ? 1 : 0
            starts &+= Int(afterSpace & (space ^ 1))
            afterSpace = space
        }
        count += starts
        inWord = afterSpace == 0
    }

    /// What follows starts a new word.
    mutating func endWord() {
        inWord = false
    }
}

extension String {
    func trimmingWhitespace() -> Substring {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return slice
    }
}
