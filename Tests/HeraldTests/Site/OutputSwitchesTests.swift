import Foundation
import Testing
@testable import Herald

/// `outputs:`: the sitemap, news sitemap, robots.txt, feed stylesheet,
/// archive and 404 page can each be switched off.
@Suite struct OutputSwitchesTests {
    typealias F = SiteFixtures

    static func site(_ outputs: String) throws -> TemporarySite {
        try F.site([
            "Content/articles/2025-01-01-a.md": F.article("A", date: "2025-01-01"),
        ], yaml: F.siteYAML + "outputs: \(outputs)\n")
    }

    @Test func everyOutputIsOnByDefault() throws {
        let site = try Self.site("{}")
        defer { site.remove() }
        _ = try site.build()
        for path in ["sitemap.xml", "news-sitemap.xml", "robots.txt", "feed.xsl", "archive/index.html", "404.html"] {
            #expect(site.exists("Public/\(path)"), "\(path)")
        }
        #expect(site.read("Public/robots.txt")?.contains("Sitemap: https://news.example.org/sitemap.xml") == true)
        #expect(site.read("Public/feed.xml")?.contains("<?xml-stylesheet") == true)
    }

    @Test func eachCanBeSwitchedOff() throws {
        let site = try Self.site("{ sitemap: false, news_sitemap: false, robots: false, feed_stylesheet: false, archive: false, not_found: false }")
        defer { site.remove() }
        _ = try site.build()
        for path in ["sitemap.xml", "news-sitemap.xml", "robots.txt", "feed.xsl", "archive/index.html", "404.html"] {
            #expect(!site.exists("Public/\(path)"), "\(path)")
        }
        for feed in ["feed.xml", "rss.xml"] {
            let text = try #require(site.read("Public/\(feed)"))
            #expect(!text.contains("xml-stylesheet"), "\(feed)")
            let lint = try FeedFiles.run("/usr/bin/xmllint", ["--noout", site.root.appendingPathComponent("Public/\(feed)").path])
            #expect(lint.status == 0, "\(lint.output)")
        }
        #expect(site.exists("Public/index.html") && site.exists("Public/2025/01/a/index.html"))
    }

    @Test func robotsWithoutASitemapPointsAtNone() throws {
        let site = try Self.site("{ sitemap: false }")
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/robots.txt") == "User-agent: *\nAllow: /\n")
        #expect(site.exists("Public/news-sitemap.xml"))
    }

    @Test func unknownAndBadSwitchesAreLocatedErrors() {
        #expect(F.configErrors("outputs: { sitemaps: false, robots: maybe }\n") == [
            "site.yml:3:12: error: unknown key 'sitemaps' in 'outputs'; did you mean 'sitemap'? valid keys: archive, feed_stylesheet, news_sitemap, not_found, robots, sitemap",
            "site.yml:3:37: error: 'outputs.robots' must be true or false",
        ])
    }

    @Test func switchingAnOutputOffRemovesItAsACleanBuildWould() throws {
        let site = try Self.site("{}")
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        try site.write(F.siteYAML + "outputs: { archive: false, sitemap: false }\n", to: "site.yml")
        try site.age()
        _ = try site.build()
        #expect(!site.exists("Public/archive/index.html") && !site.exists("Public/sitemap.xml"))
        #expect(try site.tree() == site.cleanBuildTree())
    }
}
