import Foundation
import Testing
@testable import Herald

/// The build cache may only skip work whose result would be identical.
@Suite struct BuildCacheTests {
    /// Dates every source file an hour back, outside the cache's "racy" window.
    func age(_ site: TemporarySite) throws {
        let old = Date().addingTimeInterval(-3600)
        for folder in ["site.yml", "Content", "Templates"] {
            let root = site.root.appendingPathComponent(folder)
            var paths = [root.path]
            if let files = FileManager.default.enumerator(atPath: root.path) {
                paths += files.compactMap { $0 as? String }.map { root.path + "/" + $0 }
            }
            for path in paths {
                try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path)
            }
        }
    }

    @Test func aBuildWithNothingChangedStopsAtTheCache() throws {
        let site = try BuildOutputTests.site()
        defer { site.remove() }
        try age(site)
        let first = try site.build()
        let second = try site.build()
        #expect(second.stageTimes.map(\.stage) == ["cache"])
        #expect(second.articles == first.articles)
        #expect(second.filesWritten == 0)
        #expect(second.filesUnchanged == first.filesWritten + first.filesUnchanged)
    }

    @Test func anEditedArticleIsBuiltAgain() throws {
        let site = try BuildOutputTests.site()
        defer { site.remove() }
        try age(site)
        _ = try site.build()
        try site.write("---\ntitle: River\ndate: 2025-07-04 09:14\ntags: [Flood]\n---\nThe river fell.\n", to: "Content/articles/2025-07-04-river.md")
        try age(site)
        let report = try site.build()
        #expect(report.stageTimes.map(\.stage) != ["cache"])
        #expect(site.read("Public/2025/07/river/index.html")?.contains("The river fell.") == true)
    }

    @Test func aChangedTemplateOrConfigIsBuiltAgain() throws {
        let site = try BuildOutputTests.site()
        defer { site.remove() }
        try age(site)
        _ = try site.build()
        try site.write("<h2>{{ page.title }}</h2>", to: "Templates/article.html")
        try age(site)
        _ = try site.build()
        #expect(site.read("Public/2025/07/river/index.html") == "<h2>River</h2>")
        try site.write("title: Renamed\nurl: https://news.example.org/\ntimezone: America/New_York\n", to: "site.yml")
        try age(site)
        #expect(try site.build().stageTimes.map(\.stage) != ["cache"])
    }

    @Test func aDamagedOutputIsBuiltAgain() throws {
        let site = try BuildOutputTests.site()
        defer { site.remove() }
        try age(site)
        _ = try site.build()
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Public/about/index.html"))
        _ = try site.build()
        #expect(site.exists("Public/about/index.html"))
    }

    @Test func aScheduledArticleAppearsWhenNowPassesItsDate() throws {
        let site = try BuildOutputTests.site(["Content/articles/later.md": "---\ntitle: Later\ndate: 2030-01-01\n---\nSoon.\n"])
        defer { site.remove() }
        try age(site)
        _ = try site.build(now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(!site.exists("Public/2030/01/later/index.html"))
        _ = try site.build(now: Date(timeIntervalSince1970: 1_900_000_000))
        #expect(site.exists("Public/2030/01/later/index.html"))
    }

    @Test func otherOptionsAreNotServedFromTheCache() throws {
        let site = try BuildOutputTests.site(["Content/articles/draft.md": "---\ntitle: Draft\ndate: 2025-01-01\ndraft: true\n---\n"])
        defer { site.remove() }
        try age(site)
        _ = try site.build()
        #expect(try site.build { $0.includeDrafts = true }.articles == 2)
    }

    @Test func filesTouchedRightBeforeTheCacheAreNotTrusted() throws {
        let site = try BuildOutputTests.site()
        defer { site.remove() }
        _ = try site.build()
        // Same size, written within the file system's time granularity: the
        // metadata may look unchanged, so the cache must not be used.
        #expect(try site.build().stageTimes.map(\.stage) != ["cache"])
    }
}
