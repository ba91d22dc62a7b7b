import Foundation
import Testing
@testable import Herald

/// Term pages, taxonomy indexes, term URLs and merging, author profiles.
@Suite struct TaxonomyTests {
    typealias F = SiteFixtures

    static func newsSite(_ extra: [String: String] = [:]) throws -> TemporarySite {
        var files = [
            "Content/articles/2025-01-01-a.md": F.article("A", date: "2025-01-01", "tags: [Economy, Water]\ncategories: Politics\nauthor: Ada Park\n"),
            "Content/articles/2025-02-01-b.md": F.article("B", date: "2025-02-01", "tags: [Economy]\ncategories: [Politics]\nauthors: [Ada Park, Tom Reed]\n"),
            "Content/articles/2025-03-01-c.md": F.article("C", date: "2025-03-01", "tags: [Economy]\ncategories: [Sports]\n"),
        ]
        files.merge(extra) { _, new in new }
        return try F.site(files)
    }

    @Test func everyTagCategoryAndAuthorHasATermPage() throws {
        let site = try Self.newsSite()
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/tags/water/index.html") == "Water|1/1|a,")
        #expect(site.read("Public/categories/politics/index.html") == "Politics|1/1|b,a,")
        #expect(site.read("Public/categories/sports/index.html") == "Sports|1/1|c,")
        #expect(site.read("Public/authors/ada-park/index.html") == "Ada Park|1/1|b,a,")
        #expect(site.read("Public/authors/tom-reed/index.html") == "Tom Reed|1/1|b,")
        // An article without a byline is filed under the site author.
        #expect(site.read("Public/authors/newsroom/index.html") == "Newsroom|1/1|c,")
    }

    @Test func termPagesArePaginated() throws {
        let site = try Self.newsSite()
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/tags/economy/index.html") == "Economy|1/2|c,b,")
        #expect(site.read("Public/tags/economy/page/2/index.html") == "Economy|2/2|a,")
        #expect(!site.exists("Public/tags/economy/page/3/index.html"))
        #expect(!site.exists("Public/tags/economy/page/1/index.html"))
        // Pagination links of a term page.
        try site.write("{{ paginator.prev_url | default('-') }} {{ paginator.next_url | default('-') }} {{ paginator.first_url }} {{ paginator.last_url }}", to: "Templates/term.html")
        _ = try site.build()
        #expect(site.read("Public/tags/economy/index.html") == "- /tags/economy/page/2/ /tags/economy/ /tags/economy/page/2/")
        #expect(site.read("Public/tags/economy/page/2/index.html") == "/tags/economy/ - /tags/economy/ /tags/economy/page/2/")
    }

    @Test func taxonomyIndexesListTermsWithCounts() throws {
        let site = try Self.newsSite()
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/tags/index.html") == "Tags|Economy=3@/tags/economy/;Water=1@/tags/water/;")
        #expect(site.read("Public/categories/index.html") == "Categories|Politics=2@/categories/politics/;Sports=1@/categories/sports/;")
        #expect(site.read("Public/authors/index.html") == "Authors|Ada Park=2@/authors/ada-park/;Newsroom=1@/authors/newsroom/;Tom Reed=1@/authors/tom-reed/;")
    }

    @Test func termURLsAreSlugified() throws {
        let site = try F.site([
            "Content/articles/a.md": F.article("A", date: "2025-01-01", "tags: [\"Économie & Marchés 2025\", \"  Climate   Change \", \"東京\"]\n"),
        ])
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/tags/economie-marches-2025/index.html") == "Économie &amp; Marchés 2025|1/1|a,")
        #expect(site.exists("Public/tags/climate-change/index.html"))
        #expect(site.exists("Public/tags/東京/index.html"))
        #expect(site.read("Public/tags/index.html")?.contains("=1@/tags/economie-marches-2025/;") == true)
    }

    @Test func termsThatSlugifyAlikeAreMergedUnderTheNewestSpelling() throws {
        let site = try F.site([
            "Content/articles/2025-01-01-old.md": F.article("Old", date: "2025-01-01", "tags: [New York]\n"),
            "Content/articles/2025-02-01-mid.md": F.article("Mid", date: "2025-02-01", "tags: [NEW YORK, new-york]\n"),
            "Content/articles/2025-03-01-new.md": F.article("New", date: "2025-03-01", "tags: [new york]\n"),
            "Templates/article.html": "{% for t in page.tags %}{{ t.name }}@{{ t.url }};{% endfor %}",
        ])
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/tags/index.html") == "Tags|new york=3@/tags/new-york/;")
        #expect(site.read("Public/tags/new-york/index.html") == "new york|1/2|new,mid,")
        #expect(site.read("Public/tags/new-york/page/2/index.html") == "new york|2/2|old,")
        // An article naming two spellings is filed once, and sees one term.
        #expect(site.read("Public/2025/02/mid/index.html") == "new york@/tags/new-york/;")
        #expect(site.read("Public/2025/01/old/index.html") == "new york@/tags/new-york/;")
    }

    @Test func authorPagesCarryTheAuthorFile() throws {
        let site = try Self.newsSite([
            "Content/authors/ada-park.md": "---\nname: Ada Park\nrole: Transit reporter\nphoto: /images/ada.svg\nemail: ada@example.org\nuri: https://ada.example.org/\n---\nAda covers *city hall*.\n",
            "Templates/term.html": "{{ term.name }}|{{ term.role | default('-') }}|{{ term.photo | default('-') }}|{{ term.email | default('-') }}|{{ term.uri | default('-') }}|{{ term.bio | default('-') | trim }}",
        ])
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/authors/ada-park/index.html") == "Ada Park|Transit reporter|/images/ada.svg|ada@example.org|https://ada.example.org/|<p>Ada covers <em>city hall</em>.</p>")
        #expect(site.read("Public/authors/tom-reed/index.html") == "Tom Reed|-|-|-|-|-")
    }

    @Test func authorFilePhotoHonoursTheSubpath() throws {
        let site = try Self.newsSite([
            "site.yml": "title: T\nurl: https://user.github.io/news/\n",
            "Content/authors/ada-park.md": "---\nrole: Reporter\nphoto: images/ada.svg\n---\nBio.\n",
            "Templates/term.html": "{{ term.name }}|{{ term.photo | default('-') }}|{{ term.url }}",
        ])
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/authors/ada-park/index.html") == "Ada Park|/news/images/ada.svg|/news/authors/ada-park/")
    }

    @Test func termsOfAnArticleKeepFrontMatterOrder() throws {
        let site = try F.site([
            "Content/articles/a.md": F.article("A", date: "2025-01-01", "tags: [Zeta, Alpha, Mid]\n"),
            "Templates/article.html": "{% for t in page.tags %}{{ t.name }},{% endfor %}",
        ])
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/2025/01/a/index.html") == "Zeta,Alpha,Mid,")
        #expect(site.read("Public/tags/index.html") == "Tags|Alpha=1@/tags/alpha/;Mid=1@/tags/mid/;Zeta=1@/tags/zeta/;")
    }
}
