import Foundation
import Testing
@testable import Herald

/// A small ordinary site ported from Hugo, built with the default theme and
/// no workaround: a blog at /articles/ paginated two per page with its feed
/// at /articles/feed.xml, tags under /articles/tags/, project entries listed
/// on a projects page without pages of their own, unwanted outputs off.
@Suite struct SiteShapeTests {
    typealias F = SiteFixtures

    static let yaml = """
        title: Field Notes
        url: https://notes.example.org/
        timezone: Europe/Amsterdam
        author: Kevin Renskers
        taxonomies:
          tags: { path: /articles/tags/ }
        lists:
          articles: { path: /articles/, title: Articles, paginate: 2 }
        outputs: { news_sitemap: false, feed_stylesheet: false, archive: false }

        """

    static func site() throws -> TemporarySite {
        let site = try TemporarySite(files: [
            "site.yml": yaml,
            "Content/articles/2026-01-05-swift-on-servers.md": F.article("Swift on servers", date: "2026-01-05 09:00", "tags: [Swift, Servers]\n", body: "Why we moved."),
            "Content/articles/2026-02-11-static-sites.md": F.article("Static sites again", date: "2026-02-11 10:00", "tags: [Web]\n", body: "Plain files win."),
            "Content/articles/2026-03-02-caching.md": F.article("Caching headers", date: "2026-03-02 08:30", "tags: [Web, Servers]\n", body: "Long caches for hashed files."),
            "Content/articles/2026-04-20-testing.md": F.article("Testing in Swift", date: "2026-04-20 14:00", "tags: [Swift]\n", body: "Swift Testing in practice."),
            "Content/articles/2026-05-09-feeds.md": F.article("Feeds still matter", date: "2026-05-09 11:15", "tags: [Web]\n", body: "Readers never went away."),
            "Content/pages/about.md": "---\ntitle: About\n---\nI write about Swift and the web.\n",
            "Content/pages/projects.md": "---\ntitle: Projects\nlayout: projects\nupdated: 2026-05-01\n---\nThings I maintain.\n",
            "Content/pages/projects/critic.md": "---\ntitle: Critic\nrender: false\nproject: true\ncanonical: https://code.example.org/critic/\n---\nA code review helper.\n",
            "Content/pages/projects/lantern.md": "---\ntitle: Lantern\nrender: false\nproject: true\n---\nA tiny static file server.\n",
        ])
        try F.copyFromRepository("Templates", into: site)
        return site
    }

    @Test func theSiteBuildsInItsShape() throws {
        let site = try Self.site()
        defer { site.remove() }
        _ = try site.build()
        // The blog, two a page, and its feeds beside it.
        for path in ["articles/index.html", "articles/page/2/index.html", "articles/page/3/index.html", "articles/feed.xml", "articles/rss.xml", "articles/feed.json"] {
            #expect(site.exists("Public/\(path)"), "\(path)")
        }
        #expect(!site.exists("Public/articles/page/4/index.html"))
        let first = try #require(site.read("Public/articles/index.html"))
        #expect(first.contains("Feeds still matter") && first.contains("Testing in Swift") && !first.contains("Caching headers"))
        #expect(first.contains(#"href="/articles/feed.xml""#))
        // Tags under the blog, with their feeds, and their index.
        #expect(site.exists("Public/articles/tags/swift/index.html"))
        #expect(site.exists("Public/articles/tags/web/feed.xml"))
        #expect(site.exists("Public/articles/tags/index.html"))
        #expect(!site.exists("Public/tags"))
        // Projects listed on their page, without pages of their own.
        let projects = try #require(site.read("Public/projects/index.html"))
        #expect(projects.contains("A code review helper.") && projects.contains("https://code.example.org/critic/") && projects.contains("A tiny static file server."))
        #expect(!site.exists("Public/critic") && !site.exists("Public/lantern"))
        // What the site switched off is not there, and nothing links to it.
        for path in ["news-sitemap.xml", "feed.xsl", "archive/index.html"] {
            #expect(!site.exists("Public/\(path)"), "\(path)")
        }
        #expect(site.exists("Public/sitemap.xml") && site.exists("Public/robots.txt"))
        #expect(site.read("Public/articles/feed.xml")?.contains("xml-stylesheet") == false)
        #expect(!first.contains("/archive/"))
    }

    @Test func theListingsFeedIsValid() throws {
        let site = try Self.site()
        defer { site.remove() }
        _ = try site.build()
        let atom = site.root.appendingPathComponent("Public/articles/feed.xml").path
        let lint = try FeedFiles.run("/usr/bin/xmllint", ["--noout", atom])
        #expect(lint.status == 0, "\(lint.output)")
        if FeedFiles.hasFeedparser {
            let script = """
                import sys, feedparser
                d = feedparser.parse(open(sys.argv[1]).read())
                assert not d.bozo, d.bozo_exception
                assert d.feed.link == "https://notes.example.org/articles/", d.feed.link
                assert len(d.entries) == 5, len(d.entries)
                for e in d.entries:
                    assert e.title and e.link and e.updated and e.author and e.content, e
                print("ok")
                """
            let result = try FeedFiles.run("/usr/bin/env", ["python3", "-c", script, atom])
            #expect(result.status == 0 && result.output.contains("ok"), "\(result.output)")
        }
    }

    @Test func heraldCheckFindsNoProblem() throws {
        let site = try Self.site()
        defer { site.remove() }
        let result = try SiteChecker(options: BuildOptions(source: site.root, now: Date(timeIntervalSince1970: 1_800_000_000))).run()
        #expect(result.problems.isEmpty, "\(result.problems.map(\.description))")
    }
}
