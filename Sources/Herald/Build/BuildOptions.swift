import Foundation

/// How one build runs (the options of `herald build`, DESIGN §9).
public struct BuildOptions: Sendable {
    /// The site root: the folder holding `site.yml`.
    public var source: URL
    /// Where the site is written; default `ROOT/Public`.
    public var output: URL
    public var includeDrafts = false
    public var includeFuture = false
    /// Replaces `site.yml`'s `url` (for previews and staging hosts).
    public var baseURL: String?
    /// "Now" for future, expired and the news sitemap: `SOURCE_DATE_EPOCH`
    /// when set, else the wall clock.
    public var now: Date
    /// Leave the build's data in memory when `build()` returns, for a
    /// process that exits right after (see `ExitRetention`).
    public var keepsMemoryUntilExit = false
    /// Told each stage and count as the build goes, for a terminal's
    /// progress line; changes nothing the build writes.
    public var progress: BuildProgress?
    /// URLs in one sitemap file: the sitemaps protocol's 50,000, smaller
    /// in tests (see `SitemapPlanner`).
    var sitemapURLLimit = SitemapPlanner.urlLimit

    public init(source: URL, output: URL? = nil, now: Date? = nil) {
        self.source = source.standardizedFileURL
        self.output = (output ?? source.appendingPathComponent("Public")).standardizedFileURL
        self.now = now ?? BuildOptions.defaultNow()
    }

    /// `SOURCE_DATE_EPOCH` (the reproducible-builds convention), else the clock.
    public static func defaultNow(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
        if let epoch = environment["SOURCE_DATE_EPOCH"].flatMap({ Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) {
            return Date(timeIntervalSince1970: epoch)
        }
        return Date()
    }

    /// Whether an item is published in this build: drafts need `--drafts`,
    /// articles dated after "now" need `--future`, and expired items never show.
    public func publishes(kind: ContentItem.Kind, draft: Bool, date: Date?, expires: Date?) -> Bool {
        if draft && !includeDrafts { return false }
        if let date, kind == .article, date > now, !includeFuture { return false }
        if let expires, expires <= now { return false }
        return true
    }
}
