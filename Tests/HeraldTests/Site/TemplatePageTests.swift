import Foundation
import Testing
@testable import Herald

/// A `.html` file in `Content/pages/` is a template page: its body is
/// rendered through the template language with `site` and `page`, then
/// placed in its layout like any page's body.
@Suite struct TemplatePageTests {
    static let contact = """
        ---
        title: Contact us
        summary: How to reach the newsroom.
        desk: "555-0100"
        ---
        <p>Call the desk on {{ page.params.desk }}.</p>
        <form action="{{ site.params.form_action }}" method="post">
          <label for="m">Message</label> <textarea id="m" name="message"></textarea>
          <button type="submit" onclick="track()">Send</button>
        </form>
        <script>alert(1)</script>
        <ul>{% for p in site.data.staff %}<li>{% include "partials/person.html" %}</li>{% endfor %}</ul>
        <p>Latest: {% for a in site.articles %}{{ a.title }}: {{ a.summary | striptags }}{% endfor %}</p>

        """

    static func site(_ extra: [String: String] = [:]) throws -> TemporarySite {
        var files = [
            "site.yml": "title: Test News\nurl: https://news.example.org/\ntimezone: America/New_York\nparams: { form_action: \"https://forms.example.org/newsroom\" }\n",
            "Templates/page.html": "<title>{{ page.title }}</title><main>{{ page.content }}</main><p>{{ page.word_count }} words</p>",
            "Templates/partials/person.html": "{{ p.name }} ({{ p.role }})",
            "Templates/index.html": "{% for p in site.pages %}[{{ p.title }}|{{ p.description }}|{{ p.content }}]{% endfor %}",
            "Content/pages/contact.html": contact,
            "Content/data/staff.yml": "- { name: Ada Park, role: Editor }\n- { name: Tom Whitaker, role: Reporter }\n",
        ]
        files.merge(extra) { _, new in new }
        return try BuildFixtures.site(files)
    }

    @Test func theBodyIsRenderedWithSiteAndPageThenPlacedInTheLayout() throws {
        let site = try Self.site()
        defer { site.remove() }
        _ = try site.build()
        let page = try #require(site.read("Public/contact/index.html"))
        #expect(page.hasPrefix("<title>Contact us</title><main><p>Call the desk on 555-0100.</p>"))
        #expect(page.contains(#"<form action="https://forms.example.org/newsroom" method="post">"#))
        #expect(page.contains("<li>Ada Park (Editor)</li>\n<li>Tom Whitaker (Reporter)</li>"))
        #expect(page.contains("Latest: River: The river rose."))
        // Sanitised as any HTML body is, unless markdown.unsafe_html.
        #expect(!page.contains("<script>") && !page.contains("onclick"))
        #expect(page.hasSuffix("</main><p>18 words</p>"))
        // Other templates see the page's metadata; its body is rendered for its own page only.
        #expect(site.read("Public/index.html")?.contains("[Contact us|How to reach the newsroom.|]") == true)
    }

    @Test func unsafeHTMLKeepsScripts() throws {
        let site = try Self.site([
            "site.yml": "title: T\nurl: https://news.example.org/\nmarkdown: { unsafe_html: true }\nparams: { form_action: /send }\n",
        ])
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/contact/index.html")?.contains("<script>alert(1)</script>") == true)
    }

    @Test func errorsAreLocatedAtTheLinesOfThePageFile() throws {
        let site = try Self.site([
            "Content/pages/hub.html": "---\ntitle: Election hub\n---\n<h2>Results</h2>\n<p>{% if %}</p>\n",
            "Content/pages/form.html": "---\ntitle: Form\n---\n\n<p>{{ site.params.nope.deeper }}</p>\n",
            "Content/pages/old.html": "---\ntitle: Old\n---\n{% extends \"page.html\" %}\n",
        ])
        defer { site.remove() }
        let errors = site.buildErrors()
        let hub = try #require(errors.first { $0.path == "Content/pages/hub.html" })
        #expect(hub.line == 5 && hub.column > 3 && hub.sourceLine == "<p>{% if %}</p>")
        let old = try #require(errors.first { $0.path == "Content/pages/old.html" })
        #expect(old.line == 4 && old.message.contains("cannot extend 'page.html'"))
        #expect(!site.exists("Public/index.html"))
        // A render error, once the syntax is right.
        try site.write("---\ntitle: Election hub\n---\n<h2>Results</h2>\n", to: "Content/pages/hub.html")
        try site.write("---\ntitle: Old\n---\n<p>Old</p>\n", to: "Content/pages/old.html")
        let render = site.buildErrors()
        let form = try #require(render.first { $0.path == "Content/pages/form.html" })
        #expect(form.line == 5 && form.column > 1, "\(form)")
    }

    @Test func incrementalBuildsAndServeEqualACleanBuild() throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.age()
        let session = BuildSession()
        let options = BuildOptions(source: site.root, now: Date(timeIntervalSince1970: 1_800_000_000))
        _ = try session.build(options: options)
        // The body of the template page.
        try site.write(Self.contact.replacingOccurrences(of: "Call the desk", with: "Please ring the desk"), to: "Content/pages/contact.html")
        try site.age()
        var report = try session.build(options: options)
        #expect(report.path == .incremental(changedSources: 1))
        #expect(site.read("Public/contact/index.html")?.contains("Please ring the desk on 555-0100") == true)
        #expect(try site.tree() == site.cleanBuildTree())
        // A data file it reads.
        try site.write("- { name: Priya Raman, role: Photographer }\n", to: "Content/data/staff.yml")
        try site.age()
        report = try session.build(options: options)
        #expect(report.path == .incremental(changedSources: 1))
        #expect(site.read("Public/contact/index.html")?.contains("<li>Priya Raman (Photographer)</li>") == true)
        #expect(try site.tree() == site.cleanBuildTree())
        // An article whose summary it shows.
        try site.write("---\ntitle: River\ndate: 2025-07-04 09:14\ntags: [Flood]\n---\nThe river fell again.\n", to: "Content/articles/2025-07-04-river.md")
        try site.age()
        report = try site.build()
        #expect(report.path == .incremental(changedSources: 1))
        #expect(site.read("Public/contact/index.html")?.contains("Latest: River: The river fell again.") == true)
        #expect(try site.tree() == site.cleanBuildTree())
    }

    @Test func anHTMLArticleIsNoTemplate() throws {
        let site = try Self.site(["Content/articles/2025-07-05-code.html": "---\ntitle: Code\ndate: 2025-07-05\n---\n<p>Write {{ page.title }} in a template.</p>\n"])
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/2025/07/code/index.html")?.contains("<p>Write {{ page.title }} in a template.</p>") == true)
    }
}

extension TemplatePageTests {
    @Test func aLiteralBodyRendersAsItsOwnText() throws {
        let html = "<p>Use {{ name }}, {% tag %}, {# note #} and {{{ triple }}} in a template; { alone } stays.</p>\n<p>{</p>"
        let body = TemplatePageSource.literal(html)
        let library = try TemplateLibrary(sources: [:], environment: TemplateEnvironment(timeZone: .gmt, siteURL: SiteURL("https://x.example/")!),
            pages: [TemplatePageSource(path: "Content/pages/p.html", body: body, firstLine: 1, file: body)])
        #expect(try library.render(TemplatePageSource.templateName(of: "Content/pages/p.html"), context: [:]) == html)
    }
}
