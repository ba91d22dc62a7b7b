import Foundation
import Testing
@testable import Herald

/// The home page, the archive, and an article's neighbours and related articles.
@Suite struct ListTests {
    typealias F = SiteFixtures

    static func fiveArticles(_ extra: [String: String] = [:], yaml: String = F.siteYAML) throws -> TemporarySite {
        var files = [
            "Content/articles/2024-12-30-a.md": F.article("A", date: "2024-12-30 10:00"),
            "Content/articles/2025-01-15-b.md": F.article("B", date: "2025-01-15 10:00"),
            "Content/articles/2025-01-20-c.md": F.article("C", date: "2025-01-20 10:00"),
            "Content/articles/2025-03-02-d.md": F.article("D", date: "2025-03-02 10:00"),
            "Content/articles/2025-03-09-e.md": F.article("E", date: "2025-03-09 10:00"),
        ]
        files.merge(extra) { _, new in new }
        return try F.site(files, yaml: yaml)
    }

    @Test func homeIsPaginatedByPaginate() throws {
        let site = try Self.fiveArticles()
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/index.html") == "1/3|e,d,|prev=|next=/page/2/")
        #expect(site.read("Public/page/2/index.html") == "2/3|c,b,|prev=/|next=/page/3/")
        #expect(site.read("Public/page/3/index.html") == "3/3|a,|prev=/page/2/|next=")
        #expect(!site.exists("Public/page/4/index.html"))
        #expect(!site.exists("Public/page/1/index.html"))
    }

    @Test func paginateAboveTheArticleCountGivesOneHomePage() throws {
        let site = try Self.fiveArticles(yaml: "title: T\nurl: https://news.example.org/\npaginate: 10\n")
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/index.html") == "1/1|e,d,c,b,a,|prev=|next=")
        #expect(!site.exists("Public/page/2/index.html"))
    }

    @Test func aSiteWithoutArticlesStillHasAHomePage() throws {
        let site = try F.site(["Content/pages/about.md": "---\ntitle: About\n---\nUs.\n"])
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/index.html") == "1/1||prev=|next=")
    }

    @Test func archiveGroupsByYearThenMonthNewestFirst() throws {
        let site = try Self.fiveArticles()
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/archive/index.html") == "2025(4):March(2)[e,d,]January(2)[c,b,];2024(1):December(1)[a,];")
    }

    @Test func archiveMonthsAreThoseOfTheSiteTimeZone() throws {
        // 2025-03-01T02:00Z is still February 28 in New York.
        let site = try F.site([
            "Content/articles/a.md": F.article("A", date: "2025-03-01T02:00:00Z"),
            "Content/articles/b.md": F.article("B", date: "2025-03-01T12:00:00Z"),
        ])
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/archive/index.html") == "2025(2):March(1)[b,]February(1)[a,];")
        #expect(site.exists("Public/2025/02/a/index.html"))
    }

    @Test func prevIsOlderAndNextIsNewer() throws {
        let site = try Self.fiveArticles()
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/2025/03/e/index.html")?.contains("|prev=d|next=|") == true)
        #expect(site.read("Public/2025/01/c/index.html")?.contains("|prev=b|next=d|") == true)
        #expect(site.read("Public/2024/12/a/index.html")?.contains("|prev=|next=b|") == true)
    }

    @Test func articlesOfTheSameInstantAreOrderedBySourcePath() throws {
        let site = try F.site([
            "Content/articles/x.md": F.article("X", date: "2025-01-01 10:00"),
            "Content/articles/y.md": F.article("Y", date: "2025-01-01 10:00"),
        ], yaml: "title: T\nurl: https://news.example.org/\n")
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/index.html") == "1/1|x,y,|prev=|next=")
        #expect(site.read("Public/2025/01/x/index.html")?.contains("|prev=y|next=|") == true)
    }

    @Test func relatedPrefersMostSharedTagsThenNewestAndStopsAtFour() throws {
        let site = try F.site([
            "Content/articles/main.md": F.article("Main", date: "2025-06-01", "tags: [a, b, c]\n"),
            "Content/articles/two-old.md": F.article("Two old", date: "2025-01-01", "tags: [a, b]\n"),
            "Content/articles/three.md": F.article("Three", date: "2024-01-01", "tags: [a, b, c]\n"),
            "Content/articles/one-new.md": F.article("One new", date: "2025-05-01", "tags: [c]\n"),
            "Content/articles/one-mid.md": F.article("One mid", date: "2025-04-01", "tags: [A]\n"),
            "Content/articles/one-old.md": F.article("One old", date: "2025-03-01", "tags: [b]\n"),
            "Content/articles/none.md": F.article("None", date: "2025-05-30", "tags: [z]\n"),
            "Content/articles/newer.md": F.article("Newer", date: "2025-07-01", "tags: [a]\n"),
        ])
        defer { site.remove() }
        _ = try site.build()
        let page = try #require(site.read("Public/2025/06/main/index.html"))
        #expect(page.contains("|related=three,two-old,newer,one-new,|"))
        // Without shared tags there is nothing related.
        #expect(site.read("Public/2025/05/none/index.html")?.contains("|related=|") == true)
    }
}
