import Foundation
import Testing
@testable import Herald

/// `lists:`: paginated listings at paths of their own, of every article or
/// of those under some terms, with their own template, page size and feeds.
@Suite struct ListsTests {
    typealias F = SiteFixtures

    func errors(_ yaml: String) -> [String] { F.configErrors(yaml) }

    @Test func listsAreReadWithTheirDefaults() throws {
        let config = try SiteConfigLoader.parse("""
            title: T
            url: https://a.org/
            lists:
              blog: { path: articles, paginate: 2, title: The Blog }
              politics: { where: { categories: Politics }, template: section, feeds: false }
              all:
            """)
        #expect(config.lists.map(\.name) == ["blog", "politics", "all"])
        #expect(config.lists.map(\.path) == ["/articles/", "/politics/", "/all/"])
        #expect(config.lists.map(\.title) == ["The Blog", "Politics", "All"])
        #expect(config.lists.map(\.template) == ["list.html", "section.html", "list.html"])
        #expect(config.lists.map(\.paginate) == [2, nil, nil])
        #expect(config.lists.map(\.feeds) == [true, false, true])
        #expect(config.lists[1].filter == [.init(taxonomy: "categories", term: "Politics")])
        #expect(try SiteConfigLoader.parse("title: T\nurl: https://a.org/\n").lists.isEmpty)
    }

    @Test func badListsAreLocatedErrors() {
        #expect(errors("lists:\n  blog: { pth: /a/ }\n") == [
            "site.yml:4:11: error: unknown key 'pth' in 'lists.blog'; did you mean 'path'? valid keys: feeds, paginate, path, template, title, where",
        ])
        // `where` names the site's taxonomies, even when they come later in the file.
        #expect(errors("lists:\n  blog: { where: { series: Floods } }\ntaxonomies: [tags, series]\n").isEmpty)
        #expect(errors("lists:\n  blog: { where: { series: Floods } }\n") == [
            "site.yml:4:20: error: 'series' in 'lists.blog.where' is not a taxonomy of the site; the taxonomies are tags, categories, authors",
        ])
        #expect(errors("lists:\n  a: { path: /x/ }\n  b: { path: x }\n") == [
            "site.yml:5:3: error: lists 'a' and 'b' both have the path /x/; give one another 'path'",
        ])
        #expect(errors("lists:\n  a: { path: /x/../../ }\n  b: { template: ../base.html }\n") == [
            "site.yml:4:14: error: lists.a.path '/x/../../': '..' would leave the output folder",
            "site.yml:5:18: error: lists.b.template '../base.html' must name a template inside Templates/, such as 'list.html'",
        ])
    }

    static let yaml = F.siteYAML + """
        lists:
          blog: { path: /articles/, title: Articles }
          politics: { where: { categories: Politics }, paginate: 1, template: section.html, feeds: false }

        """

    static func site(_ extra: [String: String] = [:]) throws -> TemporarySite {
        var files = [
            "Content/articles/2025-01-01-a.md": F.article("A", date: "2025-01-01", "categories: Politics\n"),
            "Content/articles/2025-02-01-b.md": F.article("B", date: "2025-02-01", "categories: Sports\n"),
            "Content/articles/2025-03-01-c.md": F.article("C", date: "2025-03-01", "categories: politics\n"),
            "Templates/list.html": "{{ list.name }}|{{ list.title }}|{{ list.url }}|{{ list.count }}|{{ paginator.number }}/{{ paginator.total_pages }}|{% for a in paginator.items %}{{ a.slug }},{% endfor %}|next={{ paginator.next_url | default('-') }}|{% for f in list.feeds %}{{ f.url }} {% endfor %}",
            "Templates/section.html": "{{ list.title }}:{% for a in paginator.items %}{{ a.slug }} {{ a.summary }},{% endfor %}|{{ list.feeds | length }}",
            "Templates/page.html": "{{ site.lists.blog.url }} {{ site.lists.politics.permalink }} {{ site.lists.blog.feeds[0].url }}",
            "Content/pages/about.md": "---\ntitle: About\n---\nUs.\n",
        ]
        files.merge(extra) { _, new in new }
        return try F.site(files, yaml: yaml)
    }

    @Test func eachListIsPaginatedAtItsPathWithItsTemplate() throws {
        let site = try Self.site()
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/articles/index.html") == "blog|Articles|/articles/|3|1/2|c,b,|next=/articles/page/2/|/articles/feed.xml /articles/rss.xml /articles/feed.json ")
        #expect(site.read("Public/articles/page/2/index.html") == "blog|Articles|/articles/|3|2/2|a,|next=-|/articles/feed.xml /articles/rss.xml /articles/feed.json ")
        // Only the articles under the term (matched by slug), one a page.
        #expect(site.read("Public/politics/index.html") == "Politics:c <p>Body.</p>\n,|0")
        #expect(site.read("Public/politics/page/2/index.html") == "Politics:a <p>Body.</p>\n,|0")
        #expect(!site.exists("Public/politics/page/3/index.html"))
        #expect(site.read("Public/about/index.html") == "/articles/ https://news.example.org/politics/ /articles/feed.xml")
        // The home page and archive are as they were.
        #expect(site.read("Public/index.html") == "1/2|c,b,|prev=|next=/page/2/")
        #expect(site.exists("Public/archive/index.html"))
        let sitemap = try #require(site.read("Public/sitemap.xml"))
        #expect(sitemap.contains("<loc>https://news.example.org/articles/page/2/</loc>"))
        #expect(sitemap.contains("<loc>https://news.example.org/politics/</loc>"))
    }

    @Test func aListsFeedsAreBesideItsFirstPage() throws {
        let site = try Self.site()
        defer { site.remove() }
        _ = try site.build()
        #expect(!site.exists("Public/politics/feed.xml"))
        let atom = try #require(site.read("Public/articles/feed.xml"))
        #expect(atom.contains(#"<title type="text">Test News: Articles</title>"#))
        #expect(atom.contains(#"<link rel="alternate" type="text/html" href="https://news.example.org/articles/"/>"#))
        #expect(atom.contains(#"<link rel="self" type="application/atom+xml" href="https://news.example.org/articles/feed.xml"/>"#))
        let paths = ["feed.xml", "rss.xml", "feed.json"].map { site.root.appendingPathComponent("Public/articles/\($0)").path }
        let lint = try FeedFiles.run("/usr/bin/xmllint", ["--noout"] + paths.prefix(2))
        #expect(lint.status == 0, "\(lint.output)")
        if FeedFiles.hasFeedparser {
            let script = """
                import sys, json, feedparser
                for path in sys.argv[1:]:
                    d = feedparser.parse(open(path).read()) if path.endswith(".xml") else None
                    if d is None:
                        items = json.load(open(path))["items"]
                        assert [i["title"] for i in items] == ["C", "B", "A"], items
                        continue
                    assert not d.bozo, (path, d.bozo_exception)
                    assert [e.title for e in d.entries] == ["C", "B", "A"], (path, d.entries)
                    for e in d.entries:
                        assert e.link.startswith("https://news.example.org/2025/") and e.updated and e.author, e
                print("ok")
                """
            let result = try FeedFiles.run("/usr/bin/env", ["python3", "-c", script] + paths)
            #expect(result.status == 0 && result.output.contains("ok"), "\(result.output)")
        }
    }

    @Test func aMissingTemplateIsAnErrorAtTheList() throws {
        let site = try Self.site()
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Templates/section.html"))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Templates/list.html"))
        #expect(site.buildErrors().map(\.description) == [
            "site.yml:6:3: error: the list 'blog' needs Templates/list.html, which the theme does not have; add it, or name another with 'template:'",
            "site.yml:7:71: error: the list 'politics' needs Templates/section.html, which the theme does not have; add it, or name another with 'template:'",
        ])
    }

    @Test func aListAtAnotherOutputsPathIsAClash() throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.write(F.siteYAML + "lists:\n  blog: { path: /about/ }\n", to: "site.yml")
        let errors = site.buildErrors().map(\.description)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("'Content/pages/about.md' and 'the list 'blog'' both map to /about/index.html") == true, "\(errors)")
    }

    @Test func anIncrementalBuildEqualsACleanBuild() throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        try site.write(F.article("A", date: "2025-01-01", "categories: Politics\n", body: "Changed."), to: "Content/articles/2025-01-01-a.md")
        try site.age()
        #expect(try site.build().filesReused > 0)
        #expect(site.read("Public/politics/page/2/index.html") == "Politics:a <p>Changed.</p>\n,|0")
        #expect(try site.tree() == site.cleanBuildTree())
        // A new list is a full build, equal to a clean one.
        try site.write(Self.yaml + "  sports: { where: { categories: Sports } }\n", to: "site.yml")
        try site.age()
        _ = try site.build()
        #expect(site.read("Public/sports/index.html")?.hasPrefix("sports|Sports|/sports/|1|1/1|b,|") == true)
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Clean"))
        #expect(try site.tree() == site.cleanBuildTree())
    }
}
