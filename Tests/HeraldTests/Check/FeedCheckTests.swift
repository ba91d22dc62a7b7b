import Foundation
import Testing
@testable import Herald

@Suite("herald check: feed conformance")
struct FeedCheckTests {
    static func feed(_ format: FeedFormat) -> String {
        String(decoding: (try? FeedFixtures.generator().render(FeedFixtures.siteRequest(), as: format)) ?? [], as: UTF8.self)
    }

    static func problems(_ text: String, as format: FeedFormat) -> [Diagnostic] {
        FeedConformance.check(Array(text.utf8), as: format, path: "tags/x/" + format.fileName)
    }

    /// The 1-based line of the first line of `text` containing `needle`.
    static func line(of needle: String, in text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains(needle) } ?? -1) + 1
    }

    static func replacing(_ old: String, with new: String, in text: String) -> String {
        precondition(text.contains(old), "fixture does not contain \(old)")
        return text.replacingOccurrences(of: old, with: new)
    }

    @Test("the feeds Herald writes pass", arguments: FeedFormat.allCases)
    func generatedFeedsPass(_ format: FeedFormat) {
        #expect(Self.problems(Self.feed(format), as: format).isEmpty)
    }

    @Test("a feed that is not well-formed is reported with libxml2's line")
    func notWellFormed() {
        let broken = Self.replacing("</title>", with: "</titel>", in: Self.feed(.atom))
        let problems = Self.problems(broken, as: .atom)
        #expect(problems.count == 1)
        #expect(problems.first?.message.hasPrefix("not well-formed XML:") == true)
        #expect(problems.first?.line == Self.line(of: "</titel>", in: broken))
        #expect(problems.first?.description.hasPrefix("tags/x/feed.xml:\(Self.line(of: "</titel>", in: broken)):1: error: not well-formed XML: ") == true)
    }

    @Test("Atom: missing self link, relative link, missing entry author, duplicate ids")
    func atomProblems() throws {
        var atom = Self.feed(.atom)
        let selfLink = try #require(atom.split(separator: "\n").first { $0.contains("rel=\"self\"") })
        atom = Self.replacing(String(selfLink), with: "", in: atom)
        // No feed author and an entry without one.
        let feedAuthorStart = try #require(atom.range(of: "<author>"))
        let feedAuthorEnd = try #require(atom.range(of: "</author>", range: feedAuthorStart.upperBound..<atom.endIndex))
        atom.removeSubrange(feedAuthorStart.lowerBound..<feedAuthorEnd.upperBound)
        atom = Self.replacing("href=\"https://news.example.org/2025/07/budget-passes/\"", with: "href=\"/2025/07/budget-passes/\"", in: atom)
        let ids = atom.split(separator: "\n").filter { $0.contains("<id>tag:news.example.org,20") && !$0.contains(",2000:") }
        #expect(ids.count >= 2)
        atom = Self.replacing(String(ids[1]), with: String(ids[0]), in: atom)

        let messages = Self.problems(atom, as: .atom).map(\.message)
        #expect(messages.contains("the feed has no <link rel=\"self\">"))
        #expect(messages.contains { $0.hasPrefix("the URL \"/2025/07/budget-passes/\" of a <link rel=\"alternate\"> is not absolute") })
        #expect(messages.contains { $0.hasPrefix("the entry id \"tag:news.example.org,") && $0.contains("is used twice (first on line ") })
        let entriesWithoutAuthor = messages.filter { $0 == "an entry has no <author>, and neither has the feed" }
        #expect(entriesWithoutAuthor.count == 0, "every fixture entry has an author: \(messages)")
    }

    @Test("Atom: an entry without author, content, summary or id")
    func atomEntryProblems() {
        let atom = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <id>tag:example.org,2000:/</id>
              <title>T</title>
              <updated>2025-07-04T09:14:00-04:00</updated>
              <link rel="self" href="https://example.org/feed.xml"/>
              <entry>
                <title>A</title>
                <link href="https://example.org/a/"/>
                <updated>2025-07-04</updated>
                <content type="html">&lt;img src="a.png"&gt;</content>
              </entry>
              <entry>
                <id>tag:example.org,2025-07-04:/b</id>
                <title>B</title>
                <link href="https://example.org/b/"/>
                <updated>2025-07-04T09:14:00Z</updated>
              </entry>
            </feed>
            """
        let problems = Self.problems(atom, as: .atom)
        let found = Set(problems.map { "\($0.line): \($0.message)" })
        #expect(found == [
            "7: an entry has no <id>",
            "10: <updated> \"2025-07-04\" is not an RFC 3339 date-time",
            "7: an entry has no <author>, and neither has the feed",
            "11: the src \"a.png\" of <img> in <content> is not an absolute URL",
            "13: an entry has no <author>, and neither has the feed",
            "13: an entry has neither <content> nor <summary>",
        ], "\(problems)")
    }

    @Test("RSS: an item without guid or pubDate, a bad date, a relative enclosure")
    func rssProblems() throws {
        var rss = Self.feed(.rss)
        let guid = try #require(rss.split(separator: "\n").first { $0.contains("<guid") })
        rss = Self.replacing(String(guid), with: "", in: rss)
        let pubDate = try #require(rss.split(separator: "\n").first { $0.contains("<pubDate>") })
        rss = Self.replacing(String(pubDate), with: "<pubDate>2025-07-04</pubDate>", in: rss)
        rss = Self.replacing("url=\"https://news.example.org/images/budget.jpg\"", with: "url=\"/images/budget.jpg\"", in: rss)

        let messages = Self.problems(rss, as: .rss).map(\.message)
        #expect(messages.contains("an item has no <guid>"))
        #expect(messages.contains { $0.hasPrefix("<pubDate> \"2025-07-04\" is not an RFC 822 date") })
        #expect(messages.contains("the <enclosure> URL \"/images/budget.jpg\" is not absolute"))
        #expect(!messages.contains("the channel has no <atom:link rel=\"self\">"))

        let noSelf = Self.problems("<rss version=\"2.0\"><channel><title>T</title><link>https://e.org/</link><description>D</description></channel></rss>", as: .rss)
        #expect(noSelf.map(\.message) == ["the channel has no <atom:link rel=\"self\">"])
        #expect(Self.problems("<feed/>", as: .rss).map(\.message) == ["the root element is <feed>, not an RSS <rss>"])
    }

    @Test("JSON Feed: version, items, ids, content_html and absolute URLs")
    func jsonProblems() throws {
        let good = Self.feed(.json)
        var json = Self.replacing("\"https://jsonfeed.org/version/1.1\"", with: "\"1.1\"", in: good)
        json = Self.replacing("\"content_html\"", with: "\"content_text\"", in: json)
        json = Self.replacing("\"url\": \"https://news.example.org/2025/07/budget-passes/\"", with: "\"url\": \"/2025/07/budget-passes/\"", in: json)
        let problems = Self.problems(json, as: .json)
        let messages = problems.map(\.message)
        #expect(messages.contains("\"version\" is \"1.1\", not a JSON Feed version URL (https://jsonfeed.org/version/1.1)"))
        #expect(messages.contains("item 1 has no \"content_html\""))
        #expect(messages.contains("\"url\" \"/2025/07/budget-passes/\" is not an absolute URL"))
        let firstItemLine = Self.line(of: "\"id\": \"tag:", in: json)
        #expect(problems.first { $0.message == "item 1 has no \"content_html\"" }?.line == firstItemLine)
        #expect(problems.first { $0.message.hasPrefix("\"version\"") }?.line == 2)

        let duplicate = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"items\": [\n"
            + "{\"id\": \"1\", \"url\": \"https://e.org/1/\", \"content_html\": \"x\"},\n"
            + "{\"id\": \"1\", \"url\": \"https://e.org/2/\", \"content_html\": \"y\"}]}"
        #expect(Self.problems(duplicate, as: .json).map { "\($0.line): \($0.message)" } == ["3: the entry id \"1\" is used twice (first on line 2)"])
        #expect(Self.problems("{\"version\": ", as: .json).first?.message.hasPrefix("not valid JSON") == true)
    }

    @Test("absolute URLs")
    func absoluteURLs() {
        for url in ["https://example.org/", "http://a", "tag:example.org,2025:/x", "mailto:a@example.org", "data:image/png;base64,AA"] {
            #expect(FeedConformance.isAbsoluteURL(url), "\(url)")
        }
        for url in ["/a/", "a.png", "//example.org/a", "https:/a", "https://", "#top", "", ":x", "1x:y"] {
            #expect(!FeedConformance.isAbsoluteURL(url), "\(url)")
        }
    }

    @Test("the check finds every feed of a built folder, per the configured formats")
    func findsFeeds() throws {
        let site = try TemporarySite(files: [
            "feed.xml": Self.feed(.atom),
            "tags/a/rss.xml": "<rss version=\"2.0\"><channel>",
            "tags/a/feed.json": "[]",
            "sitemap.xml": "<not-a-feed>",
        ])
        defer { site.remove() }
        var config = FeedFixtures.config()
        let context = OutputCheckContext(root: site.root, output: site.root, config: config,
                                         options: BuildOptions(source: site.root))
        let problems = FeedCheck().check(context)
        #expect(problems.map(\.path) == ["tags/a/feed.json", "tags/a/rss.xml"], "\(problems)")
        config.feeds.formats = [.atom]
        #expect(FeedCheck().check(OutputCheckContext(root: site.root, output: site.root, config: config, options: BuildOptions(source: site.root))).isEmpty)
    }
}
