import CCmark

/// What rendering one Markdown body yields (DESIGN §4).
struct RenderedMarkdown: Sendable {
    var html: String
    /// The part before `<!--more-->`, else the first paragraph, as HTML.
    var summaryHTML: String
    var wordCount: Int
    /// The headings, for `page.toc` (empty without the `heading_ids` extension).
    var toc: [TOCEntry] = []
    var diagnostics: [Diagnostic]
    /// The body split at its `<!--paywall-->` line, when it has one.
    var paywall: PaywallSplit? = nil
    /// The body split at its `<!--update …-->` lines, when it has any.
    var live: LiveSplit? = nil
}

/// CommonMark to HTML through libcmark, with Herald's additions: the
/// `<!--more-->` summary marker, links between content files, word counts.
struct MarkdownRenderer: Sendable {
    let options: Int32
    let extensions: MarkdownExtensions
    /// GFM's tag filter applies whenever raw HTML is kept.
    let filtersTags: Bool

    init(settings: SiteConfig.MarkdownSettings) {
        var options = CMARK_OPT_DEFAULT
        if settings.smart { options |= CMARK_OPT_SMART }
        if settings.unsafeHTML { options |= CMARK_OPT_UNSAFE }
        self.options = options
        self.extensions = settings.extensions
        self.filtersTags = settings.unsafeHTML
    }

    /// Renders a fragment, such as a front-matter summary, as HTML.
    func html(_ markdown: String) -> String {
        let (document, definitions) = parse(markdown)
        _ = GFMExtensions(extensions: extensions, filtersTags: filtersTags).apply(to: document, footnotes: definitions)
        return document.html()
    }

    /// The document of `markdown`, its footnote definitions taken out first.
    private func parse(_ markdown: String) -> (CMarkDocument, FootnoteDefinitions?) {
        if extensions.contains(.footnotes), let definitions = FootnoteDefinitions.extract(from: markdown, options: options) {
            return (definitions.document ?? CMarkDocument(markdown: definitions.source, options: options), definitions)
        }
        return (CMarkDocument(markdown: markdown, options: options), nil)
    }

    /// Renders an article or page body.
    ///
    /// - Parameters:
    ///   - lineOffset: lines of the file before `markdown`, to locate problems.
    ///   - idPrefix: names the body in its footnotes' ids; by default made
    ///     from `path`.
    ///   - resolveLink: maps a link destination to the URL to write instead,
    ///     `nil` to keep it, or throws a message when it names a missing file.
    func render(
        _ markdown: String, path: String, lineOffset: Int, idPrefix: String? = nil,
        resolveLink: (String) -> LinkResolution
    ) -> RenderedMarkdown {
        let (document, definitions) = parse(markdown)
        let extended = GFMExtensions(extensions: extensions, filtersTags: filtersTags)
            .apply(to: document, footnotes: definitions, idPrefix: definitions == nil ? "" : idPrefix ?? Footnotes.idPrefix(forPath: path))
        var diagnostics: [Diagnostic] = []
        // Text of adjacent inline nodes is joined ("*three*." is one word);
        // blocks and line breaks separate words.
        var words = WordCounter()
        var moreMarker: OpaquePointer?
        var paywallMarkers: [OpaquePointer] = []
        var updateMarkers: [OpaquePointer] = []
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
            case CMARK_NODE_CUSTOM_INLINE:
                // Table cells separate words; `<del>` continues the word.
                if CMarkNode.isTableCell(node) { words.endWord() }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                guard let url = CMarkDocument.url(of: node) else { break }
                switch resolveLink(url) {
                case .keep: break
                case .replace(let resolved): CMarkDocument.setURL(resolved, of: node)
                case .missing(let message):
                    // Nodes of table cells and footnotes were parsed on their own: their place is kept aside.
                    let place = extended.linkPositions[node] ?? (CMarkDocument.line(of: node), CMarkDocument.column(of: node))
                    diagnostics.append(.error(message, at: path, line: lineOffset + place.line, column: place.column))
                }
            case CMARK_NODE_HTML_BLOCK:
                let literal = CMarkDocument.literal(of: node)?.trimmingWhitespace()
                if moreMarker == nil, literal == "<!--more-->" {
                    moreMarker = node
                } else if literal.map({ $0 == PaywallSplit.marker }) == true {
                    paywallMarkers.append(node)
                } else if let literal, LiveSplit.markerTime(literal) != nil {
                    updateMarkers.append(node)
                }
            default: break
            }
        }

        // Ids last: a heading's HTML is fixed once it has one, so its links
        // must be resolved before.
        var toc: [TOCEntry] = []
        if extensions.contains(.headingIDs) {
            var clashes: [HeadingIDs.Clash] = []
            let entries = document.editing {
                HeadingIDs.apply(
                    to: extended.headings + extended.footnoteHeadings, document: document, reserved: extended.footnotes?.ids ?? [], clashes: &clashes)
            }
            toc = Array(entries.prefix(extended.headings.count))
            for clash in clashes {
                diagnostics.append(.warning(
                    "the heading id '\(clash.written)' is a footnote's id on this page; the heading gets '\(clash.given)' instead",
                    at: path, line: lineOffset + clash.line, column: clash.column))
            }
        }
        // A summary is shown without the notes: its references are not links.
        let summary = extended.footnotes?.withPlainReferences { summaryHTML(of: document, moreMarker: moreMarker) }
            ?? summaryHTML(of: document, moreMarker: moreMarker)
        if let moreMarker { document.remove(moreMarker) }
        let paywall = PaywallSplit(document, markers: paywallMarkers, lineOffset: lineOffset)
        // Markers inside a list or quote split nothing: only the body's own blocks.
        let topLevel = Set(document.blocks)
        let live = LiveSplit(document, markers: updateMarkers.filter(topLevel.contains), lineOffset: lineOffset)
        return RenderedMarkdown(
            html: document.html(), summaryHTML: summary, wordCount: words.count, toc: toc, diagnostics: diagnostics, paywall: paywall, live: live)
    }
}

extension MarkdownRenderer {
    /// The part before `<!--more-->`, else the first paragraph.
    private func summaryHTML(of document: CMarkDocument, moreMarker: OpaquePointer?) -> String {
        guard let moreMarker else {
            guard let paragraph = document.blocks.first(where: { CMarkDocument.type(of: $0) == CMARK_NODE_PARAGRAPH }) else { return "" }
            return document.html(of: paragraph)
        }
        var summary = ""
        for block in document.blocks {
            if block == moreMarker { break }
            summary += document.html(of: block)
        }
        return summary
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
    ///
    /// Every byte of every article passes through here, so eight bytes are
    /// looked at a time: for each, whether it is white space (bit 7 of its
    /// byte in `spaces`), then words start where a byte that is not follows
    /// one that is. Bytes are as likely to start a word as not, which made
    /// a branch per byte mispredict often.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        var starts = 0
        // 1 when the byte before the next one is white space.
        var afterSpace: UInt64 = inWord ? 0 : 1
        var index = 0
        while index + 8 <= bytes.count {
            let word = ByteMask.word(raw, at: index)
            let spaces = ByteMask.bytes(of: word, equalTo: 0x20) | ByteMask.bytes(of: word, equalTo: 0x0A)
                | ByteMask.bytes(of: word, equalTo: 0x09) | ByteMask.bytes(of: word, equalTo: 0x0D)
            // Each byte's predecessor: the byte below it, the carried one for the first.
            let spaceBefore = (spaces << 8) | (afterSpace << 7)
            starts &+= (spaceBefore & ~spaces & ByteMask.highBits).nonzeroBitCount
            afterSpace = spaces >> 63
            index += 8
        }
        while index < bytes.count {
            let byte = base[index]
            let space: UInt64 = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D ? 1 : 0
            starts &+= Int(afterSpace & (space ^ 1))
            afterSpace = space
            index += 1
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
