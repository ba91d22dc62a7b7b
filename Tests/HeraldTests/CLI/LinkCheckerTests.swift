import Foundation
import Testing
@testable import Herald

@Suite("herald check")
struct LinkCheckerTests {
    static let siteURL = SiteURL("https://news.example.org/")!

    /// A hand-written output folder.
    func output(_ files: [String: String]) throws -> TemporarySite {
        try TemporarySite(files: files)
    }

    static let cleanSite: [String: String] = [
        "index.html": """
            <!doctype html>
            <html><head>
            <link rel="stylesheet" href="/assets/style.css">
            <link rel="alternate" type="application/atom+xml" href="https://news.example.org/feed.xml">
            <script src="/assets/app.js"></script>
            <script>var x = "<a href='/nowhere/'>";</script>
            </head><body>
            <!-- <a href="/commented-out/">x</a> -->
            <a href="2025/07/story/">story</a>
            <a href="/2025/07/story/#lede">lede</a>
            <a href="/2025/07/story">no slash</a>
            <a href="./about/?ref=home">about</a>
            <a href="#top">top</a>
            <a href="https://elsewhere.example.com/missing/">external</a>
            <a href="mailto:desk@example.org">mail</a>
            <img src="/img/a.png" srcset="/img/a.png 1x, /img/b.png 2x" alt="">
            <a id="main" href="">self</a>
            </body></html>
            """,
        "2025/07/story/index.html": """
            <!doctype html><p id="lede">Text</p><a href="../../../index.html#main">home</a>
            <a href="/about/#team">team</a><a href='../../../feed.xml'>feed</a>
            """,
        "about/index.html": "<!doctype html><h2 id=team>Team</h2><a href=\"/#main\">home</a>",
        "assets/style.css": "body{}",
        "assets/app.js": "",
        "img/a.png": "png",
        "img/b.png": "png",
        "feed.xml": "<feed/>",
    ]

    @Test("a clean site has no problems")
    func clean() throws {
        let site = try output(Self.cleanSite)
        defer { site.remove() }
        let problems = LinkChecker(output: site.root, siteURL: Self.siteURL).check()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("reports a broken link, a missing image and a bad anchor with file and line")
    func broken() throws {
        var files = Self.cleanSite
        files["about/index.html"] = """
            <!doctype html>
            <h2 id="team">Team</h2>
            <a href="/2025/07/gone/">gone</a>
            <img
              alt="chart"
              src="/img/chart.png">
            <a href="/2025/07/story/#missing">bad anchor</a>
            <a href="#nowhere">bad local anchor</a>
            <img src="/img/a.png" srcset="/img/a.png 1x, /img/c.png 2x" alt="">
            <a href="https://news.example.org/absent/">absolute</a>
            <a href="../../up-and-out/">above the root</a>
            """
        let site = try output(files)
        defer { site.remove() }
        let problems = LinkChecker(output: site.root, siteURL: Self.siteURL).check()
        let summary = problems.map { "\($0.path):\($0.line): \($0.message)" }
        #expect(problems.count == 7, "\(summary)")
        #expect(problems.allSatisfy { $0.path == "about/index.html" && $0.severity == .error && $0.column == 0 })
        #expect(problems.map(\.line) == [3, 6, 7, 8, 9, 10, 11])
        #expect(problems[0].message.contains("broken link '/2025/07/gone/'"))
        #expect(problems[1].message.contains("missing image '/img/chart.png'"))
        #expect(problems[2].message.contains("broken anchor '/2025/07/story/#missing'"))
        #expect(problems[2].message.contains("2025/07/story/index.html has no element with id 'missing'"))
        #expect(problems[3].message.contains("'nowhere'"))
        #expect(problems[4].message.contains("missing image '/img/c.png'"))
        #expect(problems[5].message.contains("broken link 'https://news.example.org/absent/'"))
        #expect(problems[6].message.contains("above the site's root"))
    }

    @Test("honours the site's base path")
    func basePath() throws {
        let site = try output([
            "index.html": """
                <a href="/news/about/">ok</a>
                <a href="/about/">outside the base path</a>
                <a href="https://x.github.io/news/about/#team">absolute ok</a>
                <a href="about/">relative ok</a>
                """,
            "about/index.html": "<p id=team>",
        ])
        defer { site.remove() }
        let problems = LinkChecker(output: site.root, siteURL: SiteURL("https://x.github.io/news/")!).check()
        #expect(problems.map(\.line) == [2], "\(problems)")
        #expect(problems.first?.message.contains("outside the site's base path /news/") == true)
    }

    @Test("the scanner reads attributes in any quoting, with references, across lines")
    func scanner() {
        let tags = HTMLScanner.tags(in: "<A HREF=/x?a=1&amp;b=2 data-x='y'>\n<img\n src=\"a&#x2F;b.png\"/><br/>")
        #expect(tags.map(\.name) == ["a", "img", "br"])
        #expect(tags[0].value("href") == "/x?a=1&b=2")
        #expect(tags[0].value("data-x") == "y")
        #expect(tags[1].value("src") == "a/b.png")
        #expect(tags[1].attributes.first?.line == 3)
    }

    @Test("checks a built site in a temporary folder and removes it")
    func siteChecker() throws {
        let site = try TemporarySite(files: [
            "site.yml": "title: T\nurl: https://news.example.org/\n",
            "Content/articles/2025-01-02-first.md": """
                ---
                title: First
                date: 2025-01-02
                image: /img/lead.jpg
                summary: \(String(repeating: "Long words here. ", count: 20))
                ---
                Body.
                """,
            "Content/articles/2025-01-03-second.md": "---\ntitle: Second\ndate: 2025-01-03\nsummary: Short.\n---\nBody.\n",
        ])
        defer { site.remove() }
        try PlaceholderTheme.write(into: site)
        let scratch = site.root.appendingPathComponent("scratch")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        var checker = SiteChecker(options: BuildOptions(source: site.root, now: Date(timeIntervalSince1970: 1_800_000_000)))
        checker.temporaryFolder = scratch
        let result = try checker.run()
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty, "the temporary folder is removed")
        #expect(!site.exists("Public/index.html"), "check does not write Public/")
        let messages = result.problems.map(\.description)
        #expect(result.problems.count == 2, "\(messages)")
        #expect(result.problems.contains { $0.path == "Content/articles/2025-01-02-first.md" && $0.message.contains("image_alt") })
        #expect(result.problems.contains { $0.path == "Content/articles/2025-01-02-first.md" && $0.line == 5 && $0.message.contains("summary is 339 characters") })
    }

    @Test("a clean built site passes")
    func cleanBuiltSite() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try SiteScaffold.create(at: site.root, theme: PlaceholderTheme.files)
        let result = try SiteChecker(options: BuildOptions(source: site.root, now: Date(timeIntervalSince1970: 1_800_000_000))).run()
        #expect(result.problems.isEmpty, "\(result.problems)")
    }
}
