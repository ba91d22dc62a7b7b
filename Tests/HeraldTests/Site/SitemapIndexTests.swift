import Foundation
import Testing
@testable import Herald

/// Past the sitemaps protocol's limit of URLs per file, `sitemap.xml` is a
/// sitemap index of numbered sitemaps that share the pages out in order.
@Suite struct SitemapIndexTests {
    typealias F = SiteFixtures

    static func site() throws -> TemporarySite {
        var files: [String: String] = [:]
        for day in 1...7 {
            files["Content/articles/2025-03-0\(day)-story-\(day).md"] = F.article("Story \(day)", date: "2025-03-0\(day)", "tags: [t\(day % 3)]\n")
        }
        return try F.site(files)
    }

    /// The text of every `<loc>` element, in order.
    static func locations(_ xml: String) -> [String] {
        xml.components(separatedBy: "<loc>").dropFirst().compactMap { $0.components(separatedBy: "</loc>").first }
    }

    static func wellFormed(_ site: TemporarySite, _ path: String) throws -> Bool {
        try FeedFiles.run("/usr/bin/xmllint", ["--noout", site.root.appendingPathComponent(path).path]).status == 0
    }

    @Test func aLargeSiteGetsAnIndexOfSitemapsThatListEveryPageOnce() throws {
        let site = try Self.site()
        defer { site.remove() }
        _ = try site.build()
        let single = try #require(site.read("Public/sitemap.xml"))
        #expect(single.contains("<urlset"))
        let pages = Self.locations(single)
        #expect(pages.count > 7)

        let limit = 4
        _ = try site.build { $0.sitemapURLLimit = limit }
        let index = try #require(site.read("Public/sitemap.xml"))
        #expect(index.contains("<sitemapindex") && !index.contains("<urlset"))
        let parts = (pages.count + limit - 1) / limit
        #expect(Self.locations(index) == (1...parts).map { "https://news.example.org/sitemap-\($0).xml" })
        #expect(try Self.wellFormed(site, "Public/sitemap.xml"))
        var listed: [String] = []
        for part in 1...parts {
            let text = try #require(site.read("Public/sitemap-\(part).xml"), "sitemap-\(part).xml")
            #expect(text.contains("<urlset"))
            let urls = Self.locations(text)
            #expect(!urls.isEmpty && urls.count <= limit, "sitemap-\(part).xml lists \(urls.count)")
            #expect(try Self.wellFormed(site, "Public/sitemap-\(part).xml"))
            listed += urls
        }
        #expect(listed == pages)
        #expect(!site.exists("Public/sitemap-\(parts + 1).xml"))
        // Each part's lastmod in the index is its newest page's.
        #expect(index.components(separatedBy: "<lastmod>").count - 1 == parts)
        #expect(site.read("Public/robots.txt")?.contains("Sitemap: https://news.example.org/sitemap.xml") == true)

        // Back under the limit: one sitemap again, and the parts are gone.
        _ = try site.build()
        #expect(site.read("Public/sitemap.xml") == single)
        #expect(!site.exists("Public/sitemap-1.xml"))
    }

    @Test func exactlyTheLimitStaysOneSitemap() throws {
        let site = try Self.site()
        defer { site.remove() }
        _ = try site.build()
        let count = Self.locations(try #require(site.read("Public/sitemap.xml"))).count
        _ = try site.build { $0.sitemapURLLimit = count }
        #expect(site.read("Public/sitemap.xml")?.contains("<urlset") == true)
        #expect(!site.exists("Public/sitemap-1.xml"))
        _ = try site.build { $0.sitemapURLLimit = count - 1 }
        #expect(site.read("Public/sitemap.xml")?.contains("<sitemapindex") == true)
        #expect(site.exists("Public/sitemap-2.xml") && !site.exists("Public/sitemap-3.xml"))
    }
}
