import Foundation

/// Plans `sitemap.xml`, `news-sitemap.xml` and `robots.txt` (DESIGN §6).
struct SitemapPlanner {
    let site: Site
    let now: Date
    /// URLs in one sitemap file; past it, `sitemap.xml` is an index of
    /// `sitemap-1.xml`, `sitemap-2.xml`, … of at most this many each.
    var urlLimit = Self.urlLimit

    /// The most URLs one sitemap may list (sitemaps.org; search engines
    /// reject a larger file).
    static let urlLimit = 50_000

    /// At most this many articles in the news sitemap, as Google News requires.
    static let newsLimit = 1000
    /// The news sitemap lists articles published in this window before "now".
    static let newsWindow: TimeInterval = 2 * 24 * 3600

    /// Adds the sitemaps for every HTML page already in `plan` (all but 404
    /// and unlisted pages), and `robots.txt` unless the site ships its own
    /// in `Content/static/`; each unless `outputs:` switches it off.
    func plan(into plan: inout OutputPlan) {
        let config = site.config
        // The pages are gathered when the sitemap is written: an incremental
        // build, which does not write it, skips sorting every page's path.
        let planned = plan.outputs
        if config.outputs.sitemap {
            planSitemaps(planned, into: &plan)
        }

        if config.outputs.newsSitemap && plan.wants("news-sitemap.xml") {
            let since = now.addingTimeInterval(-Self.newsWindow)
            let recent = site.articles.filter { $0.hasListedPage && ($0.date ?? .distantPast) > since && ($0.date ?? .distantFuture) <= now }
                .prefix(Self.newsLimit)
            let recentArticles = Array(recent)
            plan.add(PlannedOutput(path: "news-sitemap.xml", origin: "the news sitemap", source: .generated { () throws(DiagnosticError) -> [UInt8] in
                try XMLWriterFailure.located(at: "/news-sitemap.xml") { () throws(XMLWriterFailure) in try Self.newsSitemap(recentArticles, config: config) }
            }, kind: .other))
        }

        if config.outputs.robots && !plan.outputs.contains(where: { $0.path == "robots.txt" }) {
            // Without a sitemap, robots.txt must not point at one.
            let sitemapLine = config.outputs.sitemap ? "\nSitemap: \(config.url.absolute("/sitemap.xml"))\n" : ""
            let robots = "User-agent: *\nAllow: /\n" + sitemapLine
            plan.add(PlannedOutput(path: "robots.txt", origin: "robots.txt", source: .generated { Array(robots.utf8) }, kind: .other))
        }
    }

    /// `sitemap.xml` with every page, or, past `urlLimit` pages, as an
    /// index of numbered sitemaps that share them out in path order.
    private func planSitemaps(_ planned: [PlannedOutput], into plan: inout OutputPlan) {
        let config = site.config, limit = urlLimit, live = Self.liveSources(of: site)
        let count = planned.lazy.filter(Self.isInSitemap).count
        let parts = count <= limit ? 1 : (count + limit - 1) / limit
        // The pages are gathered when a sitemap is written: an incremental
        // build, which does not write them, skips sorting every page's path.
        let pages = SitemapPages(planned)
        if parts == 1 {
            guard plan.wants("sitemap.xml") else { return }
            plan.add(PlannedOutput(path: "sitemap.xml", origin: "the sitemap", source: .generated { () throws(DiagnosticError) -> [UInt8] in
                try XMLWriterFailure.located(at: "/sitemap.xml") { () throws(XMLWriterFailure) in try Self.sitemap(pages.sorted[...], config: config) }
            }, kind: .other, dependencies: live))
            return
        }
        for part in 1...parts where plan.wants(Self.partPath(part)) {
            let path = Self.partPath(part)
            plan.add(PlannedOutput(path: path, origin: "the sitemap", source: .generated { () throws(DiagnosticError) -> [UInt8] in
                let slice = pages.part(part, of: limit)
                return try XMLWriterFailure.located(at: "/" + path) { () throws(XMLWriterFailure) in try Self.sitemap(slice, config: config) }
            }, kind: .other, dependencies: live))
        }
        guard plan.wants("sitemap.xml") else { return }
        plan.add(PlannedOutput(path: "sitemap.xml", origin: "the sitemap index", source: .generated { () throws(DiagnosticError) -> [UInt8] in
            let newest = (1...parts).map { pages.part($0, of: limit).compactMap(\.lastModified).max() }
            return try XMLWriterFailure.located(at: "/sitemap.xml") { () throws(XMLWriterFailure) in
                try Self.sitemapIndex(parts: newest, config: config)
            }
        }, kind: .other, dependencies: live))
    }

    /// Pages a sitemap lists: listed HTML pages (not the 404 page, not
    /// unlisted items, which are planned as `.other`).
    static func isInSitemap(_ output: PlannedOutput) -> Bool {
        [.article, .page, .list].contains(output.kind) && output.path.hasSuffix("index.html")
    }

    /// The file of the `part`th sitemap of an index (from 1).
    static func partPath(_ part: Int) -> String {
        "sitemap-\(part).xml"
    }

    static func sitemapIndex(parts newest: [Date?], config: SiteConfig) throws(XMLWriterFailure) -> [UInt8] {
        let xml = XMLWriter()
        xml.startDocument()
        xml.start("sitemapindex")
        xml.attribute("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")
        for (offset, lastModified) in newest.enumerated() {
            xml.start("sitemap")
            xml.element("loc", FeedGenerator.uri(config.url.absolute("/" + partPath(offset + 1))))
            if let lastModified {
                xml.element("lastmod", FeedDates.rfc3339(lastModified, in: config.timeZone))
            }
            xml.end()
        }
        xml.end()
        return try xml.finish()
    }

    /// The live stories with updates: their newest update is the `lastmod`
    /// of their page and of the lists showing them, so the sitemap shows
    /// them as a page shows a body (see `ContentItemFields`).
    static func liveSources(of site: Site) -> [String] {
        // Through the records: filtering the items would copy each whole.
        [site.articleRecords, site.pageRecords].flatMap { records in records.lazy.filter { !$0.item.liveUpdateDates.isEmpty }.map(\.item.sourcePath) }
    }

    static func sitemap(_ pages: ArraySlice<SitemapPages.Page>, config: SiteConfig) throws(XMLWriterFailure) -> [UInt8] {
        let xml = XMLWriter()
        xml.startDocument()
        xml.start("urlset")
        xml.attribute("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")
        for page in pages {
            xml.start("url")
            xml.element("loc", FeedGenerator.uri(config.url.absolute(page.path)))
            if let lastModified = page.lastModified {
                xml.element("lastmod", FeedDates.rfc3339(lastModified, in: config.timeZone))
            }
            xml.end()
        }
        xml.end()
        return try xml.finish()
    }

    static func newsSitemap(_ articles: [ContentItem], config: SiteConfig) throws(XMLWriterFailure) -> [UInt8] {
        let xml = XMLWriter()
        xml.startDocument()
        xml.start("urlset")
        xml.attribute("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")
        xml.attribute("xmlns:news", "http://www.google.com/schemas/sitemap-news/0.9")
        for article in articles {
            xml.start("url")
            xml.element("loc", FeedGenerator.uri(config.url.absolute(article.path)))
            xml.start("news:news")
            xml.start("news:publication")
            xml.element("news:name", config.title)
            xml.element("news:language", config.language)
            xml.end()
            xml.element("news:publication_date", FeedDates.rfc3339(article.date ?? .distantPast, in: config.timeZone))
            xml.element("news:title", article.title)
            xml.end()
            xml.end()
        }
        xml.end()
        return try xml.finish()
    }
}

/// The pages of the sitemaps, sorted by path once, on first use, for all
/// the sitemap files that share them out.
final class SitemapPages: @unchecked Sendable {
    typealias Page = (path: String, lastModified: Date?)
    // Safety: `pages` is read and written under `lock` only.
    private let lock = NSLock()
    private var planned: [PlannedOutput]?
    private var pages: [Page] = []

    init(_ planned: [PlannedOutput]) {
        self.planned = planned
    }

    /// The `part`th run (from 1) of `size` pages.
    func part(_ part: Int, of size: Int) -> ArraySlice<Page> {
        let all = sorted
        return all[((part - 1) * size)..<min(part * size, all.count)]
    }

    var sorted: [Page] {
        lock.lock()
        defer { lock.unlock() }
        if let planned {
            pages = planned.filter(SitemapPlanner.isInSitemap)
                .map { (path: "/" + $0.path.dropLast("index.html".count), lastModified: $0.lastModified) }
                .sorted { $0.path < $1.path }
            self.planned = nil
        }
        return pages
    }
}
