import Foundation
import Testing
@testable import Herald

@Suite struct ContentDecoderTests {
    let decoder = ContentDecoder(config: {
        var config = SiteConfig(title: "T", url: SiteURL("https://news.example.org/")!)
        config.timeZone = TimeZone(identifier: "America/New_York")!
        return config
    }())

    func decode(_ text: String, kind: ContentItem.Kind = .article, path: String = "Content/articles/2025-07-04-river-rises.md") -> (ContentDraft?, [String]) {
        let (draft, diagnostics) = decoder.decode(text, kind: kind, sourcePath: path)
        return (draft, diagnostics.map(\.description))
    }

    @Test func readsEveryFrontMatterKey() throws {
        let (draft, messages) = decode("""
            ---
            title: The river rises
            date: 2025-07-04 09:14
            updated: 2025-07-05T10:00:00-04:00
            authors: [Ada Park, Luis Ortega]
            tags: flood
            categories: [Weather]
            summary: Water *everywhere*.
            image: /images/river.svg
            image_alt: A flooded street
            image_caption: Main Street at noon
            image_credit: Staff photo
            slug: river
            draft: true
            expires: 2030-01-01
            layout: feature
            canonical: https://wire.example.com/river
            mood: grim
            ---
            Body.
            """)
        #expect(messages.isEmpty)
        let draftValue = try #require(draft)
        let item = draftValue.item
        #expect(item.title == "The river rises")
        #expect(item.date == Date(timeIntervalSince1970: 1_751_634_840))
        #expect(item.updated == Date(timeIntervalSince1970: 1_751_724_000))
        #expect(item.authors.map(\.name) == ["Ada Park", "Luis Ortega"])
        #expect(item.tags == ["flood"])
        #expect(item.categories == ["Weather"])
        #expect(draftValue.summaryMarkdown == "Water *everywhere*.")
        #expect(item.image == LeadImage(src: "/images/river.svg", alt: "A flooded street", caption: "Main Street at noon", credit: "Staff photo"))
        #expect(item.slug == "river")
        #expect(item.draft)
        #expect(item.expires != nil)
        #expect(item.layout == "feature")
        #expect(item.canonical == "https://wire.example.com/river")
        if case .string(let mood) = item.params["mood"] { #expect(mood == "grim") } else { Issue.record("mood missing") }
        #expect(draftValue.body == "Body.")
        #expect(draftValue.bodyLineOffset == 19)
    }

    @Test(arguments: [
        ("Content/articles/2025-07-04-river-rises.md", "river-rises"),
        ("Content/articles/042-budget-vote.md", "budget-vote"),
        ("Content/articles/deep/Élection Night.md", "election-night"),
        ("Content/articles/2025.md", "2025"),
        ("Content/articles/2025-07-04.md", "2025-07-04"),
        ("Content/articles/7-.md", "7"),
        ("Content/articles/12-3rd-street.md", "12-3rd-street"),
        ("Content/articles/12-école.md", "ecole"),
        ("Content/articles/12-٣-rue.md", "12-٣-rue"),
        ("plain.md", "plain"),
    ])
    func slugComesFromTheFileName(path: String, slug: String) {
        #expect(ContentDecoder.defaultSlug(for: path) == slug)
    }

    @Test func missingFrontMatter() {
        #expect(decode("# Just markdown\n").1 == ["Content/articles/2025-07-04-river-rises.md:1:1: error: missing front matter: the file must start with a line '---', then YAML such as 'title: …', then another '---' (or TOML between '+++' lines, or a JSON object)"])
    }

    @Test func unclosedFrontMatter() {
        #expect(decode("---\ntitle: x\ndate: 2025-01-01\n").1 == ["Content/articles/2025-07-04-river-rises.md:1:1: error: front matter opened by '---' on line 1 is never closed; add a line '---' after the last key"])
    }

    @Test func emptyFile() {
        #expect(decode("  \n").1.first?.contains("the file is empty") == true)
    }

    @Test func invalidYAMLPointsIntoTheFile() {
        let messages = decode("---\ntitle: x\ndate: [2025\n---\n").1
        #expect(messages.count == 1)
        #expect(messages[0].hasPrefix("Content/articles/2025-07-04-river-rises.md:4:1: error: invalid YAML"))
    }

    @Test func wrongTypesNameLineAndKey() {
        let messages = decode("---\ntitle: [a, b]\ndate: last tuesday\ntags: { a: 1 }\ndraft: maybe\n---\n").1
        #expect(messages == [
            "Content/articles/2025-07-04-river-rises.md:2:8: error: 'title' must be a string, not a list",
            "Content/articles/2025-07-04-river-rises.md:3:7: error: 'date' is not a date: 'last tuesday'; write 2025-07-04, 2025-07-04 09:14 or 2025-07-04T09:14:00-04:00",
            "Content/articles/2025-07-04-river-rises.md:4:7: error: 'tags' must be a string or a list of strings",
            "Content/articles/2025-07-04-river-rises.md:5:8: error: 'draft' must be true or false",
        ])
    }

    @Test func articlesNeedTitleAndDatePagesOnlyTitle() {
        let article = decode("---\nsummary: x\n---\n").1
        #expect(article.count == 2)
        #expect(article[0].contains("missing 'title'"))
        #expect(article[1].contains("missing 'date'"))
        let page = decode("---\ntitle: About\n---\n", kind: .page, path: "Content/pages/about.md")
        #expect(page.1.isEmpty)
        #expect(page.0?.item.slug == "about")
    }

    @Test(arguments: ["../../etc", "a/b", "..", "with space"])
    func slugThatWouldLeaveTheOutputIsRefused(slug: String) {
        let messages = decode("---\ntitle: x\ndate: 2025-01-01\nslug: \"\(slug)\"\n---\n").1
        #expect(messages.count == 1)
        #expect(messages[0].hasPrefix("Content/articles/2025-07-04-river-rises.md:4:7: error: slug"))
    }

    @Test func imageWithoutAltIsAWarning() {
        let (draft, messages) = decode("---\ntitle: x\ndate: 2025-01-01\nimage: /a.svg\n---\n")
        #expect(draft != nil)
        #expect(messages == ["Content/articles/2025-07-04-river-rises.md:2:1: warning: 'image' has no 'image_alt': describe the picture for readers who cannot see it"])
    }
}
