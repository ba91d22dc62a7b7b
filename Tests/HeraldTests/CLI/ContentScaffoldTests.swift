import Foundation
import Testing
@testable import Herald

@Suite("herald new")
struct ContentScaffoldTests {
    static let config = """
        title: Test News
        url: https://news.example.org/
        timezone: America/New_York
        author: { name: Night Desk, email: night@example.org }

        """
    /// 2025-07-04 13:14:00 UTC: 09:14 in New York (EDT, -04:00).
    static let now = Date(timeIntervalSince1970: 1_751_634_840)

    @Test("writes a dated draft article with front matter in the site's time zone")
    func article() throws {
        let site = try TemporarySite(files: ["site.yml": Self.config])
        defer { site.remove() }
        let url = try ContentScaffold.create(title: "Council: votes on the \"budget\"", kind: .article, root: site.root, now: Self.now)
        #expect(url.path.hasSuffix("/Content/articles/2025-07-04-council-votes-on-the-budget.md"))
        let text = try #require(site.read("Content/articles/2025-07-04-council-votes-on-the-budget.md"))
        #expect(text == """
            ---
            title: "Council: votes on the \\"budget\\""
            date: 2025-07-04T09:14:00-04:00
            author: "Night Desk"
            tags: []
            categories: []
            draft: true
            ---


            """)
    }

    @Test("the new article is read back by the build as a draft")
    func articleParses() throws {
        let site = try TemporarySite(files: ["site.yml": Self.config])
        defer { site.remove() }
        try PlaceholderTheme.write(into: site)
        _ = try ContentScaffold.create(title: "Flood warning lifted", kind: .article, root: site.root, now: Self.now)
        #expect(try site.build().articles == 0, "drafts are skipped")
        #expect(try site.build(configure: { $0.includeDrafts = true }).articles == 1)
    }

    @Test("writes a page into Content/pages/")
    func page() throws {
        let site = try TemporarySite(files: ["site.yml": Self.config])
        defer { site.remove() }
        let url = try ContentScaffold.create(title: "Corrections Policy", kind: .page, root: site.root, now: Self.now)
        #expect(url.path.hasSuffix("/Content/pages/corrections-policy.md"))
        #expect(site.read("Content/pages/corrections-policy.md") == "---\ntitle: \"Corrections Policy\"\ndraft: true\n---\n\n")
    }

    @Test("refuses to overwrite an existing file")
    func refusesOverwrite() throws {
        let site = try TemporarySite(files: ["site.yml": Self.config, "Content/pages/about.md": "---\ntitle: Mine\n---\n"])
        defer { site.remove() }
        #expect(throws: DiagnosticError.self) { try ContentScaffold.create(title: "About", kind: .page, root: site.root, now: Self.now) }
        #expect(site.read("Content/pages/about.md") == "---\ntitle: Mine\n---\n")
    }

    @Test("needs a site and a title with letters")
    func errors() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        #expect(throws: DiagnosticError.self) { try ContentScaffold.create(title: "Hello", kind: .article, root: site.root, now: Self.now) }
        try site.write(Self.config, to: "site.yml")
        #expect(throws: DiagnosticError.self) { try ContentScaffold.create(title: "!!!", kind: .article, root: site.root, now: Self.now) }
    }

    @Test("formats offsets east and west of UTC, and UTC itself")
    func timestamps() {
        #expect(ContentScaffold.timestamp(Self.now, in: TimeZone(identifier: "UTC")!) == "2025-07-04T13:14:00+00:00")
        #expect(ContentScaffold.timestamp(Self.now, in: TimeZone(identifier: "Asia/Kolkata")!) == "2025-07-04T18:44:00+05:30")
        #expect(ContentScaffold.timestamp(Self.now, in: TimeZone(identifier: "America/New_York")!) == "2025-07-04T09:14:00-04:00")
    }

    @Test("honours SOURCE_DATE_EPOCH through BuildOptions.defaultNow")
    func sourceDateEpoch() {
        #expect(BuildOptions.defaultNow(environment: ["SOURCE_DATE_EPOCH": "1751634840"]) == Self.now)
    }
}
