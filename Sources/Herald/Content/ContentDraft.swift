/// A content file whose front matter has been read but whose Markdown is not
/// rendered yet: rendering needs every item's URL first, to resolve links
/// between content files.
struct ContentDraft: Sendable {
    var item: ContentItem
    /// The Markdown body; in the build's scratch file once loaded
    /// (`spillBody(to:)`), read back when it is rendered.
    var body: String {
        get { storedBody.text }
        set { storedBody = .inline(newValue) }
    }
    var storedBody: StoredText
    /// Lines of the file before the body.
    var bodyLineOffset: Int
    /// Front matter `summary`, as Markdown.
    var summaryMarkdown: String?
    /// Where the `layout` key's value is, to report an unknown layout.
    var layoutLocation: (line: Int, column: Int)?
    /// Where the `image` key's value is, to report a lead image that cannot be processed.
    var imageLocation: (line: Int, column: Int)?
    /// Terms of taxonomies other than tags, categories and authors.
    var extraTerms: [String: [String]] = [:]

    init(item: ContentItem, body: String, bodyLineOffset: Int) {
        self.item = item
        self.storedBody = .inline(body)
        self.bodyLineOffset = bodyLineOffset
    }

    /// Moves the Markdown body into `file`, when there is one.
    mutating func spillBody(to file: SpillFile?) {
        storedBody = storedBody.spilled(to: file)
    }
}
