import Foundation
import Testing
@testable import Herald

@Suite struct FeedUnitTests {
    @Test func xmlTextDropsForbiddenCharacters() {
        #expect(XMLText.sanitized("a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g") == "abcdefg")
        #expect(XMLText.sanitized("tab\tlf\ncr\r") == "tab\tlf\ncr\r")
        #expect(XMLText.sanitized("x\u{FFFE}y\u{FFFF}z") == "xyz")
        #expect(XMLText.sanitized("مرحبا 東京 é \u{FFFD} 😀") == "مرحبا 東京 é \u{FFFD} 😀")
        #expect(XMLText.sanitized("") == "")
    }

    @Test(arguments: [
        (#"<a href="x/">"#, #"<a href="https://s.org/news/2025/07/a/x/">"#),
        (#"<a href="/x">"#, #"<a href="https://s.org/x">"#),
        (#"<a href="../b/">"#, #"<a href="https://s.org/news/2025/07/b/">"#),
        (#"<a href="../../../../../c">"#, #"<a href="https://s.org/c">"#),
        (##"<a href="#n1">"##, ##"<a href="https://s.org/news/2025/07/a/#n1">"##),
        (#"<a href="?p=2">"#, #"<a href="https://s.org/news/2025/07/a/?p=2">"#),
        (#"<a href="//cdn.net/x">"#, #"<a href="https://cdn.net/x">"#),
        (#"<a href="https://o.org/x?a=1&amp;b=2">"#, #"<a href="https://o.org/x?a=1&amp;b=2">"#),
        (#"<a href="mailto:a@b.org">"#, #"<a href="mailto:a@b.org">"#),
        (#"<img src='i.png' alt="x">"#, #"<img src='https://s.org/news/2025/07/a/i.png' alt="x">"#),
        (#"<img SRC=i.png>"#, #"<img SRC=https://s.org/news/2025/07/a/i.png>"#),
        (#"<img srcset="a.png 1x, /b.png 2x,c.png 3x">"#,
         #"<img srcset="https://s.org/news/2025/07/a/a.png 1x, https://s.org/b.png 2x,https://s.org/news/2025/07/a/c.png 3x">"#),
        (#"<video poster="p.jpg" data-src="keep.png"></video>"#, #"<video poster="https://s.org/news/2025/07/a/p.jpg" data-src="keep.png"></video>"#),
        (#"<!-- <a href="x"> --><p title="href=x">1 < 2</p>"#, #"<!-- <a href="x"> --><p title="href=x">1 < 2</p>"#),
        (#"<img src="data:image/png;base64,AAA=">"#, #"<img src="data:image/png;base64,AAA=">"#),
        (#"<a href="./x/../y">"#, #"<a href="https://s.org/news/2025/07/a/y">"#),
        ("no markup at all", "no markup at all"),
    ])
    func absolutizesRelativeURLs(input: String, expected: String) {
        #expect(HTMLURLAbsolutizer.absolutize(input, base: "https://s.org/news/2025/07/a/") == expected)
    }

    @Test func formatsDatesWithTheSiteOffset() {
        let newYork = TimeZone(identifier: "America/New_York")!
        let summer = FeedFixtures.date("2025-07-04T13:14:00Z")
        let winter = FeedFixtures.date("2025-01-15T17:30:05Z")
        #expect(FeedDates.rfc3339(summer, in: newYork) == "2025-07-04T09:14:00-04:00")
        #expect(FeedDates.rfc3339(winter, in: newYork) == "2025-01-15T12:30:05-05:00")
        #expect(FeedDates.rfc822(summer, in: newYork) == "Fri, 04 Jul 2025 09:14:00 -0400")
        #expect(FeedDates.rfc3339(summer, in: TimeZone(identifier: "UTC")!) == "2025-07-04T13:14:00Z")
        #expect(FeedDates.rfc822(summer, in: TimeZone(identifier: "UTC")!) == "Fri, 04 Jul 2025 13:14:00 +0000")
        let kolkata = TimeZone(identifier: "Asia/Kolkata")!
        #expect(FeedDates.rfc3339(summer, in: kolkata) == "2025-07-04T18:44:00+05:30")
        // Crossing midnight into the next day, and a leap day.
        #expect(FeedDates.rfc3339(FeedFixtures.date("2024-02-29T23:30:00Z"), in: kolkata) == "2024-03-01T05:00:00+05:30")
        #expect(FeedDates.rfc822(FeedFixtures.date("2024-02-29T12:00:00Z"), in: newYork) == "Thu, 29 Feb 2024 07:00:00 -0500")
        #expect(FeedDates.rfc3339(Date(timeIntervalSince1970: -1), in: TimeZone(identifier: "UTC")!) == "1969-12-31T23:59:59Z")
    }

    @Test func entryIDsUseTheSiteDayAndSlug() {
        let generator = FeedFixtures.generator()
        #expect(generator.entryID(for: FeedFixtures.budget) == "tag:news.example.org,2025-07-04:/budget-passes")
        // 01:30 UTC on the 5th is still the 4th in New York.
        var late = FeedFixtures.budget
        late.date = FeedFixtures.date("2025-07-05T01:30:00Z")
        #expect(generator.entryID(for: late) == "tag:news.example.org,2025-07-04:/budget-passes")
        // A pinned authority survives a move to another host; a title edit changes nothing.
        var config = FeedFixtures.config()
        config.url = SiteURL("https://elsewhere.example.com/news/")!
        config.feeds.idAuthority = "news.example.org"
        var retitled = FeedFixtures.budget
        retitled.title = "Budget passes (corrected)"
        #expect(FeedGenerator(config: config).entryID(for: retitled) == "tag:news.example.org,2025-07-04:/budget-passes")
        #expect(generator.entryID(for: FeedFixtures.unicode) == "tag:news.example.org,2025-01-15:/%E6%9D%B1%E4%BA%AC-report")
    }

    @Test func pathsAndMediaTypes() {
        #expect(FeedGenerator.path(for: .atom, in: "/") == "/feed.xml")
        #expect(FeedGenerator.path(for: .rss, in: "/") == "/rss.xml")
        #expect(FeedGenerator.path(for: .json, in: "/") == "/feed.json")
        #expect(FeedGenerator.path(for: .atom, in: "/tags/economy/") == "/tags/economy/feed.xml")
        #expect(FeedGenerator.path(for: .json, in: "/tags/economy") == "/tags/economy/feed.json")
        #expect(FeedGenerator.mediaType(for: .atom) == "application/atom+xml")
        #expect(FeedGenerator.mediaType(for: .rss) == "application/rss+xml")
        #expect(FeedGenerator.mediaType(for: .json) == "application/feed+json")
    }

    @Test func subpathSitesLinkUnderTheSubpath() throws {
        var config = FeedFixtures.config()
        config.url = SiteURL("https://x.github.io/news/")!
        let generator = FeedGenerator(config: config)
        let atom = try String(decoding: generator.render(FeedFixtures.siteRequest([FeedFixtures.budget]), as: .atom), as: UTF8.self)
        #expect(atom.contains(#"<?xml-stylesheet type="text/xsl" href="/news/feed.xsl"?>"#))
        #expect(atom.contains(#"href="https://x.github.io/news/feed.xml""#))
        #expect(atom.contains(#"href="https://x.github.io/news/2025/07/budget-passes/""#))
        #expect(atom.contains("tag:x.github.io,2025-07-04:/budget-passes"))
    }

    @Test(arguments: FeedFormat.allCases)
    func sameInputSameBytes(_ format: FeedFormat) throws {
        let first = try FeedFixtures.generator().render(FeedFixtures.siteRequest(), as: format)
        let second = try FeedFixtures.generator().render(FeedFixtures.siteRequest(), as: format)
        #expect(first == second)
        #expect(!first.isEmpty)
    }

    /// Render threads share one generator; each document owns its own libxml2 writer.
    @Test func rendersConcurrently() async throws {
        let generator = FeedFixtures.generator()
        let expected = try generator.render(FeedFixtures.siteRequest(), as: .atom)
        let results = await withTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<32 {
                group.addTask { (try? generator.render(FeedFixtures.siteRequest(), as: .atom)) ?? [] }
            }
            var all: [[UInt8]] = []
            for await bytes in group { all.append(bytes) }
            return all
        }
        #expect(results.count == 32)
        #expect(results.allSatisfy { $0 == expected })
    }

    @Test func jsonItemWithoutContentStillHasContentHTML() throws {
        var item = FeedFixtures.plain
        item.contentHTML = ""
        item.summaryHTML = ""
        let bytes = try FeedFixtures.generator().render(FeedFixtures.siteRequest([item]), as: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let first = try #require((object["items"] as? [[String: Any]])?.first)
        #expect(first["content_html"] as? String == "")
    }

    @Test func limitKeepsTheNewestEntries() throws {
        let feed = try FeedXMLNode.parse(FeedFixtures.generator(limit: 2).render(FeedFixtures.siteRequest(), as: .atom))
        let ids = feed.all("entry", ns: AtomConformanceTests.atom).compactMap { $0.first("id", ns: AtomConformanceTests.atom)?.text }
        #expect(ids == ["tag:news.example.org,2025-07-04:/budget-passes", "tag:news.example.org,2025-01-15:/%E6%9D%B1%E4%BA%AC-report"])
        let all = try FeedXMLNode.parse(FeedFixtures.generator(limit: 0).render(FeedFixtures.siteRequest(), as: .atom))
        #expect(all.all("entry", ns: AtomConformanceTests.atom).count == 3)
    }

    @Test func contentFollowsTheSetting() throws {
        let ns = AtomConformanceTests.atom
        let full = try FeedXMLNode.parse(FeedFixtures.generator(content: .full).render(FeedFixtures.siteRequest([FeedFixtures.plain]), as: .atom))
        #expect(full.first("entry", ns: ns)?.first("content", ns: ns)?.text == "<p>Short.</p><p>And more.</p>")
        let summary = try FeedXMLNode.parse(FeedFixtures.generator(content: .summary).render(FeedFixtures.siteRequest([FeedFixtures.plain]), as: .atom))
        #expect(summary.first("entry", ns: ns)?.first("content", ns: ns)?.text == "<p>Short.</p>")
    }

    @Test func titlesKeepMarkupAsText() throws {
        let ns = AtomConformanceTests.atom
        let title = #"Budget <b>passes</b> after "late" night & a ]]> vote"#
        let atom = try FeedXMLNode.parse(FeedFixtures.generator().render(FeedFixtures.siteRequest([FeedFixtures.budget]), as: .atom))
        let atomTitle = try #require(atom.first("entry", ns: ns)?.first("title", ns: ns))
        // type="html", escaped exactly once: the HTML shows the text as written.
        #expect(atomTitle.attributes["type"] == "html")
        #expect(atomTitle.text == HTMLEscaping.escape(title))
        let rss = try FeedXMLNode.parse(FeedFixtures.generator().render(FeedFixtures.siteRequest([FeedFixtures.budget]), as: .rss))
        #expect(rss.first("channel")?.first("item")?.first("title")?.text == HTMLEscaping.escape(title))
        // Plain titles stay plain text.
        let plain = try FeedXMLNode.parse(FeedFixtures.generator().render(FeedFixtures.siteRequest([FeedFixtures.plain]), as: .atom))
        #expect(plain.first("entry", ns: ns)?.first("title", ns: ns)?.attributes["type"] == "text")
    }

    @Test func enclosureCarriesKnownTypeAndLength() throws {
        let ns = AtomConformanceTests.atom
        let feed = try FeedXMLNode.parse(FeedFixtures.generator().render(FeedFixtures.siteRequest(), as: .atom))
        let entries = feed.all("entry", ns: ns)
        let enclosures = entries.map { $0.all("link", ns: ns).filter { $0.attributes["rel"] == "enclosure" } }
        #expect(enclosures[0].first?.attributes == ["rel": "enclosure", "type": "image/jpeg", "length": "48213",
                                                    "href": "https://news.example.org/images/budget.jpg"])
        // Unknown length: no length attribute; no image: no enclosure.
        #expect(enclosures[1].first?.attributes["length"] == nil)
        #expect(enclosures[1].first?.attributes["href"] == "https://cdn.example.net/photos/tokyo.png")
        #expect(enclosures[2].isEmpty)
    }

    @Test func controlCharactersNeverReachTheOutput() throws {
        for format in FeedFormat.allCases {
            let bytes = try FeedFixtures.generator().render(FeedFixtures.siteRequest(), as: format)
            let forbidden = bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
            #expect(!forbidden, "\(format) output has a control character")
        }
    }

    @Test func stylesheetIsWellFormedXSLT() throws {
        let root = try FeedXMLNode.parse(FeedStylesheet.document())
        #expect(root.name == "stylesheet" && root.namespace == "http://www.w3.org/1999/XSL/Transform")
        #expect(FeedStylesheet.path == "/feed.xsl")
    }

    @Test func plainTextOfHTML() {
        #expect(PlainText.fromHTML("<p>One &amp; <em>two</em></p><p>Three&#x21; &lt;4&gt;</p>") == "One & two Three! <4>")
        #expect(PlainText.fromHTML("  <!-- c --> a\n\n b ") == "a b")
    }

    /// Within one build an article is prepared once for all its feeds and
    /// formats; the documents are those of a generator preparing each anew.
    @Test func buildGeneratorPreparesEachArticleOnce() throws {
        let cache = PreparedEntryCache()
        var calls = 0
        for _ in 0..<3 {
            _ = cache.entry(for: "Content/articles/a.md") {
                calls += 1
                return PreparedEntry(id: "a", title: "A", url: "u", published: .distantPast, updated: .distantPast,
                                     authors: [], categories: [], summaryHTML: "", contentHTML: "", image: nil)
            }
        }
        #expect(calls == 1)
        let config = FeedFixtures.config()
        let shared = FeedGenerator(config: config, mediaInfo: FeedFixtures.mediaInfo, preparedEntries: PreparedEntryCache())
        for format in FeedFormat.allCases {
            for (_, request) in FeedFixtures.requests {
                let fresh = try FeedGenerator(config: config, mediaInfo: FeedFixtures.mediaInfo).render(request, as: format)
                #expect(try shared.render(request, as: format) == fresh)
            }
        }
    }
}
