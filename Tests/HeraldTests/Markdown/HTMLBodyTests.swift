import Foundation
import Testing
@testable import Herald

/// `.html` articles and pages: the body is HTML, sanitised unless
/// `markdown.unsafe_html`, with a summary and word count as from Markdown.
@Suite struct HTMLBodyTests {
    static let body = """
        <p>The <em>ferry</em> fare rises to $4 in August.</p>
        <!--more-->
        <p onclick="steal()">Riders <a href="javascript:alert(1)">complained</a> at the <a href="/meetings/">meeting</a>.</p>
        <script>alert("x")</script>
        <figure><img src="https://cdn.example.org/ferry.jpg" alt="The ferry"><figcaption>At the pier.</figcaption></figure>
        """

    @Test func sanitisesAndSummarises() {
        let rendered = HTMLBody.render(Self.body, unsafe: false)
        #expect(rendered.html.contains("<p>The <em>ferry</em> fare rises to $4 in August.</p>"))
        #expect(!rendered.html.contains("script") && !rendered.html.contains("onclick") && !rendered.html.contains("javascript:"))
        #expect(rendered.html.contains("<a href=\"/meetings/\">meeting</a>"))
        #expect(rendered.html.contains("<figcaption>At the pier.</figcaption>"))
        #expect(!rendered.html.contains("<!--more-->"))
        #expect(rendered.summaryHTML == "<p>The <em>ferry</em> fare rises to $4 in August.</p>\n")
        // The ferry fare rises to $4 in August. Riders complained at the meeting. At the pier.
        #expect(rendered.wordCount == 16)
    }

    @Test func unsafeHTMLKeepsTheBodyAsWritten() {
        let rendered = HTMLBody.render(Self.body, unsafe: true)
        #expect(rendered.html == Self.body.replacingOccurrences(of: "<!--more-->", with: ""))
    }

    @Test func theFirstParagraphIsTheSummaryWithoutAMarker() {
        let rendered = HTMLBody.render("<h2>Lead</h2><p>First <b>one</b>.</p><p>Second.</p>", unsafe: false)
        #expect(rendered.summaryHTML == "<p>First <b>one</b>.</p>\n")
        #expect(rendered.wordCount == 4)
    }

    @Test func aSiteBuildsHTMLArticlesAndPagesIncrementally() throws {
        let site = try SiteFixtures.site([
            "Content/articles/2025-07-04-ferry.html": "---\ntitle: Ferry fares rise\ndate: 2025-07-04\n---\n" + Self.body + "\n",
            "Content/pages/history.html": "+++\ntitle = \"Our history\"\n+++\n<p>Founded in <strong>2019</strong>.</p>\n",
            "Templates/article.html": "{{ page.title }}|{{ page.summary }}|{{ page.word_count }}|{{ page.content }}",
        ])
        defer { site.remove() }
        try site.age()
        let report = try site.build()
        #expect(report.articles == 1 && report.pages == 1)
        let article = try #require(site.read("Public/2025/07/ferry/index.html"))
        #expect(article.hasPrefix("Ferry fares rise|<p>The <em>ferry</em> fare rises to $4 in August.</p>\n|16|"))
        #expect(!article.contains("<script>"))
        #expect(site.read("Public/history/index.html")?.contains("<p>Founded in <strong>2019</strong>.</p>") == true)
        #expect(site.read("Public/feed.xml")?.contains("fare rises") == true)
        try site.write("---\ntitle: Ferry fares rise\ndate: 2025-07-04\n---\n<p>The fare rises to $5.</p>\n", to: "Content/articles/2025-07-04-ferry.html")
        let second = try site.build()
        #expect(second.filesReused > 0, "a body edit is an incremental build")
        #expect(try site.tree() == site.cleanBuildTree())
        #expect(site.read("Public/2025/07/ferry/index.html")?.contains("$5") == true)
    }
}
