import Foundation
import Testing
@testable import Herald

private typealias F = SiteFixtures

/// Corrections (front matter `corrections`): located errors, what the
/// default theme shows and says in JSON-LD, the site-wide corrections page
/// and its feeds, and incremental builds that equal clean ones.
@Suite struct CorrectionsTests {
    @Test func aCorrectionWithoutDateOrTextIsALocatedError() throws {
        let site = try F.site([
            "Content/articles/a.md": F.article("A", date: "2025-07-01 10:00", """
                corrections:
                  - text: The vote was 5–2.
                  - date: 2025-07-02
                  - date: July the second
                    text: Wrong date.
                  - just words

                """),
        ])
        defer { site.remove() }
        let errors = site.buildErrors()
        let messages = errors.map { "\($0.path):\($0.line): \($0.message)" }
        #expect(messages.contains { $0.hasPrefix("Content/articles/a.md:5:") && $0.contains("no 'date'") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("Content/articles/a.md:6:") && $0.contains("no 'text'") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("Content/articles/a.md:7:") && $0.contains("'date' must be a date") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("Content/articles/a.md:9:") && $0.contains("needs 'date' and 'text'") }, "\(messages)")
        #expect(!site.exists("Public/index.html"), "a failed build publishes nothing")
    }

    @Test func theCorrectionsPathMustBeAFolder() {
        #expect(throws: DiagnosticError.self) {
            try SiteConfigLoader.parse("title: T\nurl: https://x.example/\ncorrections: { path: ../out }\n")
        }
        let config = try? SiteConfigLoader.parse("title: T\nurl: https://x.example/\ncorrections: { path: /fixes/, policy: /standards/ }\n")
        #expect(config?.corrections.path == "/fixes/")
        #expect(config?.corrections.policy == "/standards/")
    }

    @Test func theDemoShowsCorrectionsAndDescribesThemInJSONLD() throws {
        let site = try F.demoSite()
        defer { site.remove() }
        _ = try site.build()
        let html = try #require(site.read("Public/2026/02/council-adopts-budget/index.html"))
        #expect(html.contains(#"<li id="correction-1"><strong>Correction, <time datetime="2026-02-11T10:20:00-05:00">February 11, 2026</time>:</strong> An earlier version of this story gave the library’s extra share as $2.1 million. It is $1.2 million.</li>"#) || html.contains(#"<li id="correction-1"><strong>Correction, <time datetime="2026-02-11T10:20:00-05:00">February 11, 2026</time>:</strong> An earlier version of this story gave the library&#39;s extra share as $2.1 million. It is $1.2 million.</li>"#), "the notice is shown with its date")
        #expect(html.contains(#"<a href="/corrections-policy/">Our corrections policy</a>"#))
        // The visible "Updated" label and dateModified agree.
        #expect(html.contains(#"Updated <time datetime="2026-02-11T10:20:00-05:00">"#))
        let ld = try DemoThemeTests.jsonLD(in: html, file: "budget")
        #expect(ld["dateModified"] as? String == "2026-02-11T10:20:00-05:00")
        let corrections = try #require(ld["correction"] as? [[String: Any]])
        #expect(corrections.count == 1)
        #expect(corrections.first?["@type"] as? String == "CorrectionComment")
        #expect(corrections.first?["datePublished"] as? String == "2026-02-11T10:20:00-05:00")
        #expect((corrections.first?["text"] as? String)?.contains("It is $1.2 million.") == true)
        #expect(corrections.first?["url"] as? String == "https://news.example.org/2026/02/council-adopts-budget/#correction-1")
        let publisher = try #require(ld["publisher"] as? [String: Any])
        #expect(publisher["correctionsPolicy"] as? String == "https://news.example.org/corrections-policy/")
        // A story without corrections has no `correction` key.
        let plain = try #require(site.read("Public/2026/11/rail-spur-study/index.html"))
        #expect(try DemoThemeTests.jsonLD(in: plain, file: "rail")["correction"] == nil)
        #expect(!plain.contains("correction-list"))
    }

    @Test func theCorrectionsPageAndFeedListEveryCorrectionNewestFirst() throws {
        let site = try F.demoSite()
        defer { site.remove() }
        _ = try site.build()
        let page = try #require(site.read("Public/corrections/index.html"))
        let links = F.captures(#"<p class="corrections-log-story"><a href="([^"]*)">"#, in: page)
        #expect(links == ["/2026/02/council-adopts-budget/#correction-1", "/2025/10/millbrook-football-final/#correction-1"])
        #expect(page.contains(#"<link rel="alternate" type="application/atom+xml" title="The Riverbend Ledger: Corrections (Atom)" href="/corrections/feed.xml">"#))

        let atom = site.root.appendingPathComponent("Public/corrections/feed.xml").path
        let lint = try FeedFiles.run("/usr/bin/xmllint", ["--noout", atom])
        #expect(lint.status == 0, "\(lint.output)")
        let xml = try #require(site.read("Public/corrections/feed.xml"))
        let ids = F.captures(#"<entry>\s*<id>([^<]*)</id>"#, in: xml)
        #expect(ids == ["tag:news.example.org,2026-02-11:/council-adopts-budget-correction-1", "tag:news.example.org,2025-11-03:/millbrook-football-final-correction-1"])
        #expect(xml.contains(#"<link rel="alternate" type="text/html" href="https://news.example.org/2026/02/council-adopts-budget/#correction-1"/>"#))
        #expect(xml.contains("<updated>2026-02-11T10:20:00-05:00</updated>"))
        #expect(site.exists("Public/corrections/rss.xml") && site.exists("Public/corrections/feed.json"))

        if FeedFiles.hasFeedparser {
            let script = """
                import sys, feedparser
                for path in sys.argv[1:]:
                    d = feedparser.parse(path)
                    assert not d.bozo, (path, d.bozo_exception)
                    assert len(d.entries) == 2, path
                    for e in d.entries:
                        assert e.title.startswith("Correction: "), e.title
                        assert e.link and e.updated and e.author, e
                print("ok")
                """
            let paths = ["feed.xml", "rss.xml"].map { site.root.appendingPathComponent("Public/corrections/\($0)").path }
            let result = try FeedFiles.run("/usr/bin/env", ["python3", "-c", script] + paths)
            #expect(result.status == 0 && result.output.contains("ok"), "\(result.output)")
        }
    }

    @Test func anIncrementalBuildAfterACorrectionEqualsACleanBuild() throws {
        let site = try F.demoSite()
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        let path = "Content/articles/2026/2026-11-18-rail-spur-study.md"
        var text = try #require(site.read(path))
        let close = try #require(text.range(of: "\n---\n", range: text.index(after: text.startIndex)..<text.endIndex))
        text.insert(contentsOf: "\ncorrections:\n  - { date: 2026-11-19 08:00, text: \"The study covers 14 miles of track, not 41.\" }", at: close.lowerBound)
        try site.write(text, to: path)
        try site.age()
        _ = try site.build()
        #expect(try site.tree() == site.cleanBuildTree())
        #expect(site.read("Public/corrections/index.html")?.contains("/2026/11/rail-spur-study/#correction-1") == true)
    }
}
