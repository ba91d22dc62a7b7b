import Foundation
import Testing
@testable import Herald

/// Footnotes of two articles in one feed document: their ids stay apart,
/// their links are made absolute, and the feed is still well-formed and read.
@Suite struct FeedFootnoteTests {
    static func item(_ stem: String, path: String) -> ContentItem {
        var item = ContentItem(kind: .article, sourcePath: "Content/articles/\(stem).md", title: "On \(stem)", slug: stem)
        item.date = FeedFixtures.date("2025-07-04T13:14:00Z")
        item.path = path
        item.authors = [Person(name: "Ada Park", uri: nil)]
        let markdown = "Turnout rose[^1], the clerk said[^clerk].\n\n[^1]: County figures.\n\n[^clerk]: Interview, 4 July.\n"
        item.contentHTML = MarkdownRenderer(settings: .init()).render(markdown, path: item.sourcePath, lineOffset: 0) { _ in .keep }.html
        item.summaryHTML = "<p>Turnout rose.</p>"
        return item
    }

    static let request = FeedFixtures.siteRequest([item("turnout", path: "/2025/07/turnout/"), item("budget", path: "/2025/07/budget/")])

    @Test func footnoteLinksAreAbsoluteAndDistinct() throws {
        let atom = String(decoding: try FeedFixtures.generator().render(Self.request, as: .atom), as: UTF8.self)
        #expect(atom.contains("href=&quot;https://news.example.org/2025/07/turnout/#fn-articles-turnout-1&quot;"))
        #expect(atom.contains("href=&quot;https://news.example.org/2025/07/budget/#fnref-articles-budget-clerk&quot;"))
        #expect(atom.contains("id=&quot;fn-articles-budget-clerk&quot;"))
        for format in FeedFormat.allCases {
            let text = String(decoding: try FeedFixtures.generator().render(Self.request, as: format), as: UTF8.self)
            #expect(!text.contains("href=\\\"#fn") && !text.contains("href=&quot;#fn"), "\(format): a footnote link is left relative")
        }
    }

    @Test(.enabled(if: FeedFiles.which("xmllint") != nil, "xmllint is not installed"))
    func feedsWithFootnotesAreWellFormed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("herald-footnote-feeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for format in [FeedFormat.atom, .rss] {
            let file = dir.appendingPathComponent("feed-\(format)")
            try Data(try FeedFixtures.generator().render(Self.request, as: format)).write(to: file)
            let result = try FeedFiles.run(try #require(FeedFiles.which("xmllint")), ["--noout", file.path])
            #expect(result.status == 0, "\(format): \(result.output)")
        }
    }
}
