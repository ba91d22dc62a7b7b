import Foundation
import Testing
@testable import Herald

/// sitemap.xml, news-sitemap.xml, robots.txt and 404.html.
@Suite struct MachineOutputTests {
    typealias F = SiteFixtures
    static let sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
    static let newsNS = "http://www.google.com/schemas/sitemap-news/0.9"

    @Test func sitemapListsEveryHTMLPageButThe404AndEveryListedPageExists() throws {
        let site = try F.demoSite()
        defer { site.remove() }
        _ = try site.build()
        let public_ = site.root.appendingPathComponent("Public")
        let root = try FeedXMLNode.parse(Array(try #require(site.read("Public/sitemap.xml")).utf8))
        #expect(root.name == "urlset" && root.namespace == Self.sitemapNS)
        let locs = root.all("url").compactMap { $0.first("loc")?.text }
        #expect(Set(locs).count == locs.count, "no page is listed twice")
        let listed = Set(locs.map { loc -> String in
            #expect(loc.hasPrefix("https://news.example.org/"))
            return String(loc.dropFirst("https://news.example.org/".count)) + "index.html"
        })
        let htmlFiles = Set(F.files(under: public_).filter { $0.hasSuffix(".html") })
        #expect(htmlFiles.contains("404.html"))
        // Redirect pages (the demo's aliases and redirects.map) are in no sitemap.
        let redirects = Set(htmlFiles.filter { site.read("Public/" + $0)?.contains("<meta http-equiv=\"refresh\"") == true })
        #expect(redirects == ["2026/02/council-budget-vote/index.html", "about-us/index.html", "corrections-and-clarifications/index.html", "feed/index.html"])
        // The search page is noindex, and so in no sitemap either.
        #expect(htmlFiles.contains("search/index.html"))
        // The demo's thank-you page has `list: false`: its own page, in no sitemap.
        #expect(htmlFiles.contains("newsletter-thanks/index.html"))
        #expect(listed == htmlFiles.subtracting(["404.html", "search/index.html", "newsletter-thanks/index.html"]).subtracting(redirects))
        // Articles and lists carry lastmod: the article's updated, else date.
        let byLoc = Dictionary(uniqueKeysWithValues: root.all("url").map { ($0.first("loc")?.text ?? "", $0.first("lastmod")?.text) })
        #expect(byLoc["https://news.example.org/2026/11/rail-spur-study/"] == "2026-11-18T16:20:00-05:00")
        // A live story's is its newest update, and so is that of the lists showing it.
        #expect(byLoc["https://news.example.org/2026/11/route-twelve-bridge-closure-live/"] == "2026-12-01T08:20:00-05:00")
        #expect(byLoc["https://news.example.org/"] == "2026-12-01T08:20:00-05:00")
        let withoutLastmod = byLoc.filter { $0.value == nil }.keys.sorted()
        #expect(withoutLastmod == ["https://news.example.org/about/", "https://news.example.org/contact/"])
        // A page with `updated` has it as lastmod.
        #expect(byLoc["https://news.example.org/corrections-policy/"] == "2026-02-10T11:00:00-05:00")
        // The corrections page changes with its newest correction.
        #expect(byLoc["https://news.example.org/corrections/"] == "2026-02-11T10:20:00-05:00")
    }

    @Test func lastmodIsTheUpdatedDateWhenThereIsOne() throws {
        let site = try F.site([
            "Content/articles/a.md": F.article("A", date: "2025-01-01 10:00", "updated: 2025-02-01 11:30\ntags: [t]\n"),
            "Content/articles/b.md": F.article("B", date: "2025-01-15 10:00", "tags: [t]\n"),
        ])
        defer { site.remove() }
        _ = try site.build()
        let root = try FeedXMLNode.parse(Array(try #require(site.read("Public/sitemap.xml")).utf8))
        let byLoc = Dictionary(uniqueKeysWithValues: root.all("url").map { ($0.first("loc")?.text ?? "", $0.first("lastmod")?.text ?? "-") })
        #expect(byLoc == [
            "https://news.example.org/": "2025-02-01T11:30:00-05:00",
            "https://news.example.org/2025/01/a/": "2025-02-01T11:30:00-05:00",
            "https://news.example.org/2025/01/b/": "2025-01-15T10:00:00-05:00",
            "https://news.example.org/archive/": "2025-02-01T11:30:00-05:00",
            "https://news.example.org/tags/": "2025-02-01T11:30:00-05:00",
            "https://news.example.org/tags/t/": "2025-02-01T11:30:00-05:00",
            "https://news.example.org/authors/": "2025-02-01T11:30:00-05:00",
            "https://news.example.org/authors/newsroom/": "2025-02-01T11:30:00-05:00",
            "https://news.example.org/categories/": "2025-02-01T11:30:00-05:00",
        ])
    }

    @Test func newsSitemapHasOnlyTheLastTwoDaysArticles() throws {
        // now = 2027-01-15T08:00:00Z
        let site = try F.site([
            "Content/articles/fresh.md": F.article("Fresh & <new>", date: "2027-01-15T07:00:00Z"),
            "Content/articles/yesterday.md": F.article("Yesterday", date: "2027-01-14T08:00:00Z"),
            "Content/articles/edge.md": F.article("Edge", date: "2027-01-13T08:00:01Z"),
            "Content/articles/too-old.md": F.article("Old", date: "2027-01-13T08:00:00Z"),
            "Content/articles/future.md": F.article("Future", date: "2027-01-16T08:00:00Z"),
        ], yaml: "title: Test & News\nurl: https://news.example.org/\nlanguage: en-GB\ntimezone: America/New_York\n")
        defer { site.remove() }
        _ = try site.build { $0.includeFuture = true }
        let root = try FeedXMLNode.parse(Array(try #require(site.read("Public/news-sitemap.xml")).utf8))
        #expect(root.name == "urlset" && root.namespace == Self.sitemapNS)
        let urls = root.all("url")
        #expect(urls.compactMap { $0.first("loc")?.text } == [
            "https://news.example.org/2027/01/fresh/", "https://news.example.org/2027/01/yesterday/", "https://news.example.org/2027/01/edge/",
        ])
        let news = try #require(urls.first?.first("news", ns: Self.newsNS))
        #expect(news.first("publication", ns: Self.newsNS)?.first("name", ns: Self.newsNS)?.text == "Test & News")
        #expect(news.first("publication", ns: Self.newsNS)?.first("language", ns: Self.newsNS)?.text == "en-GB")
        #expect(news.first("publication_date", ns: Self.newsNS)?.text == "2027-01-15T02:00:00-05:00")
        #expect(news.first("title", ns: Self.newsNS)?.text == "Fresh & <new>")
    }

    @Test func newsSitemapStopsAtAThousandNewestArticles() throws {
        var files: [String: String] = ["Templates/article.html": "", "Templates/term.html": "", "Templates/taxonomy.html": ""]
        // 1005 articles, one a minute before now.
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        for minute in 1...1005 {
            let date = FeedDates.rfc3339(now.addingTimeInterval(Double(-60 * minute)), in: TimeZone(identifier: "UTC")!)
            files["Content/articles/a\(minute).md"] = F.article("A \(minute)", date: date)
        }
        let site = try F.site(files, yaml: "title: T\nurl: https://news.example.org/\nfeeds:\n  formats: []\n")
        defer { site.remove() }
        _ = try site.build(now: now)
        let root = try FeedXMLNode.parse(Array(try #require(site.read("Public/news-sitemap.xml")).utf8))
        let locs = root.all("url").compactMap { $0.first("loc")?.text }
        #expect(locs.count == SitemapPlanner.newsLimit)
        #expect(locs.first?.hasSuffix("/a1/") == true)
        #expect(locs.last?.hasSuffix("/a1000/") == true)
    }

    @Test func robotsPointsAtTheSitemapUnlessTheSiteShipsItsOwn() throws {
        let site = try F.site(["Content/articles/a.md": F.article("A", date: "2025-01-01")], yaml: "title: T\nurl: https://user.github.io/news/\n")
        defer { site.remove() }
        _ = try site.build()
        let robots = try #require(site.read("Public/robots.txt"))
        #expect(robots.contains("Sitemap: https://user.github.io/news/sitemap.xml\n"))
        #expect(site.read("Public/404.html") == "not found")
        try site.write("User-agent: *\nDisallow: /private/\n", to: "Content/static/robots.txt")
        _ = try site.build()
        #expect(site.read("Public/robots.txt") == "User-agent: *\nDisallow: /private/\n")
    }
}
