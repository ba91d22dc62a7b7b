import Foundation
import Testing
@testable import Herald

/// A heading whose GitHub slug (or `{#id}`) is one of the body's footnote ids
/// gets the next free suffix instead, so that ids stay unique on every page
/// and in every feed document, and the notes' links still reach the notes.
/// Checked on a real build, with the HTML parsed by libxml2's `xmllint`.
@Suite struct HeadingFootnoteIDTests {
    /// Headings spelling the footnote ids of their own body
    /// (`Content/articles/NAME.md` → `fn-articles-NAME-…`).
    static func article(_ name: String, day: Int) -> String {
        """
        ---
        title: Story \(name)
        date: 2025-07-0\(day) 09:00
        ---
        Turnout rose[^1] and fell[^src], then rose again[^1].

        ## fn-articles-\(name)-1

        ## fnref articles \(name) 1

        ## fnref-articles-\(name)-1-2

        ## Sources {#fn-articles-\(name)-src}

        [^1]: County clerk.
        [^src]: Returning officer.

        """
    }

    static func site() throws -> TemporarySite {
        try TemporarySite(files: [
            "site.yml": "title: T\nurl: https://news.example.org/\nfeeds:\n  content: full\n",
            "Templates/article.html": "<!DOCTYPE html><html><head><title>{{ page.title }}</title></head><body><h1>{{ page.title }}</h1>{{ page.content }}</body></html>",
            "Templates/page.html": "<!DOCTYPE html><html><head><title>{{ page.title }}</title></head><body>{{ page.content }}</body></html>",
            // Several bodies on one page.
            "Templates/index.html": "<!DOCTYPE html><html><head><title>Home</title></head><body>{% for a in paginator.items %}<article>{{ a.content }}</article>{% endfor %}</body></html>",
            "Content/articles/turnout.md": article("turnout", day: 4),
            "Content/articles/budget.md": article("budget", day: 5),
        ])
    }

    static let xmllint = FeedFiles.which("xmllint")

    /// Every `id` and every `href="#…"` of an HTML document, as libxml2 parses it.
    static func idsAndFragments(ofHTML html: String) throws -> (ids: [String], fragments: [String]) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("herald-ids-\(UUID().uuidString).html")
        try Data(html.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        func values(_ xpath: String) throws -> [String] {
            return try standardOutput(of: ["--html", "--xpath", xpath, file.path]).split(separator: "\n").compactMap { line in
                guard let open = line.firstIndex(of: "\""), let close = line.lastIndex(of: "\""), open < close else { return nil }
                return String(line[line.index(after: open)..<close])
            }
        }
        return (try values("//@id"), try values("//a/@href[starts-with(., '#')]").map { String($0.dropFirst()) })
    }

    /// What `xmllint` writes to standard output (its parser's complaints
    /// about HTML5 elements go to standard error).
    static func standardOutput(of arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(xmllint))
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func expectUniqueAndResolved(_ html: String, _ what: String) throws {
        let (ids, fragments) = try idsAndFragments(ofHTML: html)
        let counts = Dictionary(ids.map { ($0, 1) }, uniquingKeysWith: +)
        #expect(counts.filter { $0.value > 1 }.isEmpty, "\(what): duplicate ids \(counts.filter { $0.value > 1 }.keys.sorted())")
        #expect(!fragments.isEmpty, "\(what): no footnote links")
        for fragment in fragments {
            #expect(counts[fragment] != nil, "\(what): #\(fragment) names no element")
        }
    }

    @Test(.enabled(if: xmllint != nil, "xmllint is not installed"))
    func idsAreUniqueOnArticlePagesAndOnAPageOfSeveralBodies() throws {
        let site = try Self.site()
        defer { site.remove() }
        let report = try site.build()
        let turnout = try #require(site.read("Public/turnout/index.html") ?? site.read("Public/2025/07/turnout/index.html"))
        try Self.expectUniqueAndResolved(turnout, "article page")
        // The notes keep their ids; the headings step aside.
        #expect(turnout.contains("<li id=\"fn-articles-turnout-1\">"))
        #expect(turnout.contains("id=\"fnref-articles-turnout-1\""))
        #expect(turnout.contains("<h2 id=\"fn-articles-turnout-1-1\">fn-articles-turnout-1</h2>"))
        #expect(turnout.contains("<h2 id=\"fnref-articles-turnout-1-1\">fnref articles turnout 1</h2>"))
        // The second reference's id is taken too, so its spelling moves on.
        #expect(turnout.contains("<h2 id=\"fnref-articles-turnout-1-2-1\">fnref-articles-turnout-1-2</h2>"))
        #expect(turnout.contains("<h2 id=\"fn-articles-turnout-src-1\">Sources</h2>"))
        let home = try #require(site.read("Public/index.html"))
        #expect(home.contains("fn-articles-budget-1") && home.contains("fn-articles-turnout-1"))
        try Self.expectUniqueAndResolved(home, "home page of two bodies")
        // A custom id that was a footnote's is reported at its heading.
        let warning = report.warnings.first { $0.message.contains("fn-articles-turnout-src") }
        #expect(warning?.path == "Content/articles/turnout.md" && warning?.line == 13, "\(report.warnings)")
    }

    @Test(.enabled(if: xmllint != nil, "xmllint is not installed"))
    func idsAreUniqueInAFeedOfSeveralBodies() throws {
        let site = try Self.site()
        defer { site.remove() }
        _ = try site.build()
        let atom = try #require(site.read("Public/feed.xml") ?? site.read("Public/atom.xml"))
        let file = site.root.appendingPathComponent("Public/feed-copy.xml")
        try Data(atom.utf8).write(to: file)
        let contents = try Self.standardOutput(of: ["--xpath", "//*[local-name()='content']/text()", file.path])
        let html = contents.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        #expect(html.contains("fn-articles-budget-1") && html.contains("fn-articles-turnout-1"))
        let (ids, _) = try Self.idsAndFragments(ofHTML: "<!DOCTYPE html><html><body>\(html)</body></html>")
        let counts = Dictionary(ids.map { ($0, 1) }, uniquingKeysWith: +)
        #expect(counts.filter { $0.value > 1 }.isEmpty, "duplicate ids in the feed: \(counts.filter { $0.value > 1 }.keys.sorted())")
    }
}
