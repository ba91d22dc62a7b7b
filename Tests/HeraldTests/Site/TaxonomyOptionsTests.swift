import Foundation
import Testing
@testable import Herald

/// `taxonomies:` in its mapping form (path, paginate, feeds), the names and
/// terms it refuses, and term feeds only where there are term pages.
@Suite struct TaxonomyOptionsTests {
    typealias F = SiteFixtures

    func errors(_ yaml: String) -> [String] { F.configErrors(yaml) }

    @Test func bothFormsAreRead() throws {
        let list = try SiteConfigLoader.parse("title: T\nurl: https://a.org/\ntaxonomies: [tags, book_reviews]\n")
        #expect(list.taxonomies == [TaxonomySettings(name: "tags"), TaxonomySettings(name: "book_reviews")])
        #expect(list.taxonomies[1].path == "/book-reviews/")
        let map = try SiteConfigLoader.parse("""
            title: T
            url: https://a.org/
            taxonomies:
              tags: { path: articles/tags, paginate: 3, feeds: false }
              categories: {}
              authors:
            """)
        #expect(map.taxonomies == [
            TaxonomySettings(name: "tags", path: "/articles/tags/", paginate: 3, feeds: false),
            TaxonomySettings(name: "categories"), TaxonomySettings(name: "authors"),
        ])
    }

    @Test func aNameThatIsNotASlugIsAnErrorAtItsLine() {
        #expect(errors("taxonomies: [tags, articles/tags]\n") == [
            "site.yml:3:20: error: taxonomy name 'articles/tags' is not a slug (lower-case letters, digits and hyphens); to put its pages under another folder, give it a path: 'tags: { path: /articles/tags/ }'",
        ])
        #expect(errors("taxonomies:\n  tags: {}\n  Series: { paginate: 2 }\n") == [
            "site.yml:5:3: error: taxonomy name 'Series' is not a slug (lower-case letters, digits and hyphens); name it 'series'",
        ])
        #expect(errors("taxonomies: [tags, tags]\n") == ["site.yml:3:20: error: taxonomy 'tags' is listed twice; keep one"])
    }

    @Test func badOptionsAreErrorsNamingTheValidKeys() {
        #expect(errors("taxonomies:\n  tags: { pth: /x/ }\n") == [
            "site.yml:4:11: error: unknown key 'pth' in 'taxonomies.tags'; did you mean 'path'? valid keys: feeds, paginate, path",
        ])
        #expect(errors("taxonomies:\n  tags: { path: /a/../b/ }\n  categories: { path: / }\n  authors: { paginate: 0 }\n") == [
            "site.yml:4:17: error: taxonomies.tags.path '/a/../b/': '..' would leave the output folder",
            "site.yml:5:23: error: taxonomies.categories.path '/': the path must name a folder such as /articles/ (the home page is /)",
            "site.yml:6:24: error: 'taxonomies.authors.paginate' must be a whole number of at least 1",
        ])
        #expect(errors("taxonomies:\n  tags: { path: /topics/ }\n  categories: { path: topics }\n") == [
            "site.yml:5:3: error: taxonomies 'tags' and 'categories' both have the path /topics/; give one another 'path'",
        ])
    }

    static let yaml = F.siteYAML + """
        taxonomies:
          tags: { path: /articles/tags/, paginate: 1 }
          categories: { feeds: false }

        """

    static func site(_ extra: [String: String] = [:]) throws -> TemporarySite {
        var files = [
            "Content/articles/2025-01-01-a.md": F.article("A", date: "2025-01-01", "tags: [Economy, Water]\ncategories: Politics\n"),
            "Content/articles/2025-02-01-b.md": F.article("B", date: "2025-02-01", "tags: [Economy]\ncategories: [Politics]\n"),
            "Templates/article.html": "{% for t in page.tags %}{{ t.url }} {{ t.feeds | length }};{% endfor %}",
        ]
        files.merge(extra) { _, new in new }
        return try F.site(files, yaml: yaml)
    }

    @Test func termPagesFeedsAndIndexFollowThePath() throws {
        let site = try Self.site()
        defer { site.remove() }
        _ = try site.build()
        // paginate: 1 for tags, the site's 2 for categories.
        #expect(site.read("Public/articles/tags/economy/index.html") == "Economy|1/2|b,")
        #expect(site.read("Public/articles/tags/economy/page/2/index.html") == "Economy|2/2|a,")
        #expect(site.read("Public/categories/politics/index.html") == "Politics|1/1|b,a,")
        #expect(site.read("Public/articles/tags/index.html") == "Tags|Economy=2@/articles/tags/economy/;Water=1@/articles/tags/water/;")
        #expect(!site.exists("Public/tags"))
        #expect(site.read("Public/2025/01/a/index.html") == "/articles/tags/economy/ 3;/articles/tags/water/ 3;")
        // Term feeds where the taxonomy has them, none for categories.
        let feed = try #require(site.read("Public/articles/tags/economy/feed.xml"))
        #expect(feed.contains("href=\"https://news.example.org/articles/tags/economy/\""))
        #expect(feed.contains("scheme=\"https://news.example.org/articles/tags/\""))
        #expect(site.exists("Public/articles/tags/water/feed.json"))
        #expect(!site.exists("Public/categories/politics/feed.xml"))
        let sitemap = try #require(site.read("Public/sitemap.xml"))
        #expect(sitemap.contains("<loc>https://news.example.org/articles/tags/economy/page/2/</loc>"))
    }

    @Test func withoutATermTemplateNoTermFeedIsWritten() throws {
        let site = try Self.site()
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Templates/term.html"))
        let report = try site.build()
        #expect(!site.exists("Public/articles/tags/economy/feed.xml"))
        #expect(!site.exists("Public/articles/tags/economy"))
        #expect(report.feeds == 3)
        // Nor do templates offer links to them.
        #expect(site.read("Public/2025/01/a/index.html") == "/articles/tags/economy/ 0;/articles/tags/water/ 0;")
    }

    @Test func aTermWithAnEmptySlugIsAnErrorAtItsEntry() throws {
        let site = try Self.site([
            "Content/articles/2025-03-01-c.md": F.article("C", date: "2025-03-01", "tags:\n  - Economy\n  - \"!\"\ncategories: \"?\"\n"),
        ])
        defer { site.remove() }
        #expect(site.buildErrors().map(\.description) == [
            "Content/articles/2025-03-01-c.md:6:5: error: '!' in 'tags' has no letter or digit to make its URL of (its slug is empty); spell it with at least one",
            "Content/articles/2025-03-01-c.md:7:13: error: '?' in 'categories' has no letter or digit to make its URL of (its slug is empty); spell it with at least one",
        ])
        // Without the taxonomy, the same spelling is only text.
        try site.write(F.siteYAML + "taxonomies: [authors]\n", to: "site.yml")
        #expect(site.buildErrors().isEmpty)
    }

    @Test func anIncrementalBuildEqualsACleanBuild() throws {
        let site = try Self.site([
            "Templates/article.html": "{{ page.content }}{% for t in page.tags %}{{ t.url }};{% endfor %}",
            "Templates/term.html": "{{ term.name }}:{% for a in paginator.items %}{{ a.title }} {{ a.summary }},{% endfor %}",
        ])
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        try site.write(F.article("A", date: "2025-01-01", "tags: [Economy, Water]\ncategories: Politics\n", body: "A new body."), to: "Content/articles/2025-01-01-a.md")
        try site.age()
        let edit = try site.build()
        #expect(edit.filesReused > 0)
        #expect(site.read("Public/articles/tags/water/index.html")?.contains("Water:A <p>A new body.</p>") == true)
        #expect(try site.tree() == site.cleanBuildTree())
        // A changed option is a full build, equal to a clean one too.
        try site.write(Self.yaml.replacingOccurrences(of: "/articles/tags/", with: "/topics/"), to: "site.yml")
        try site.age()
        _ = try site.build()
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Clean"))
        #expect(site.exists("Public/topics/water/index.html"))
        #expect(!site.exists("Public/articles/tags/water/index.html"))
        #expect(try site.tree() == site.cleanBuildTree())
    }
}
