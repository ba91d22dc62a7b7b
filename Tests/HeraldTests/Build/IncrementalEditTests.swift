import Foundation
import Testing
@testable import Herald

/// Incremental builds rebuild the site from the content state's records:
/// every edit gives the clean build's output, the edits that change what
/// other pages show (dates, titles, terms, slugs) by rendering everything.
/// (Every edit changes the file's size: `age` gives all files one time.)
@Suite struct IncrementalEditTests {

    func story(_ day: Int, title: String? = nil, date: String? = nil, tags: String? = nil, slug: String? = nil, body: String? = nil) -> String {
        var front = "title: \(title ?? "Story \(day)")\ndate: \(date ?? "2025-03-0\(day)")\ntags: [\(tags ?? "t\(day % 2)")]\n"
        if let slug { front += "slug: \(slug)\n" }
        return "---\n\(front)---\nLead \(day).\n\n\(body ?? "Body \(day).")\n"
    }

    func path(_ day: Int) -> String {
        "Content/articles/2025-03-0\(day)-story-\(day).md"
    }

    /// Builds `site`, applies `edit`, builds again; returns the second report
    /// after checking that the output is the clean build's.
    func rebuild(_ site: TemporarySite, after edit: () throws -> Void) throws -> BuildReport {
        try site.age()
        _ = try site.build()
        try edit()
        try site.age()
        let report = try site.build()
        #expect(try site.tree() == site.cleanBuildTree())
        return report
    }

    @Test func anEditedDateRendersEverything() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        let report = try rebuild(site) { try site.write(story(3, date: "2025-03-09 10:00"), to: path(3)) }
        #expect(report.filesReused == 0)
        #expect(site.read("Public/index.html")?.hasPrefix("<h2>Story 3</h2>") == true)
    }

    @Test func anEditedTagRendersEverything() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        let report = try rebuild(site) { try site.write(story(3, tags: "t1, fresh"), to: path(3)) }
        #expect(report.filesReused == 0)
        #expect(site.read("Public/tags/fresh/index.html")?.contains("Story 3") == true)
    }

    @Test func anEditedSlugRendersEverythingAndRemovesTheOldPage() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        let report = try rebuild(site) { try site.write(story(3, slug: "renamed"), to: path(3)) }
        #expect(report.filesReused == 0)
        #expect(site.exists("Public/2025/03/renamed/index.html"))
        #expect(!site.exists("Public/2025/03/story-3/index.html"))
    }

    @Test func successiveEditsStayIncremental() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        var report = try rebuild(site) { try site.write(story(3, body: "First edit."), to: path(3)) }
        #expect(report.filesReused > 0)
        for (day, body) in [(5, "Second edit."), (3, "Third edit, a longer one than the first.")] {
            try site.write(story(day, body: body), to: path(day))
            try site.age()
            report = try site.build()
            #expect(report.filesReused > 0)
            #expect(site.read("Public/2025/03/story-\(day)/index.html")?.contains(body) == true)
            #expect(try site.tree() == site.cleanBuildTree())
        }
    }

    @Test func aSummaryFromFrontMatterTiesNoListToTheBody() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        let summarized = "---\ntitle: Story 3\ndate: 2025-03-03\ntags: [t1]\nsummary: A standfirst.\n---\nLead 3.\n\n"
        try site.write(summarized + "Body 3.\n", to: path(3))
        try site.age()
        _ = try site.build()
        // The second page of the home page lists story 3 with its summary.
        let state = try ContentState.load(for: site.root.appendingPathComponent("Public"))
        #expect(state.dependencies["page/2/index.html"]?.contains(path(3)) == false)
        #expect(state.dependencies["2025/03/story-3/index.html"]?.contains(path(3)) == true)
        try site.write(summarized + "A longer body for story three.\n", to: path(3))
        try site.age()
        #expect(try site.build().filesReused > 0)
        #expect(site.read("Public/page/2/index.html")?.contains("A standfirst.") == true)
        #expect(try site.tree() == site.cleanBuildTree())
        // Story 4's lead is on that page too: the page is rendered again,
        // with story 3's summary from its record (its body is not read).
        try site.write(story(4, body: "A longer body for story four.").replacingOccurrences(of: "Lead 4.", with: "A new lead for story four."), to: path(4))
        try site.age()
        #expect(try site.build().filesReused > 0)
        #expect(site.read("Public/page/2/index.html")?.contains("A new lead for story four.") == true)
        #expect(try site.tree() == site.cleanBuildTree())
    }

    @Test func anEditedBodyRendersItsTableOfContentsAndTablesAgain() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        // The front page shows each article's headings: a body edit must reach it.
        try site.write("{% for a in paginator.items %}<h2>{{ a.title }}</h2>{% for e in a.toc %}<a href=\"{{ a.url }}#{{ e.id }}\">{{ e.text }}</a>{% endfor %}{% endfor %}", to: "Templates/index.html")
        try site.write("<h1>{{ page.title }}</h1>{% for e in page.toc %}[{{ e.level }} {{ e.id }}]{% endfor %}{{ page.content }}", to: "Templates/article.html")
        let body = "## Results {#results}\n\n| Ward | Votes |\n|:--|--:|\n| North | 12 |\n\n## ~~Old~~ Turnout\n\nText.\n"
        _ = try rebuild(site) { try site.write(story(6, body: body), to: path(6)) }
        #expect(site.read("Public/index.html")?.contains("<a href=\"/2025/03/story-6/#old-turnout\">Old Turnout</a>") == true)
        let page = site.read("Public/2025/03/story-6/index.html") ?? ""
        #expect(page.contains("[2 results][2 old-turnout]"))
        #expect(page.contains("<td style=\"text-align: right\">12</td>"))
        _ = try rebuild(site) { try site.write(story(6, body: "## Only one\n"), to: path(6)) }
        #expect(site.read("Public/index.html")?.contains("#only-one") == true)
    }

    @Test func anEditedBodyRendersItsFootnotesAgain() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        let body = "Turnout rose[^clerk].\n\n[^clerk]: County clerk, 4 March.\n"
        _ = try rebuild(site) { try site.write(story(6, body: body), to: path(6)) }
        let page = site.read("Public/2025/03/story-6/index.html") ?? ""
        #expect(page.contains("<li id=\"fn-articles-2025-03-06-story-6-clerk\">"))
        _ = try rebuild(site) { try site.write(story(6, body: "Turnout rose[^clerk].\n\n[^clerk]: Town clerk.\n"), to: path(6)) }
        #expect(site.read("Public/2025/03/story-6/index.html")?.contains("Town clerk.") == true)
    }

    @Test func anEditedDraftRendersNothingPublished() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        let draft = "Content/articles/2025-03-07-draft.md"
        try site.write("---\ntitle: Draft\ndate: 2025-03-07\ndraft: true\n---\nNot yet.\n", to: draft)
        let report = try rebuild(site) { try site.write("---\ntitle: Draft\ndate: 2025-03-08\ndraft: true\n---\nStill not.\n", to: draft) }
        #expect(report.filesWritten == 0)
        #expect(report.filesReused > 0)
        #expect(!site.exists("Public/2025/03/draft/index.html"))
    }

    @Test func anEditedPageBodyIsRenderedAgain() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        try site.write("<h1>{{ page.title }}</h1>{{ page.content }}", to: "Templates/page.html")
        try site.write("---\ntitle: About\n---\nWho we are.\n", to: "Content/pages/about.md")
        let report = try rebuild(site) { try site.write("---\ntitle: About\n---\nWho we are, at length.\n", to: "Content/pages/about.md") }
        #expect(report.filesReused > 0)
        #expect(site.read("Public/about/index.html")?.contains("at length") == true)
    }

    @Test func aBrokenLinkInAnEditIsReportedAsByACleanBuild() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        try site.write(story(3, body: "See [this](../missing.md)."), to: path(3))
        try site.age()
        let incremental = site.buildErrors()
        #expect(!incremental.isEmpty)
        #expect(incremental == site.buildErrors { $0.output = site.root.appendingPathComponent("Clean") })
    }

    @Test func theWarningsOfUnchangedFilesAreReportedAgain() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        try site.write("---\ntitle: Pictured\ndate: 2025-03-07\nimage: /lead.jpg\n---\nA picture.\n", to: "Content/articles/2025-03-07-pictured.md")
        let report = try rebuild(site) { try site.write(story(3, body: "Edited at length."), to: path(3)) }
        #expect(report.filesReused > 0)
        let clean = try site.build { $0.output = site.root.appendingPathComponent("Clean2") }
        #expect(!report.warnings.isEmpty)
        #expect(report.warnings == clean.warnings)
    }

    @Test(arguments: ["old format", "truncated", "negative count", "a title's letter changed", "checksum changed"])
    func anOldOrDamagedContentStateMeansAFullBuild(damage: String) throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        let state = site.root.appendingPathComponent(".Public.herald-content")
        var bytes = [UInt8](try Data(contentsOf: state))
        // The file without its checksum, and the same with a checksum that
        // matches again: damage the checksum alone would not catch.
        let body = Array(bytes.dropLast(8))
        func sealed(_ body: [UInt8]) -> [UInt8] {
            var writer = BinaryWriter()
            writer.write(Checksum.of(body))
            return body + writer.bytes
        }
        switch damage {
        case "truncated":
            bytes = Array(bytes.prefix(bytes.count / 2))
        case "negative count":
            // The record count, right after the magic line and the six settings digests, as -1.
            let header = ContentState.magic.utf8.count + 1 + 6 * 8
            bytes = sealed(Array(body.prefix(header)) + [1] + Array(body.dropFirst(header + 1)))
        case "a title's letter changed":
            // Story 2 would be shown as "Story 3", had the file been trusted.
            let title = Array("Story 2".utf8)
            let at = try #require(bytes.indices.first { bytes[$0...].starts(with: title) })
            bytes[at + title.count - 1] = UInt8(ascii: "3")
        case "checksum changed":
            bytes[bytes.count - 1] ^= 1
        default:
            // A state of the previous format, whose records Herald no longer reads.
            var writer = BinaryWriter()
            writer.write("herald-content 3")
            bytes = sealed(writer.bytes + Array(body.dropFirst(ContentState.magic.utf8.count + 1)))
        }
        try Data(bytes).write(to: state)
        try site.write(story(3, body: "Changed."), to: path(3))
        try site.age()
        #expect(throws: FullBuildReason.self) { try ContentState.load(for: site.root.appendingPathComponent("Public")) }
        let report = try site.build()
        #expect(report.filesReused == 0)
        #expect(report.path == .full(reason: "the previous build's state could not be read"))
        #expect(try site.tree() == site.cleanBuildTree())
    }

    @Test func anUndamagedContentStateLoads() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        _ = try site.build()
        _ = try ContentState.load(for: site.root.appendingPathComponent("Public"))
    }
}
