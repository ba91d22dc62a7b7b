/// The GitHub Flavored Markdown extensions Herald adds to libcmark's
/// CommonMark, each switched on by its name in `markdown.extensions`.
public struct MarkdownExtensions: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let tables = MarkdownExtensions(rawValue: 1 << 0)
    public static let strikethrough = MarkdownExtensions(rawValue: 1 << 1)
    public static let taskLists = MarkdownExtensions(rawValue: 1 << 2)
    public static let autolinks = MarkdownExtensions(rawValue: 1 << 3)
    public static let footnotes = MarkdownExtensions(rawValue: 1 << 4)
    public static let headingIDs = MarkdownExtensions(rawValue: 1 << 5)

    /// The names `markdown.extensions` accepts, in the order of the default list.
    public static let names: [(name: String, value: MarkdownExtensions)] = [
        ("tables", .tables), ("strikethrough", .strikethrough), ("tasklists", .taskLists),
        ("autolinks", .autolinks), ("footnotes", .footnotes), ("heading_ids", .headingIDs),
    ]

    public static let all: MarkdownExtensions = [.tables, .strikethrough, .taskLists, .autolinks, .footnotes, .headingIDs]

    public static func named(_ name: String) -> MarkdownExtensions? {
        names.first { $0.name == name }?.value
    }
}
