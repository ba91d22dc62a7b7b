import Foundation

/// The one declaration of what a `ContentItem` carries between builds.
///
/// Every stored property of `ContentItem` is listed here exactly once, as
/// either **metadata** (what pages other than the item's own may show:
/// title, dates, URL, terms, …) or **body** (rendered from the Markdown
/// body, which the build state does not keep). From this table follow:
/// encoding and decoding an item in the build state (`write`, `read`),
/// the digest that tells whether an edit changed anything other pages show
/// (`metadataDigest`), and stripping the body off a kept item
/// (`withoutBody`). `ContentItemFieldsTests` fails when a property of
/// `ContentItem` is missing here, so a new field cannot be forgotten by the
/// incremental build.
///
/// To add a field: add the property to `ContentItem`, then one line below
/// (and a `RecordValue` conformance if its type has none yet).
enum ContentItemFields {
    static let all: [ContentItemField] = [
        .metadata("kind", \.kind),
        .metadata("sourcePath", \.sourcePath),
        .metadata("title", \.title),
        .metadata("slug", \.slug),
        .metadata("date", \.date),
        .metadata("updated", \.updated),
        .metadata("expires", \.expires),
        .metadata("draft", \.draft),
        // Whether it has a page, and whether listings, feeds and sitemaps show it.
        .metadata("render", \.render),
        .metadata("listed", \.listed),
        .metadata("authors", \.authors),
        .metadata("tags", \.tags),
        .metadata("categories", \.categories),
        .metadata("standfirstHTML", \.standfirstHTML),
        .metadata("image", \.image),
        // Which share crops the item's page and feeds link.
        .metadata("imageFocus", \.imageFocus),
        .metadata("layout", \.layout),
        .metadata("canonical", \.canonical),
        .metadata("corrections", \.corrections),
        // Redirects are planned from every item's aliases.
        .metadata("aliases", \.aliases),
        .metadata("access", \.access),
        .metadata("live", \.live),
        .metadata("liveUntil", \.liveUntil),
        // A new update moves the story's `lastModified`: the feeds listing
        // it, `page.modified` and the sitemap record the story as shown.
        .tracked("liveUpdateDates", \.liveUpdateDates),
        .metadata("params", \.params),
        .metadata("path", \.path),
        .metadata("url", \.url),
        .metadata("permalink", \.permalink),
        .body("contentHTML", \.contentHTML, empty: ""),
        .body("freeContentHTML", \.freeContentHTML, empty: nil),
        .body("wordCount", \.wordCount, empty: 0),
        .body("toc", \.toc, empty: []),
        .body("liveUpdates", \.liveUpdates, empty: []),
        // A summary from front matter shows without the body; one taken
        // from the body is the body's.
        .body("summaryHTML", \.summaryHTML, empty: "", keptWhen: { $0.standfirstHTML != nil }),
        .body("summaryText", \.summaryText, empty: "", keptWhen: { $0.standfirstHTML != nil }),
    ]

    static let metadata = all.filter { $0.role == .metadata }

    /// Writes every field of `item`, in the table's order.
    static func write(_ item: ContentItem, to writer: inout BinaryWriter) {
        for field in all { field.write(item, &writer) }
    }

    /// Reads an item written by `write`.
    static func read(_ reader: inout BinaryReader) throws(BinaryReader.Failure) -> ContentItem {
        var item = ContentItem(kind: .article, sourcePath: "", title: "", slug: "")
        for field in all { try field.read(&item, &reader) }
        return item
    }

    /// `item` without what is rendered from its body.
    static func withoutBody(_ item: ContentItem) -> ContentItem {
        var stripped = item
        for field in all where field.role == .body { field.strip(item, &stripped) }
        return stripped
    }

    /// Digest of the metadata fields: equal for two versions of an item
    /// exactly when no page but the item's own can tell them apart.
    static func metadataDigest(of item: ContentItem) -> UInt64 {
        var writer = BinaryWriter(capacity: 512)
        for field in metadata { field.write(item, &writer) }
        var digest = Digest()
        digest.add(writer.bytes)
        return digest.value
    }
}

/// One stored property of `ContentItem`, as `ContentItemFields` declares it.
struct ContentItemField: Sendable {
    enum Role: Sendable {
        /// Shown by other pages (listings, feeds, related articles): kept in
        /// the build state and part of the metadata digest.
        case metadata
        /// Rendered from the body: emptied in the build state, which
        /// re-renders it from the source when an output needs it.
        case body
        /// Derived from the body but kept in the build state, outside the
        /// metadata digest: every output that shows it records the item as
        /// a dependency (as for the body), so a change renders those outputs
        /// again rather than everything.
        case tracked
    }

    let name: String
    private(set) var role: Role
    let write: @Sendable (ContentItem, inout BinaryWriter) -> Void
    let read: @Sendable (inout ContentItem, inout BinaryReader) throws(BinaryReader.Failure) -> Void
    /// Empties the field of the second item unless the first keeps it.
    let strip: @Sendable (ContentItem, inout ContentItem) -> Void

    static func metadata<Stored: RecordValue>(_ name: String, _ keyPath: WritableKeyPath<ContentItem.Fields, Stored> & Sendable) -> Self {
        ContentItemField(
            name: name, role: .metadata,
            write: { item, writer in item[dynamicMember: keyPath].write(to: &writer) },
            read: { (item: inout ContentItem, reader: inout BinaryReader) throws(BinaryReader.Failure) in item[dynamicMember: keyPath] = try Stored.read(from: &reader) },
            strip: { _, _ in })
    }

    static func tracked<Stored: RecordValue>(_ name: String, _ keyPath: WritableKeyPath<ContentItem.Fields, Stored> & Sendable) -> Self {
        var field = metadata(name, keyPath)
        field.role = .tracked
        return field
    }

    static func body<Stored: RecordValue>(
        _ name: String, _ keyPath: WritableKeyPath<ContentItem.Fields, Stored> & Sendable, empty: Stored,
        keptWhen kept: @escaping @Sendable (ContentItem) -> Bool = { _ in false }
    ) -> Self {
        ContentItemField(
            name: name, role: .body,
            write: { item, writer in item[dynamicMember: keyPath].write(to: &writer) },
            read: { (item: inout ContentItem, reader: inout BinaryReader) throws(BinaryReader.Failure) in item[dynamicMember: keyPath] = try Stored.read(from: &reader) },
            strip: { original, item in if !kept(original) { item[dynamicMember: keyPath] = empty } })
    }
}
