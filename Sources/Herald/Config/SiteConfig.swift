import Foundation

/// The site's configuration, read from `site.yml` (DESIGN §2).
///
/// Every key but `title` and `url` has a default, so `SiteConfig(title:url:)`
/// is a complete configuration; `SiteConfigLoader` fills it from YAML.
public struct SiteConfig: Sendable {
    public var title: String
    /// The absolute base URL, always ending in `/`; may carry a subpath.
    public var url: SiteURL
    public var description: String = ""
    /// BCP 47 language tag.
    public var language: String = "en"
    /// Dates without an offset are read in this zone, and templates format in it.
    public var timeZone: TimeZone = TimeZone(identifier: "UTC")!
    public var author: Person = Person(name: "Newsroom")
    /// Items per list page.
    public var paginate: Int = 10
    public var permalinks = Permalinks()
    /// The optional files the site writes (`outputs:`).
    public var outputs = OutputSettings()
    /// Where page N of a listing is.
    public var pagination = PaginationSettings()
    public var taxonomies: [TaxonomySettings] = ["tags", "categories", "authors"].map { TaxonomySettings(name: $0) }
    /// Paginated listings besides the home page (`lists:`), in site.yml's order.
    public var lists: [ListSettings] = []
    public var feeds = FeedSettings()
    public var markdown = MarkdownSettings()
    public var images = ImageSettings()
    public var assets = AssetSettings()
    public var search = SearchSettings()
    public var corrections = CorrectionSettings()
    public var redirects = RedirectSettings()
    /// Path or URL of a square icon (feeds' `icon`, JSON Feed `icon`, favicon).
    public var icon: String?
    /// Path or URL of the publisher's logo (Atom `logo`, JSON-LD publisher).
    public var logo: String?
    /// Copyright line (Atom `rights`, RSS `copyright`).
    public var copyright: String?
    /// Free-form values visible to templates as `site.params`.
    public var params: [String: Value] = [:]

    public init(title: String, url: SiteURL) {
        self.title = title
        self.url = url
    }

    public struct Permalinks: Sendable, Equatable {
        public var article = "/:year/:month/:slug/"
        public var page = "/:slug/"
        public init() {}
    }

    public struct FeedSettings: Sendable, Equatable {
        public var formats: [FeedFormat] = [.atom, .rss, .json]
        /// Newest N entries per feed; 0 means all.
        public var limit = 20
        public var content: FeedContent = .full
        /// One feed per tag, category and author.
        public var taxonomies = true
        /// Authority of `tag:` entry ids; default: the host of `url`.
        public var idAuthority: String?
        /// RFC 5005 archived feeds of the site feed (`/feed/archive/N.xml`).
        public var archive = false
        /// What feeds carry of a members' story: its free part, or all of it.
        public var membersContent: MembersFeedContent = .free
        /// WebSub hubs announced in every feed and told of changed feeds.
        public var hubs: [String] = []
        public init() {}
    }

    public struct MarkdownSettings: Sendable, Equatable {
        /// Curly quotes and dashes (`CMARK_OPT_SMART`).
        public var smart = true
        /// Keep raw HTML in Markdown (`CMARK_OPT_UNSAFE`); dropped otherwise.
        public var unsafeHTML = false
        /// The GitHub Flavored Markdown extensions in use (`markdown.extensions`).
        public var extensions = MarkdownExtensions.all
        public init() {}
    }

    /// The settings of the taxonomy `name`, when the site has it.
    public func taxonomy(named name: String) -> TaxonomySettings? {
        taxonomies.first { $0.name == name }
    }

    /// The authority of `tag:` ids: `feeds.id_authority`, else the URL's host.
    public var idAuthority: String {
        feeds.idAuthority ?? url.host
    }
}

public enum FeedFormat: String, Sendable, CaseIterable {
    case atom, rss, json
}

public enum FeedContent: String, Sendable {
    case full, summary
}

/// A person credited for content: the site author or a byline.
public struct Person: Sendable, Hashable {
    public var name: String
    public var email: String?
    /// Web page of the person; for bylines, their author page on the site.
    public var uri: String?

    public init(name: String, email: String? = nil, uri: String? = nil) {
        self.name = name
        self.email = email
        self.uri = uri
    }
}
