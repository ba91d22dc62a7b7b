import Foundation
import Testing
@testable import Herald

/// `herald check` reports a broken link where the writer fixes it: the
/// source file, line and column, with the output file and line as context.
@Suite struct LinkSourceTests {
    @Test func brokenLinksAreReportedAtTheirSourceLines() throws {
        let site = try BuildFixtures.site([
            "site.yml": "title: Test News\nurl: https://x.example.org/news/\ntimezone: UTC\n",
            "Content/articles/2025-07-04-river.md": """
                ---
                title: River
                date: 2025-07-04 09:14
                ---
                The river rose.

                See [the old story](/2025/07/gone/) and the
                chart: ![Levels](/images/levels.png "Levels")

                [ref]: ../../../about/#team
                Read [about us][ref].
                """,
            "Content/pages/contact.html": "---\ntitle: Contact\n---\n<p>Write to us.</p>\n<p><a href=\"{{ \"/desk/\" | relative_url }}\">The desk</a></p>\n",
            "Templates/page.html": "<h1>{{ page.title }}</h1>\n{{ page.content }}\n<a href=\"{{ \"/archive/\" | relative_url }}\">Archive</a>\n",
        ])
        defer { site.remove() }
        let result = try SiteChecker(options: BuildOptions(source: site.root, now: Date(timeIntervalSince1970: 1_800_000_000))).run()
        let problems = result.problems
        func problem(_ text: String) -> Diagnostic? { problems.first { $0.message.contains(text) } }
        let gone = try #require(problem("broken link '/news/2025/07/gone/'"), "\(problems.map(\.description))")
        #expect(gone.path == "Content/articles/2025-07-04-river.md" && gone.line == 7 && gone.column == 21)
        #expect(gone.message.hasSuffix(": nothing in the output at /2025/07/gone/ (in 2025/07/river/index.html, line 2)"))
        #expect(gone.sourceLine == "See [the old story](/2025/07/gone/) and the")
        let image = try #require(problem("missing image"))
        #expect(image.path == "Content/articles/2025-07-04-river.md" && image.line == 8)
        let anchor = try #require(problem("broken anchor"))
        #expect(anchor.path == "Content/articles/2025-07-04-river.md" && anchor.line == 10 && anchor.column == 8)
        // A template page's body: its own file and line.
        let desk = try #require(problem("broken link '/news/desk/'"))
        #expect(desk.path == "Content/pages/contact.html" && desk.line == 5)
        // Written by a template: the template's line, once per page showing it.
        let archive = problems.filter { $0.message.contains("'/news/archive/'") }
        #expect(archive.count == 1 && archive[0].path == "Templates/page.html" && archive[0].line == 3)
        #expect(archive.first?.message.hasSuffix("(in about/index.html, line 4; contact/index.html, line 5)") == true, "\(archive)")
    }
}
