import Foundation

/// What one feed covers: the whole site, or one term.
public struct FeedRequest: Sendable {
    /// "Example News" or "Example News: Economy".
    public var title: String
    /// Site description for the main feed.
    public var subtitle: String?
    /// Site path of the folder holding the feed files: "/" or "/tags/economy/".
    public var directory: String
    /// Site path of the HTML page the feed mirrors: "/" or "/tags/economy/".
    public var alternatePath: String
    /// Articles, newest first (by date), not yet limited.
    public var items: [ContentItem]
    /// Site path of the document when it is not FORMAT's file in `directory`
    /// (an archive document, `/feed/archive/2.xml`).
    var selfPath: String?
    /// RFC 5005 links (Atom only).
    var archive: ArchiveLinks?

    public init(title: String, subtitle: String?, directory: String, alternatePath: String, items: [ContentItem]) {
        self.title = title
        self.subtitle = subtitle
        self.directory = directory
        self.alternatePath = alternatePath
        self.items = items
    }
}

/// Media type and byte size of a site file, when the build knows it (lead images under Content/static).
public struct MediaInfo: Sendable {
    public var type: String
    public var length: Int?
    /// The site path to link instead, when the file is published processed
    /// (a lead image's 1200-pixel JPEG).
    public var sitePath: String?

    public init(type: String, length: Int?, sitePath: String? = nil) {
        self.type = type
        self.length = length
        self.sitePath = sitePath
    }
}

/// Renders Atom 1.0, RSS 2.0 and JSON Feed 1.1 documents (DESIGN §7, docs/feeds.md).
///
/// Pure: the output depends only on the configuration, the request and what
/// `mediaInfo` answers — never on the clock — so the same input gives the same bytes.
public struct FeedGenerator: Sendable {
    public let config: SiteConfig
    let mediaInfo: @Sendable (String) -> MediaInfo?
    /// Entries already prepared, by source path: set for the generator of
    /// one build, where a source path names one article in every feed.
    let preparedEntries: PreparedEntryCache?

    /// `mediaInfo` answers for a site path (`/images/a.jpg`) of a lead image.
    public init(config: SiteConfig, mediaInfo: @escaping @Sendable (String) -> MediaInfo? = { _ in nil }) {
        self.init(config: config, mediaInfo: mediaInfo, preparedEntries: nil)
    }

    init(config: SiteConfig, mediaInfo: @escaping @Sendable (String) -> MediaInfo?, preparedEntries: PreparedEntryCache?) {
        self.config = config
        self.mediaInfo = mediaInfo
        self.preparedEntries = preparedEntries
    }

    /// The bytes of one feed document (UTF-8), deterministic for the same
    /// input; throws when libxml2 could not write it.
    public func render(_ request: FeedRequest, as format: FeedFormat) throws(XMLWriterFailure) -> [UInt8] {
        let feed = prepare(request, format: format)
        switch format {
        case .atom: return try AtomWriter.render(feed)
        case .rss: return try RSSWriter.render(feed)
        case .json: return JSONFeedWriter.render(feed)
        }
    }

    /// `render` for a build: the feed at site path `path`, a libxml2
    /// failure being an error that names it.
    func document(_ request: FeedRequest, as format: FeedFormat, at path: String) throws(DiagnosticError) -> [UInt8] {
        try XMLWriterFailure.located(at: path) { () throws(XMLWriterFailure) in try render(request, as: format) }
    }

    /// Site path of the feed file: directory + "feed.xml" | "rss.xml" | "feed.json".
    public static func path(for format: FeedFormat, in directory: String) -> String {
        var dir = directory.hasPrefix("/") ? directory : "/" + directory
        if !dir.hasSuffix("/") { dir += "/" }
        return dir + format.fileName
    }

    /// MIME type: application/atom+xml, application/rss+xml, application/feed+json.
    public static func mediaType(for format: FeedFormat) -> String {
        format.mediaType
    }

    /// Tag URI entry id (RFC 4151): `tag:AUTHORITY,YYYY-MM-DD:/SLUG`, the date
    /// being the article's `date` in the site's time zone. Characters of the
    /// slug outside the URI's unreserved set are percent-encoded (UTF-8).
    public func entryID(for item: ContentItem) -> String {
        let date = item.date ?? FeedGenerator.emptyFeedDate
        return "tag:\(config.idAuthority.lowercased()),\(FeedDates.day(date, in: config.timeZone)):/"
            + FeedGenerator.percentEncoded(item.slug)
    }

    /// The feed's own id (Atom `id`): `tag:AUTHORITY,2000:/` + directory without
    /// its leading slash. Independent of the base URL and of the title.
    func feedID(directory: String) -> String {
        let dir = FeedGenerator.path(for: .atom, in: directory).dropLast("feed.xml".count)
        return "tag:\(config.idAuthority.lowercased()),2000:" + FeedGenerator.percentEncoded(String(dir))
    }

    /// `updated` of a feed without entries: a fixed instant, never the clock
    /// (2000-01-01T00:00:00Z; the W3C validator flags dates before 1990).
    static let emptyFeedDate = Date(timeIntervalSince1970: 946_684_800)

    /// A URL as a URI (RFC 3986): bytes of non-ASCII characters, spaces and the
    /// characters URIs never contain are percent-encoded (UTF-8); existing
    /// `%XX` escapes and everything else are kept. Readers and the W3C validator
    /// expect URIs, not IRIs, in RSS, so all three formats use this form.
    static func uri(_ text: String) -> String {
        var needsWork = false
        for byte in text.utf8 where byte >= 0x80 || byte <= 0x20 || uriForbidden.contains(byte) {
            needsWork = true
            break
        }
        guard needsWork else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            if byte >= 0x80 || byte <= 0x20 || uriForbidden.contains(byte) {
                PercentEncoding.append(byte, to: &out)
            } else {
                out.append(byte)
            }
        }
        // Every byte written is ASCII or copied from valid UTF-8 around it.
        return String(decoding: out, as: UTF8.self)
    }

    private static let uriForbidden: Set<UInt8> = Set("\"<>\\^`{|}\u{7F}".utf8)

    static func percentEncoded(_ text: String) -> String {
        PercentEncoding.encode(text)
    }
}

// MARK: - The data every writer uses

/// One feed with every value computed once: URLs absolute, HTML absolutized,
/// dates formatted, text sanitized. Writers only lay it out.
struct PreparedFeed {
    var format: FeedFormat
    var id: String
    var title: String
    var description: String?
    var language: String
    var selfURL: String
    var homeURL: String
    /// `nil` with `outputs.feed_stylesheet: false`: no `<?xml-stylesheet?>`.
    var stylesheetHref: String?
    var updated: Date
    var timeZone: TimeZone
    var author: Person
    var icon: String?
    var logo: String?
    var copyright: String?
    /// WebSub hubs (`feeds.hubs`), as URIs.
    var hubs: [String]
    /// RFC 5005: `fh:archive`, and the `current`, `prev-archive` and
    /// `next-archive` URLs.
    var isArchive = false
    var currentURL: String?
    var previousArchiveURL: String?
    var nextArchiveURL: String?
    var generator: String
    var generatorVersion: String
    var entries: [PreparedEntry]
}

struct PreparedEntry {
    struct Category {
        var term: String
        var scheme: String?
    }
    struct Enclosure {
        var url: String
        var type: String?
        var length: Int?
    }

    var id: String
    var title: String
    var url: String
    var published: Date
    var updated: Date
    var authors: [Person]
    var categories: [Category]
    /// Summary HTML with absolute URLs ("" when there is none).
    var summaryHTML: String
    /// Full or summary HTML per `feeds.content`, with absolute URLs.
    var contentHTML: String
    var image: Enclosure?
}

extension FeedGenerator {
    func prepare(_ request: FeedRequest, format: FeedFormat) -> PreparedFeed {
        let limit = config.feeds.limit
        let items = limit > 0 ? Array(request.items.prefix(limit)) : request.items
        let entries = items.map { item in
            preparedEntries?.entry(for: item.sourcePath) { prepare(item) } ?? prepare(item)
        }
        let updated = entries.map(\.updated).max() ?? FeedGenerator.emptyFeedDate
        let description = request.subtitle.flatMap { $0.isEmpty ? nil : $0 }
        let absolute = { (path: String) in FeedGenerator.uri(self.config.url.absolute(path)) }
        var feed = PreparedFeed(
            format: format,
            id: feedID(directory: request.directory),
            title: XMLText.sanitized(request.title),
            description: description.map(XMLText.sanitized),
            language: config.language,
            selfURL: absolute(request.selfPath ?? FeedGenerator.path(for: format, in: request.directory)),
            homeURL: FeedGenerator.uri(config.url.absolute(request.alternatePath)),
            stylesheetHref: config.outputs.feedStylesheet ? config.url.relative(FeedStylesheet.path) : nil,
            updated: updated,
            timeZone: config.timeZone,
            author: sanitized(config.author),
            icon: config.icon.map { absoluteSiteURL($0) },
            logo: config.logo.map { absoluteSiteURL($0) },
            copyright: config.copyright.flatMap { $0.isEmpty ? nil : XMLText.sanitized($0) },
            hubs: config.feeds.hubs.map { FeedGenerator.uri(XMLText.sanitized($0)) },
            generator: "Herald",
            generatorVersion: HeraldVersion.current,
            entries: entries
        )
        if let archive = request.archive, format == .atom {
            feed.isArchive = archive.isArchive
            feed.currentURL = archive.current.map(absolute)
            feed.previousArchiveURL = archive.previous.map(absolute)
            feed.nextArchiveURL = archive.next.map(absolute)
        }
        return feed
    }

    /// Categories listed per entry; the rest of an article's terms are left out of its feed entries.
    static let maximumCategories = 50

    private func prepare(_ item: ContentItem) -> PreparedEntry {
        // An item without a page of its own links to its canonical URL, else the home page.
        let url = FeedGenerator.uri(item.render ? config.url.absolute(item.path) : item.canonical ?? config.url.absolute("/"))
        let published = item.date ?? FeedGenerator.emptyFeedDate
        // An `updated` before the publication date would be a typo; never go back in
        // time. A live story is as new as its newest update.
        let updated = max(item.lastModified ?? published, published)
        let summary = HTMLURLAbsolutizer.absolutize(XMLText.sanitized(item.summaryHTML), base: url)
        let content: String
        switch config.feeds.content {
        case .full where item.access == .members && config.feeds.membersContent == .free:
            // Members' stories: the free part (or the summary) and where to read on.
            let free = item.freeContentHTML.flatMap { $0.isEmpty ? nil : HTMLURLAbsolutizer.absolutize(XMLText.sanitized($0), base: url) }
            content = (free ?? summary) + FeedGenerator.membersNote(url: url)
        case .full:
            // Read once: a rendered body is read back from the build's scratch file.
            let body = item.contentHTML
            content = body.isEmpty ? summary : HTMLURLAbsolutizer.absolutize(XMLText.sanitized(body), base: url)
        case .summary:
            content = summary
        }
        var authors = item.authors.filter { !$0.name.isEmpty }.map(sanitized)
        if authors.isEmpty { authors = [sanitized(config.author)] }
        var categories: [PreparedEntry.Category] = []
        var seen = Set<String>()
        // At most `maximumCategories`: an article's entry is repeated in the
        // feed of each of its terms, so an article with thousands of tags
        // would otherwise make feeds whose total size grows with its square.
        taxonomies: for (taxonomy, terms) in [("tags", item.tags), ("categories", item.categories)] {
            let scheme = config.taxonomy(named: taxonomy).map { FeedGenerator.uri(config.url.absolute($0.path)) }
            for term in terms {
                if categories.count == FeedGenerator.maximumCategories { break taxonomies }
                let clean = XMLText.sanitized(term)
                guard !clean.isEmpty, seen.insert(taxonomy + "\u{0}" + clean).inserted else { continue }
                categories.append(.init(term: clean, scheme: scheme))
            }
        }
        return PreparedEntry(
            id: entryID(for: item),
            title: XMLText.sanitized(item.title),
            url: url,
            published: published,
            updated: updated,
            authors: authors,
            categories: categories,
            summaryHTML: summary,
            contentHTML: content,
            image: item.image.flatMap { enclosure(for: $0, of: item) }
        )
    }

    private func enclosure(for image: LeadImage, of item: ContentItem) -> PreparedEntry.Enclosure? {
        let src = image.src.trimmingCharacters(in: .whitespaces)
        guard !src.isEmpty else { return nil }
        if URLReference(src).scheme.isEmpty == false, !src.hasPrefix("/") {
            // An absolute URL: the build knows nothing about the file.
            return .init(url: FeedGenerator.uri(XMLText.sanitized(src)), type: FeedGenerator.guessedImageType(src), length: nil)
        }
        // A site path, or a path relative to the article.
        let sitePath: String
        if src.hasPrefix("/") {
            sitePath = src
        } else {
            let resolved = URLReference("https://site" + item.path).resolve(src) ?? src
            sitePath = String(resolved.dropFirst("https://site".count))
        }
        let info = mediaInfo(sitePath)
        return .init(
            url: FeedGenerator.uri(XMLText.sanitized(config.url.absolute(info?.sitePath ?? sitePath))),
            type: info?.type ?? FeedGenerator.guessedImageType(sitePath),
            length: info?.length
        )
    }

    /// What follows the free part of a members' story in a feed.
    static func membersNote(url: String) -> String {
        "<p><a href=\"" + HTMLEscaping.escape(url) + "\">The rest of this story is for members: read it on the site.</a></p>\n"
    }

    /// Absolute URL of a config value that is a site path or an absolute URL.
    private func absoluteSiteURL(_ value: String) -> String {
        if SiteURL(value) != nil || value.contains("://") { return FeedGenerator.uri(XMLText.sanitized(value)) }
        return FeedGenerator.uri(XMLText.sanitized(config.url.absolute(value.hasPrefix("/") ? value : "/" + value)))
    }

    private func sanitized(_ person: Person) -> Person {
        Person(
            name: XMLText.sanitized(person.name),
            email: person.email.flatMap { $0.isEmpty ? nil : XMLText.sanitized($0) },
            uri: person.uri.flatMap { $0.isEmpty ? nil : FeedGenerator.uri(XMLText.sanitized($0)) }
        )
    }

    /// Media type from a file extension, for images the build did not describe.
    static func guessedImageType(_ path: String) -> String? {
        MediaTypes.type(ofPath: String(path.prefix { $0 != "?" && $0 != "#" }))
    }
}
