import Foundation
import Testing
@testable import Herald

private typealias F = SiteFixtures

/// RFC 5005 archived feeds: complete documents of `feeds.limit` entries,
/// oldest first, that hold every article, validate, and keep their bytes
/// when newer articles arrive.
@Suite struct FeedArchiveTests {
    static func articles(_ range: ClosedRange<Int>) -> [String: String] {
        var files: [String: String] = [:]
        for day in range {
            let date = Calendar(identifier: .gregorian).date(byAdding: .day, value: day, to: Date(timeIntervalSince1970: 1_735_732_800))!
            let stamp = ISO8601DateFormatter().string(from: date)
            files["Content/articles/story-\(day).md"] = F.article("Story \(day)", date: stamp)
        }
        return files
    }

    static let yaml = F.siteYAML + "feeds:\n  limit: 20\n  taxonomies: false\n  archive: true\n"

    func ids(_ xml: String) -> [String] {
        F.captures(#"<entry>\s*<id>([^<]*)</id>"#, in: xml)
    }

    @Test func completeDocumentsHoldEveryArticleAndNeverChange() throws {
        let site = try F.site(Self.articles(1...45), yaml: Self.yaml)
        defer { site.remove() }
        _ = try site.build()
        let first = try #require(site.read("Public/feed/archive/1.xml"))
        let second = try #require(site.read("Public/feed/archive/2.xml"))
        #expect(!site.exists("Public/feed/archive/3.xml"), "only complete documents")
        let current = try #require(site.read("Public/feed.xml"))
        #expect(ids(first).count == 20 && ids(second).count == 20 && ids(current).count == 20)
        // Every article is in an archive document or in the subscription feed.
        let all = Set(ids(first) + ids(second) + ids(current))
        #expect(all.count == 45)
        #expect(Set(ids(first)).isDisjoint(with: ids(second)))
        #expect(ids(first).contains("tag:news.example.org,2025-01-02:/story-1"), "document 1 holds the oldest")
        // The RFC 5005 markup.
        #expect(first.contains(#"xmlns:fh="http://purl.org/syndication/history/1.0""#))
        #expect(first.contains("<fh:archive/>"))
        #expect(first.contains(#"<link rel="current" type="application/atom+xml" href="https://news.example.org/feed.xml"/>"#))
        #expect(!first.contains(#"rel="prev-archive""#))
        #expect(second.contains(#"<link rel="prev-archive" type="application/atom+xml" href="https://news.example.org/feed/archive/1.xml"/>"#))
        #expect(second.contains(#"<link rel="self" type="application/atom+xml" href="https://news.example.org/feed/archive/2.xml"/>"#))
        #expect(current.contains(#"<link rel="prev-archive" type="application/atom+xml" href="https://news.example.org/feed/archive/2.xml"/>"#))
        #expect(!current.contains("<fh:archive/>"))
        for file in ["feed/archive/1.xml", "feed/archive/2.xml", "feed.xml"] {
            let lint = try FeedFiles.run("/usr/bin/xmllint", ["--noout", site.root.appendingPathComponent("Public/" + file).path])
            #expect(lint.status == 0, "\(file): \(lint.output)")
        }
        if FeedFiles.hasFeedparser {
            let script = "import sys, feedparser\nd = feedparser.parse(sys.argv[1])\nassert not d.bozo, d.bozo_exception\nassert len(d.entries) == 20\nprint('ok')\n"
            let result = try FeedFiles.run("/usr/bin/env", ["python3", "-c", script, site.root.appendingPathComponent("Public/feed/archive/1.xml").path])
            #expect(result.output.contains("ok"), "\(result.output)")
        }

        // Newer articles arrive: the complete documents keep their bytes.
        for (path, text) in Self.articles(46...60) { try site.write(text, to: path) }
        _ = try site.build()
        #expect(site.read("Public/feed/archive/1.xml") == first)
        #expect(site.read("Public/feed/archive/2.xml") == second)
        let third = try #require(site.read("Public/feed/archive/3.xml"))
        #expect(ids(third).count == 20)
        #expect(site.read("Public/feed.xml")?.contains("https://news.example.org/feed/archive/3.xml") == true)
        // And an incremental build gives what a clean one does.
        let helper = IncrementalBuildTests()
        #expect(try helper.tree(site.root.appendingPathComponent("Public")) == helper.cleanBuild(site))
    }

    @Test func withoutTheSettingThereAreNoArchives() throws {
        let site = try F.site(Self.articles(1...25), yaml: F.siteYAML + "feeds:\n  limit: 10\n")
        defer { site.remove() }
        _ = try site.build()
        #expect(!site.exists("Public/feed/archive/1.xml"))
        #expect(site.read("Public/feed.xml")?.contains("prev-archive") == false)
    }
}
