import Foundation
import Testing
@testable import Herald

/// `pagination.path`: where page N of the home page, term pages and lists is.
@Suite struct PaginationPathTests {
    typealias F = SiteFixtures

    func pattern(_ yaml: String) throws -> String {
        try SiteConfigLoader.parse("title: T\nurl: https://a.org/\n" + yaml).pagination.path
    }

    func errors(_ yaml: String) -> [String] { F.configErrors(yaml) }

    @Test func patternsAreReadLeniently() throws {
        #expect(try pattern("") == "page/:n/")
        #expect(try pattern("pagination: { path: \"seite/:n/\" }\n") == "seite/:n/")
        #expect(try pattern("pagination: { path: seite }\n") == "seite/:n/")
        #expect(try pattern("pagination: { path: \"/p-:n\" }\n") == "p-:n/")
        #expect(try pattern("pagination: { path: \":n/\" }\n") == ":n/")
    }

    @Test func badPatternsAreLocatedErrors() {
        #expect(errors("pagination: { path: \"page/:n/:n/\" }\n") == [
            "site.yml:3:21: error: pagination.path 'page/:n/:n/': the path must hold the page number ':n' once, and no other token, as in 'page/:n/'",
        ])
        #expect(errors("pagination: { path: \"page/:slug/\" }\n").count == 1)
        #expect(errors("pagination: { path: \"../:n/\" }\n") == ["site.yml:3:21: error: pagination.path '../:n/': '..' would leave the output folder"])
        #expect(errors("pagination: { pth: x }\n") == ["site.yml:3:15: error: unknown key 'pth' in 'pagination'; did you mean 'path'? valid keys: path"])
    }

    static func site() throws -> TemporarySite {
        try F.site([
            "Content/articles/2025-01-01-a.md": F.article("A", date: "2025-01-01", "tags: [Economy]\n"),
            "Content/articles/2025-02-01-b.md": F.article("B", date: "2025-02-01", "tags: [Economy]\n"),
            "Content/articles/2025-03-01-c.md": F.article("C", date: "2025-03-01", "tags: [Economy]\n"),
            "Templates/term.html": "{{ paginator.number }}|{{ paginator.prev_url | default('-') }}|{{ paginator.next_url | default('-') }}|{{ paginator.last_url }}|{% for a in paginator.items %}{{ a.title }} {{ a.summary }}{% endfor %}",
        ], yaml: F.siteYAML + "pagination: { path: \"seite-:n/\" }\n")
    }

    @Test func everyListingPaginatesThere() throws {
        let site = try Self.site()
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/seite-2/index.html") == "2/2|a,|prev=/|next=")
        #expect(!site.exists("Public/page"))
        #expect(site.read("Public/index.html") == "1/2|c,b,|prev=|next=/seite-2/")
        #expect(site.read("Public/tags/economy/index.html")?.hasPrefix("1|-|/tags/economy/seite-2/|/tags/economy/seite-2/|") == true)
        #expect(site.read("Public/tags/economy/seite-2/index.html")?.hasPrefix("2|/tags/economy/|-|/tags/economy/seite-2/|A") == true)
        #expect(site.read("Public/sitemap.xml")?.contains("<loc>https://news.example.org/tags/economy/seite-2/</loc>") == true)
    }

    @Test func anIncrementalBuildEqualsACleanBuild() throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        try site.write(F.article("A", date: "2025-01-01", "tags: [Economy]\n", body: "A changed lead."), to: "Content/articles/2025-01-01-a.md")
        try site.age()
        #expect(try site.build().filesReused > 0)
        #expect(site.read("Public/tags/economy/seite-2/index.html")?.contains("A changed lead.") == true)
        #expect(try site.tree() == site.cleanBuildTree())
    }
}
