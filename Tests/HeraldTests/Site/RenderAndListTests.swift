import Foundation
import Testing
@testable import Herald

/// Front matter `render: false` (listed, in feeds, no page of its own) and
/// `list: false` (its own page, in no listing, feed or sitemap).
@Suite struct RenderAndListTests {
    typealias F = SiteFixtures

    static let yaml = F.siteYAML + "lists:\n  blog: { path: /articles/ }\n"

    static func site(_ extra: [String: String] = [:]) throws -> TemporarySite {
        var files = [
            "Content/articles/2025-01-01-a.md": F.article("A", date: "2025-01-01", "tags: [Water]\n"),
            "Content/articles/2025-02-01-project.md": F.article("Project", date: "2025-02-01", "tags: [Water]\nrender: false\ncanonical: https://code.example.org/project/\n", body: "A project."),
            "Content/articles/2025-03-01-note.md": F.article("Note", date: "2025-03-01", "tags: [Water]\nrender: false\n"),
            "Content/articles/2025-04-01-hidden.md": F.article("Hidden", date: "2025-04-01", "tags: [Water, Secret]\nlist: false\n"),
            "Content/articles/2025-05-01-e.md": F.article("E", date: "2025-05-01", "tags: [Water]\n"),
            "Content/pages/about.md": "---\ntitle: About\n---\nUs.\n",
            "Content/pages/thanks.md": "---\ntitle: Thanks\nlist: false\n---\nThank you.\n",
            "Content/pages/staff.md": "---\ntitle: Staff\nrender: false\n---\nThe staff.\n",
            "Templates/index.html": "{% for a in paginator.items %}{{ a.slug }}@{{ a.url }},{% endfor %}",
            "Templates/article.html": "{{ page.title }}|prev={% if page.prev %}{{ page.prev.slug }}{% endif %}|next={% if page.next %}{{ page.next.slug }}{% endif %}|{% for t in page.tags %}{{ t.name }},{% endfor %}",
            "Templates/page.html": "{% for p in site.pages %}{{ p.title }}@{{ p.url }},{% endfor %}|{{ site.articles | length }}",
            "Templates/list.html": "{% for a in paginator.items %}{{ a.slug }},{% endfor %}",
        ]
        files.merge(extra) { _, new in new }
        return try F.site(files, yaml: yaml.replacingOccurrences(of: "paginate: 2", with: "paginate: 10"))
    }

    @Test func anUnrenderedItemIsListedButHasNoPage() throws {
        let site = try Self.site()
        defer { site.remove() }
        _ = try site.build()
        #expect(!site.exists("Public/2025/02/project/index.html"))
        #expect(!site.exists("Public/2025/03/note/index.html"))
        #expect(!site.exists("Public/staff/index.html"))
        // Listed, linking to its canonical URL or to nothing.
        #expect(site.read("Public/index.html") == "e@/2025/05/e/,note@,project@https://code.example.org/project/,a@/2025/01/a/,")
        #expect(site.read("Public/articles/index.html") == "e,note,project,a,")
        #expect(site.read("Public/tags/water/index.html") == "Water|1/1|e,note,project,a,")
        #expect(site.read("Public/about/index.html") == "About@/about/,Staff@,|4")
        // Neighbours skip pages that are not there.
        #expect(site.read("Public/2025/01/a/index.html") == "A|prev=|next=e|Water,")
        #expect(site.read("Public/2025/05/e/index.html") == "E|prev=a|next=|Water,")
        let sitemap = try #require(site.read("Public/sitemap.xml"))
        #expect(!sitemap.contains("project") && !sitemap.contains("note") && !sitemap.contains("staff"))
        // In the feeds, linking to the canonical URL, else the home page.
        let atom = try #require(site.read("Public/feed.xml"))
        #expect(atom.contains(#"<link rel="alternate" type="text/html" href="https://code.example.org/project/"/>"#))
        #expect(atom.contains("<title type=\"text\">Note</title>"))
        let lint = try FeedFiles.run("/usr/bin/xmllint", ["--noout", site.root.appendingPathComponent("Public/feed.xml").path])
        #expect(lint.status == 0, "\(lint.output)")
        #expect(site.read("Public/articles/feed.json")?.contains("https://code.example.org/project/") == true)
    }

    @Test func anUnlistedItemHasItsPageAndIsInNoListing() throws {
        let site = try Self.site()
        defer { site.remove() }
        _ = try site.build()
        // Its page, with the terms the listed articles have.
        #expect(site.read("Public/2025/04/hidden/index.html") == "Hidden|prev=a|next=e|Water,")
        #expect(site.read("Public/thanks/index.html") == "About@/about/,Staff@,|4")
        for path in ["Public/index.html", "Public/articles/index.html", "Public/tags/water/index.html", "Public/archive/index.html", "Public/feed.xml", "Public/rss.xml", "Public/feed.json", "Public/tags/water/feed.xml", "Public/articles/feed.xml", "Public/sitemap.xml"] {
            let text = try #require(site.read(path), "\(path)")
            #expect(!text.contains("hidden") && !text.contains("Hidden"), "\(path)")
        }
        #expect(site.read("Public/sitemap.xml")?.contains("thanks") == false)
        #expect(!site.exists("Public/tags/secret"))
        #expect(site.read("Public/tags/index.html") == "Tags|Water=4@/tags/water/;")
    }

    @Test func renderAndListAreTrueOrFalse() throws {
        let site = try Self.site(["Content/articles/2025-06-01-f.md": F.article("F", date: "2025-06-01", "render: maybe\n")])
        defer { site.remove() }
        #expect(site.buildErrors().map(\.description) == ["Content/articles/2025-06-01-f.md:4:9: error: 'render' must be true or false"])
    }

    @Test func anAliasOfAnUnrenderedItemIsAWarningAndNoRedirect() throws {
        let site = try Self.site(["Content/articles/2025-03-01-note.md": F.article("Note", date: "2025-03-01", "render: false\naliases: [/old-note/]\n")])
        defer { site.remove() }
        let report = try site.build()
        #expect(report.warnings.map(\.description).contains { $0.hasPrefix("Content/articles/2025-03-01-note.md:") && $0.contains("alias '/old-note/' leads nowhere: this article has 'render: false'") })
        #expect(!site.exists("Public/old-note/index.html"))
    }

    @Test func anIncrementalBuildEqualsACleanBuild() throws {
        let site = try Self.site(["Templates/list.html": "{% for a in paginator.items %}{{ a.slug }} {{ a.summary }},{% endfor %}"])
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        // The body of an unrendered item, shown only by listings.
        try site.write(F.article("Note", date: "2025-03-01", "tags: [Water]\nrender: false\n", body: "A changed note."), to: "Content/articles/2025-03-01-note.md")
        try site.age()
        #expect(try site.build().filesReused > 0)
        #expect(site.read("Public/articles/index.html")?.contains("note <p>A changed note.</p>") == true)
        #expect(try site.tree() == site.cleanBuildTree())
        // Listing an unlisted article and unrendering a listed one.
        try site.write(F.article("Hidden", date: "2025-04-01", "tags: [Water, Secret]\n"), to: "Content/articles/2025-04-01-hidden.md")
        try site.write(F.article("A", date: "2025-01-01", "tags: [Water]\nrender: false\n"), to: "Content/articles/2025-01-01-a.md")
        try site.age()
        _ = try site.build()
        #expect(site.exists("Public/tags/secret/index.html"))
        #expect(!site.exists("Public/2025/01/a/index.html"))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Clean"))
        #expect(try site.tree() == site.cleanBuildTree())
    }
}
