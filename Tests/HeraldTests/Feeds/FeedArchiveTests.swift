import Foundation
import Testing
@testable import Herald

private typealias F = SiteFixtures

/// RFC 5005 archived feeds: complete documents of `feeds.limit` entries,
/// oldest first, that hold every article, link each other both ways,
/// validate, and keep their bytes once the next document is complete.
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
        #expect(first.contains(#"<link rel="next-archive" type="application/atom+xml" href="https://news.example.org/feed/archive/2.xml"/>"#))
        #expect(!second.contains(#"rel="next-archive""#), "the newest document has no successor yet")
        #expect(!current.contains(#"rel="next-archive""#))
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

        // Newer articles arrive: a document with a successor keeps its
        // bytes; the newest gains its link to the next, and nothing else.
        for (path, text) in Self.articles(46...60) { try site.write(text, to: path) }
        _ = try site.build()
        #expect(site.read("Public/feed/archive/1.xml") == first)
        let next = #"<link rel="next-archive" type="application/atom+xml" href="https://news.example.org/feed/archive/3.xml"/>"#
        let grown = try #require(site.read("Public/feed/archive/2.xml"))
        #expect(grown.contains(next))
        #expect(removingLine(next, from: grown) == second, "only the next-archive link is new")
        let third = try #require(site.read("Public/feed/archive/3.xml"))
        #expect(ids(third).count == 20)
        #expect(site.read("Public/feed.xml")?.contains("https://news.example.org/feed/archive/3.xml") == true)
        // And an incremental build gives what a clean one does.
        #expect(try site.tree() == site.cleanBuildTree())
    }

    /// `text` without the line holding `fragment`.
    func removingLine(_ fragment: String, from text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains(fragment) }.joined(separator: "\n")
    }

    /// The `href` of the link `rel` of the Atom document at `file` (one at most).
    func link(_ rel: String, in xml: String) -> String? {
        let found = F.captures(#"<link rel="\#(rel)" type="application/atom\+xml" href="([^"]*)"/>"#, in: xml)
        #expect(found.count <= 1, "\(rel) twice")
        return found.first
    }

    /// How many `fh:archive` elements (in RFC 5005's namespace) are children
    /// of the feed element, counted by xmllint's XPath.
    func archiveMarkers(_ path: URL) throws -> String {
        let xpath = "count(/*[local-name()='feed']/*[local-name()='archive' and namespace-uri()='http://purl.org/syndication/history/1.0'])"
        return try FeedFiles.run("/usr/bin/xmllint", ["--xpath", xpath, path.path]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A reader that knows RFC 5005 (§4.2) walks from the subscription feed
    /// back through `prev-archive`; one that starts at the oldest document
    /// walks forward through `next-archive` and ends at `current`. Both see
    /// every article once.
    @Test func theArchiveIsWalkedBothWaysAndEveryDocumentIsMarked() throws {
        let site = try F.site(Self.articles(1...70), yaml: Self.yaml)
        defer { site.remove() }
        _ = try site.build()
        let base = "https://news.example.org/"
        func document(_ url: String) throws -> String {
            #expect(url.hasPrefix(base))
            return try #require(site.read("Public/" + url.dropFirst(base.count)), "\(url) is not written")
        }
        let subscription = try document(base + "feed.xml")
        #expect(try archiveMarkers(site.root.appendingPathComponent("Public/feed.xml")) == "0")
        #expect(link("current", in: subscription) == nil)
        var backwards: [String] = []
        var seen = ids(subscription)
        var url = link("prev-archive", in: subscription)
        while let next = url {
            backwards.append(next)
            let xml = try document(next)
            #expect(link("current", in: xml) == base + "feed.xml", "\(next)")
            #expect(link("self", in: xml) == next)
            seen += ids(xml)
            url = link("prev-archive", in: xml)
            #expect(backwards.count < 10, "a loop of prev-archive links")
            if backwards.count >= 10 { break }
        }
        #expect(backwards == ["3", "2", "1"].map { base + "feed/archive/\($0).xml" })
        // The subscription feed's newest 20 overlap the newest document by 10,
        // which a reader merges by id (RFC 5005 §4.2).
        #expect(Set(seen).count == 70, "every article, \(Set(seen).count) seen")
        #expect(seen.count == 80)
        let archived = seen.dropFirst(ids(subscription).count)
        #expect(archived.count == 60 && Set(archived).count == 60, "the documents do not overlap")

        var forwards: [String] = []
        url = base + "feed/archive/1.xml"
        while let next = url {
            forwards.append(next)
            url = link("next-archive", in: try document(next))
            if forwards.count >= 10 { break }
        }
        #expect(forwards == backwards.reversed())
        for number in 1...3 {
            let path = site.root.appendingPathComponent("Public/feed/archive/\(number).xml")
            #expect(try archiveMarkers(path) == "1", "document \(number) is marked fh:archive once")
            // Each document's prev-archive and next-archive lead to documents that link back.
            let xml = try document(base + "feed/archive/\(number).xml")
            if let previous = link("prev-archive", in: xml) { #expect(link("next-archive", in: try document(previous)) == base + "feed/archive/\(number).xml") }
            if let following = link("next-archive", in: xml) { #expect(link("prev-archive", in: try document(following)) == base + "feed/archive/\(number).xml") }
        }
        if FeedFiles.hasFeedparser {
            // Every document reads without a complaint (bozo), with its RFC 5005 links.
            let script = """
                import sys, feedparser
                for path in sys.argv[1:]:
                    d = feedparser.parse(path)
                    assert not d.bozo, (path, d.bozo_exception)
                    rels = sorted(l['rel'] for l in d.feed.links)
                    print(path.rsplit('/', 1)[-1], ','.join(rels), len(d.entries))
                """
            let paths = ["feed.xml", "feed/archive/1.xml", "feed/archive/2.xml", "feed/archive/3.xml"].map { site.root.appendingPathComponent("Public/" + $0).path }
            let result = try FeedFiles.run("/usr/bin/env", ["python3", "-c", script] + paths)
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.split(separator: "\n").map(String.init) == [
                "feed.xml alternate,prev-archive,self 20",
                "1.xml alternate,current,next-archive,self 20",
                "2.xml alternate,current,next-archive,prev-archive,self 20",
                "3.xml alternate,current,prev-archive,self 20",
            ], "\(result.output)")
        }
    }

    @Test func withoutTheSettingThereAreNoArchives() throws {
        let site = try F.site(Self.articles(1...25), yaml: F.siteYAML + "feeds:\n  limit: 10\n")
        defer { site.remove() }
        _ = try site.build()
        #expect(!site.exists("Public/feed/archive/1.xml"))
        #expect(site.read("Public/feed.xml")?.contains("prev-archive") == false)
    }
}
