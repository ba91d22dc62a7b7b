import Foundation

/// One article or standalone page, after its front matter was validated and
/// its Markdown rendered (DESIGN §3, §4).
///
/// Immutable and shared between the render threads; everything a template or
/// feed needs about a single piece of content is here.
@dynamicMemberLookup
public struct ContentItem: Sendable {
    public enum Kind: String, Sendable {
        case article, page
    }

    /// Every stored property of an item, held once in a box that copies of
    /// the item share (copy on write): an item is several hundred bytes, and
    /// a build holds it in its draft, the site's list and the page's record.
    public struct Fields: Sendable {
        public var kind: Kind
        /// Source file, relative to the site root (`Content/articles/2025/a.md`).
        public var sourcePath: String
        public var title: String
        /// URL segment from front matter or the file name.
        public var slug: String
        /// First publication; always set for articles.
        public var date: Date?
        /// Last substantive update, if any.
        public var updated: Date?
        public var expires: Date?
        public var draft: Bool = false
        /// Front matter `render`: false gives the item no page of its own; it
        /// is still listed and in feeds (its link there: `canonical`, else the
        /// home page).
        public var render = true
        /// Front matter `list`: false keeps the item out of every listing,
        /// feed, sitemap and the search index; its own page is still written.
        public var listed = true
        /// Bylines; the site author when the front matter names none.
        public var authors: [Person] = []
        public var tags: [String] = []
        public var categories: [String] = []
        /// Standfirst as HTML: front matter `summary`, else the part before
        /// `<!--more-->`, else the first paragraph.
        public var summaryHTML: String = ""
        /// The front matter `summary` as HTML, when there is one: a standfirst
        /// that does not repeat the body (unlike a summary taken from it).
        public var standfirstHTML: String?
        /// The summary as plain text, for meta descriptions and feeds.
        public var summaryText: String = ""
        /// The whole body as HTML; kept in the build's scratch file once the
        /// body is rendered (`spillContent(to:)`), read back where it is shown.
        public var contentHTML: String {
            get { storedContent.text }
            set { storedContent = .inline(newValue) }
        }
        fileprivate var storedContent = StoredText.inline("")
        public var image: LeadImage?
        /// The point every share crop of the lead image keeps (`image_focus`);
        /// `nil`: libvips's attention crop chooses.
        public var imageFocus: ImageFocus?
        /// Template name instead of the default (`article` / `page`).
        public var layout: String?
        public var canonical: String?
        /// Correction notices, oldest first (front matter `corrections`).
        public var corrections: [Correction] = []
        /// Old site paths that redirect here (front matter `aliases`), as
        /// written; `RedirectPath` reads them.
        public var aliases: [String] = []
        /// `members`: the body after `<!--paywall-->` is for members.
        public var access: Access = .free
        /// Of a members' story, the free part of the body as HTML ("" when all
        /// of it is for members); `nil` for other items.
        public var freeContentHTML: String?
        /// Live coverage (front matter `live`): the body's parts after its
        /// `<!--update …-->` lines are updates.
        public var live = false
        /// When the coverage ends (`live_until`); open-ended without.
        public var liveUntil: Date?
        /// The updates of a live story, newest first (rendered from the body).
        public var liveUpdates: [LiveUpdate] = []
        /// Their times, newest first: metadata (the feeds' and the sitemap's
        /// dates), kept between builds where the updates' words are not.
        public var liveUpdateDates: [Date] = []
        /// Front matter keys Herald does not know, for `page.params`.
        public var params: [String: Value] = [:]
        public var wordCount: Int = 0
        /// The body's headings, in order (`page.toc`).
        public var toc: [TOCEntry] = []
        /// Site path of the output, such as `/2025/07/slug/` (without the subpath).
        public var path: String = "/"
        /// The served path (with the site's subpath) and the absolute URL of
        /// `path`, set by the site stage so that renders need not rebuild them.
        public var url: String = "/"
        public var permalink: String = "/"

        init(kind: Kind, sourcePath: String, title: String, slug: String) {
            self.kind = kind
            self.sourcePath = sourcePath
            self.title = title
            self.slug = slug
        }
    }

    private final class Box: @unchecked Sendable {
        // Safety: `fields` is only written through an item that holds the
        // box alone (`isKnownUniquelyReferenced`), never while shared.
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    /// The stored properties, as one value.
    var fields: Fields { box.fields }

    public init(kind: Kind, sourcePath: String, title: String, slug: String) {
        box = Box(Fields(kind: kind, sourcePath: sourcePath, title: title, slug: slug))
    }

    public subscript<Value>(dynamicMember path: WritableKeyPath<Fields, Value>) -> Value {
        get { box.fields[keyPath: path] }
        _modify {
            makeUnique()
            yield &box.fields[keyPath: path]
        }
    }

    /// Gives this item a box of its own before it changes a field.
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
    }

    /// Minutes to read at 230 words a minute, at least 1.
    public var readingTime: Int {
        Self.readingTime(words: self.wordCount)
    }

    /// Minutes to read `words` words.
    static func readingTime(words: Int) -> Int {
        max(1, Int((Double(words) / 230).rounded(.up)))
    }

    /// Whether it has a page that listings, sitemaps and search may link to.
    public var hasListedPage: Bool {
        self.render && self.listed
    }

    /// `updated`, else `date`, or a live story's newest update when later:
    /// what feeds call the entry's `updated`.
    public var lastModified: Date? {
        let stated = self.updated ?? self.date
        guard let newest = self.liveUpdateDates.first else { return stated }
        return stated.map { max($0, newest) } ?? newest
    }

    /// Moves the rendered body into `file` (when there is one), so that an
    /// archive's bodies are not all held in memory between the Markdown
    /// stage and the writing stage.
    mutating func spillContent(to file: SpillFile?) {
        makeUnique()
        box.fields.storedContent = box.fields.storedContent.spilled(to: file)
    }

    /// Stored properties kept under another name than the field they hold
    /// (`ContentItemFields` names fields; a test checks that every stored
    /// property is one).
    static let storageNames = ["storedContent": "contentHTML"]
}

/// The lead image of an article, with what a news page shows beside it.
public struct LeadImage: Sendable, Hashable {
    /// As written in front matter: a site path (`/images/a.jpg`), a path relative
    /// to the article, or an absolute URL.
    public var src: String
    public var alt: String?
    public var caption: String?
    public var credit: String?

    public init(src: String, alt: String? = nil, caption: String? = nil, credit: String? = nil) {
        self.src = src
        self.alt = alt
        self.caption = caption
        self.credit = credit
    }
}
