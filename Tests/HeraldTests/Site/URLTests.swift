import Foundation
import Testing
@testable import Herald

/// Permalinks, slugs, output path clashes and links between content files.
@Suite struct URLTests {
    typealias F = SiteFixtures

    static func yaml(article: String, page: String = "/:slug/", timezone: String = "America/New_York") -> String {
        "title: T\nurl: https://news.example.org/\ntimezone: \(timezone)\npermalinks:\n  article: \(article)\n  page: \(page)\n"
    }

    @Test func permalinkTokensExpand() throws {
        let site = try F.site([
            "Content/articles/2025-07-04-river-rises.md": F.article("River", date: "2025-07-04 09:14", "categories: [Local News, Weather]\n"),
        ], yaml: Self.yaml(article: "/:section/:year/:month/:day/:slug/:filename/"))
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/local-news/2025/07/04/river-rises/2025-07-04-river-rises/index.html")?.hasPrefix("River|/local-news/2025/07/04/river-rises/2025-07-04-river-rises/|") == true)
    }

    @Test func sectionIsDroppedWhenAnArticleHasNoCategory() throws {
        let site = try F.site([
            "Content/articles/a.md": F.article("A", date: "2025-07-04"),
        ], yaml: Self.yaml(article: "/:section/:slug/"))
        defer { site.remove() }
        _ = try site.build()
        #expect(site.exists("Public/a/index.html"))
    }

    @Test func tokensInsideASegmentExpand() throws {
        let site = try F.site([
            "Content/articles/a.md": F.article("A", date: "2025-07-04"),
            "Content/articles/b.md": F.article("B", date: "2025-08-05"),
        ], yaml: Self.yaml(article: "/news/:year-:month-:day-:slug/"))
        defer { site.remove() }
        _ = try site.build()
        #expect(site.exists("Public/news/2025-07-04-a/index.html"))
        #expect(site.exists("Public/news/2025-08-05-b/index.html"))
    }

    @Test func permalinkDatesAreThoseOfTheSiteTimeZone() throws {
        // 03:30 UTC on January 1 is still December 31 in New York, but already January 1 in Tokyo.
        let files = ["Content/articles/eve.md": F.article("Eve", date: "2025-01-01T03:30:00Z")]
        let newYork = try F.site(files, yaml: Self.yaml(article: "/:year/:month/:day/:slug/"))
        defer { newYork.remove() }
        _ = try newYork.build()
        #expect(newYork.exists("Public/2024/12/31/eve/index.html"))
        let tokyo = try F.site(files, yaml: Self.yaml(article: "/:year/:month/:day/:slug/", timezone: "Asia/Tokyo"))
        defer { tokyo.remove() }
        _ = try tokyo.build()
        #expect(tokyo.exists("Public/2025/01/01/eve/index.html"))
        // A date without an offset is read in the site's zone and stays on its day.
        let local = try F.site(["Content/articles/late.md": F.article("Late", date: "2025-01-31 23:59")], yaml: Self.yaml(article: "/:year/:month/:day/:slug/"))
        defer { local.remove() }
        _ = try local.build()
        #expect(local.exists("Public/2025/01/31/late/index.html"))
    }

    @Test func pagePermalinks() throws {
        let site = try F.site([
            "Content/pages/about-us.md": "---\ntitle: About\n---\nUs.\n",
            "Content/pages/team/01-contact.md": "---\ntitle: Contact\nslug: reach-us\n---\nMail.\n",
        ], yaml: Self.yaml(article: "/:year/:slug/", page: "/info/:slug/"))
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/info/about-us/index.html")?.hasPrefix("About|/info/about-us/|") == true)
        #expect(site.exists("Public/info/reach-us/index.html"))
        let byFile = try F.site(["Content/pages/01-contact.md": "---\ntitle: Contact\nslug: reach-us\n---\n"], yaml: Self.yaml(article: "/:year/:slug/", page: "/:filename/"))
        defer { byFile.remove() }
        _ = try byFile.build()
        #expect(byFile.exists("Public/01-contact/index.html"))
    }

    @Test(arguments: [
        ("2025-07-04-river-rises.md", "", "river-rises"),
        ("20250704-river.md", "", "river"),
        ("042-Budget Vote.md", "", "budget-vote"),
        ("2025-07-04.md", "slug: fourth\n", "fourth"),
        ("Économie Locale.md", "", "economie-locale"),
        ("plain.md", "slug: Chosen-Slug\n", "Chosen-Slug"),
        ("2025-07-04-river.md", "slug: other\n", "other"),
    ])
    func slugRules(file: String, frontMatter: String, slug: String) throws {
        let site = try F.site([
            "Content/articles/\(file)": F.article("X", date: "2025-07-04", frontMatter),
            "Templates/article.html": "{{ page.slug }}",
        ], yaml: Self.yaml(article: "/:slug/"))
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/\(slug)/index.html") == slug)
    }

    @Test func aDuplicateOutputPathNamesBothSources() throws {
        let site = try F.site([
            "Content/articles/2025-07-04-river.md": F.article("A", date: "2025-07-04"),
            "Content/articles/nested/river.md": F.article("B", date: "2025-07-20"),
            "Content/pages/tags.md": "---\ntitle: Tags\n---\n",
        ])
        defer { site.remove() }
        let messages = site.buildErrors().map(\.message).sorted()
        #expect(messages == [
            "'Content/articles/2025-07-04-river.md' and 'Content/articles/nested/river.md' both map to /2025/07/river/index.html; give one of them another slug or path",
            "'Content/pages/tags.md' and 'the tags index' both map to /tags/index.html; give one of them another slug or path",
        ])
    }

    @Test(arguments: ["..", "../../etc", "/abs", "a/b", "x/../..", ""])
    func aSlugThatLeavesTheOutputIsAnError(slug: String) throws {
        let site = try F.site(["Content/articles/a.md": "---\ntitle: A\ndate: 2025-01-01\nslug: \"\(slug)\"\n---\n"])
        defer { site.remove() }
        let errors = site.buildErrors()
        #expect(errors.count == 1)
        #expect(errors.first?.location == "Content/articles/a.md:4:7")
        #expect(errors.first?.message.hasPrefix("slug '\(slug)'") == true)
        #expect(!site.exists("Public"))
    }

    @Test(arguments: ["/../:slug/", "/:year/../../:slug/", "relative/:slug/", "/:year/", "/:nope/:slug/", "/x-:nope/:slug/", "/./:slug/"])
    func aPermalinkThatLeavesTheOutputOrIsAmbiguousIsAnError(pattern: String) throws {
        let site = try F.site(["Content/articles/a.md": F.article("A", date: "2025-01-01")], yaml: Self.yaml(article: "\"\(pattern)\""))
        defer { site.remove() }
        let errors = site.buildErrors()
        #expect(errors.count == 1)
        #expect(errors.first?.path == "site.yml")
        #expect(errors.first?.message.hasPrefix("permalinks.article") == true)
        #expect(!site.exists("Public"))
    }

    @Test func linksToContentFilesResolveToTheirURLs() throws {
        let site = try F.site([
            "Content/articles/2025/07/2025-07-04-river.md": F.article("River", date: "2025-07-04", body: """
                See [the team](../../../pages/about.md#team), [budget](budget.md), [query](budget.md?x=1#y),
                [root-style](/Content/pages/about.md) and [a site](https://example.org/x.md).
                """),
            "Content/articles/2025/07/budget.md": F.article("Budget", date: "2025-07-01"),
            "Content/pages/about.md": "---\ntitle: About\n---\nRead [the river](../articles/2025/07/2025-07-04-river.md).\n",
            "Templates/article.html": "{{ page.content }}",
        ], yaml: "title: T\nurl: https://user.github.io/news/\n")
        defer { site.remove() }
        _ = try site.build()
        let river = try #require(site.read("Public/2025/07/river/index.html"))
        #expect(river.contains(#"<a href="/news/about/#team">the team</a>"#))
        #expect(river.contains(#"<a href="/news/2025/07/budget/">budget</a>"#))
        #expect(river.contains(#"<a href="/news/2025/07/budget/?x=1#y">query</a>"#))
        #expect(river.contains(#"<a href="/news/about/">root-style</a>"#))
        #expect(river.contains(#"<a href="https://example.org/x.md">a site</a>"#))
        #expect(site.read("Public/about/index.html")?.contains(#"<a href="/news/2025/07/river/">the river</a>"#) == true)
    }

    @Test func aLinkToAMissingContentFileIsAnErrorWithFileAndLine() throws {
        let site = try F.site([
            "Content/articles/nested/a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nFirst line.\n\nSee [gone](../missing.md#x) here.\n",
        ])
        defer { site.remove() }
        let errors = site.buildErrors()
        #expect(errors.count == 1)
        #expect(errors.first?.path == "Content/articles/nested/a.md")
        #expect(errors.first?.line == 7)
        #expect(errors.first?.message.contains("'../missing.md'") == true)
        #expect(errors.first?.message.contains("Content/articles/missing.md") == true)
    }

    @Test func aLinkToADraftIsAnErrorUnlessDraftsAreBuilt() throws {
        let site = try F.site([
            "Content/articles/a.md": F.article("A", date: "2025-01-01", body: "See [draft](b.md)."),
            "Content/articles/b.md": F.article("B", date: "2025-01-02", "draft: true\n"),
        ])
        defer { site.remove() }
        #expect(site.buildErrors().first?.message.contains("not a published article or page") == true)
        _ = try site.build { $0.includeDrafts = true }
        #expect(site.exists("Public/2025/01/b/index.html"))
    }
}

extension URLTests {
    @Test func rootRelativeMarkdownLinksAreSitePathsUnderTheSubpath() throws {
        let site = try F.site([
            "Content/articles/a.md": F.article("A", date: "2025-01-01", body: "[about](/about/#x) ![map](/images/map.svg) [ext](//cdn.example.org/x) [frag](#top) [rel](other/)"),
            "Templates/article.html": "{{ page.content }}",
        ], yaml: "title: T\nurl: https://user.github.io/news/\n")
        defer { site.remove() }
        _ = try site.build()
        let html = try #require(site.read("Public/2025/01/a/index.html"))
        #expect(html.contains(#"<a href="/news/about/#x">about</a>"#))
        #expect(html.contains(#"<img src="/news/images/map.svg" alt="map" />"#))
        #expect(html.contains(#"<a href="//cdn.example.org/x">ext</a>"#))
        #expect(html.contains(##"<a href="#top">frag</a>"##))
        #expect(html.contains(#"<a href="other/">rel</a>"#))
    }
}

extension URLTests {
    @Test func linksInAFrontMatterSummaryResolveToo() throws {
        let site = try F.site([
            "Content/articles/a.md": F.article("A", date: "2025-01-01", "summary: Follows [the vote](b.md) and [a map](/maps/x.svg).\n"),
            "Content/articles/b.md": F.article("B", date: "2025-01-02"),
            "Templates/article.html": "{{ page.summary }}",
        ], yaml: "title: T\nurl: https://user.github.io/news/\n")
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/2025/01/a/index.html") == "<p>Follows <a href=\"/news/2025/01/b/\">the vote</a> and <a href=\"/news/maps/x.svg\">a map</a>.</p>\n")
        try site.write(F.article("A", date: "2025-01-01", "summary: See [gone](gone.md).\n"), to: "Content/articles/a.md")
        let errors = site.buildErrors()
        #expect(errors.count == 1)
        #expect(errors.first?.path == "Content/articles/a.md")
        #expect(errors.first?.message.hasPrefix("in 'summary': link to 'gone.md'") == true)
    }

    @Test func linksToMarkdownFilesInStaticAndEncodedNamesResolve() throws {
        let site = try F.site([
            "Content/articles/a.md": F.article("A", date: "2025-01-01", body: "[notes](../static/files/notes.md) [spaced](<my story.md>) [encoded](my%20story.md#x)"),
            "Content/articles/my story.md": F.article("Spaced", date: "2025-01-02", "slug: spaced\n"),
            "Content/static/files/notes.md": "# Notes\n",
            "Templates/article.html": "{{ page.content }}",
        ])
        defer { site.remove() }
        _ = try site.build()
        let html = try #require(site.read("Public/2025/01/a/index.html"))
        #expect(html.contains(#"<a href="/files/notes.md">notes</a>"#))
        #expect(html.contains(#"<a href="/2025/01/spaced/">spaced</a>"#))
        #expect(html.contains(#"<a href="/2025/01/spaced/#x">encoded</a>"#))
        #expect(site.read("Public/files/notes.md") == "# Notes\n")
    }
}

extension URLTests {
    @Test func pathsThatDifferOnlyInCaseClash() throws {
        let site = try F.site([
            "Content/articles/river.md": F.article("A", date: "2025-07-04"),
            "Content/articles/other.md": F.article("B", date: "2025-07-05", "slug: River\n"),
        ])
        defer { site.remove() }
        let errors = site.buildErrors()
        #expect(errors.map(\.message) == [
            "'Content/articles/other.md' and 'Content/articles/river.md' both map to /2025/07/River/index.html and /2025/07/river/index.html, one file on case-insensitive disks and hosts; give one of them another slug or path",
        ])
    }
}
