import Foundation
import Testing
@testable import Herald

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The build cache may only skip work whose result would be identical.
@Suite struct BuildCacheTests {
    @Test func aBuildWithNothingChangedStopsAtTheCache() throws {
        let site = try BuildFixtures.site()
        defer { site.remove() }
        try site.age()
        let first = try site.build()
        let second = try site.build()
        #expect(second.stageTimes.map(\.stage) == ["cache"])
        #expect(second.path == .unchanged)
        #expect(first.path == .full(reason: "no previous build"))
        #expect(second.articles == first.articles)
        #expect(second.filesWritten == 0)
        #expect(second.filesUnchanged == first.filesWritten + first.filesUnchanged)
    }

    @Test func anEditedArticleIsBuiltAgain() throws {
        let site = try BuildFixtures.site()
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        try site.write("---\ntitle: River\ndate: 2025-07-04 09:14\ntags: [Flood]\n---\nThe river fell sharply.\n", to: "Content/articles/2025-07-04-river.md")
        try site.age()
        let report = try site.build()
        #expect(report.path == .incremental(changedSources: 1))
        #expect(site.read("Public/2025/07/river/index.html")?.contains("The river fell sharply.") == true)
    }

    @Test func aChangedTemplateOrConfigIsBuiltAgain() throws {
        let site = try BuildFixtures.site()
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        try site.write("<h2>{{ page.title }}</h2>", to: "Templates/article.html")
        try site.age()
        #expect(try site.build().path == .full(reason: "templates changed"))
        #expect(site.read("Public/2025/07/river/index.html") == "<h2>River</h2>")
        try site.write("title: Renamed\nurl: https://news.example.org/\ntimezone: America/New_York\n", to: "site.yml")
        try site.age()
        #expect(try site.build().path == .full(reason: "site.yml changed"))
    }

    @Test func aDamagedOutputIsBuiltAgain() throws {
        let site = try BuildFixtures.site()
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Public/about/index.html"))
        _ = try site.build()
        #expect(site.exists("Public/about/index.html"))
    }

    /// One changed byte anywhere (here, in the middle of the listed output
    /// paths) makes the cache unusable: the build runs in full.
    @Test func aDamagedCacheIsNotUsed() throws {
        let site = try BuildFixtures.site()
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        let output = site.root.appendingPathComponent("Public")
        #expect(BuildCache.load(for: output) != nil)
        let file = site.root.appendingPathComponent(".Public.herald-cache")
        var bytes = [UInt8](try Data(contentsOf: file))
        bytes[bytes.count - 20] ^= 0x20
        try Data(bytes).write(to: file)
        #expect(BuildCache.load(for: output) == nil)
        #expect(try site.build().path == .full(reason: "the previous build's cache could not be read"))
        #expect(BuildCache.load(for: output) != nil)
    }

    @Test func aScheduledArticleAppearsWhenNowPassesItsDate() throws {
        let site = try BuildFixtures.site(["Content/articles/later.md": "---\ntitle: Later\ndate: 2030-01-01\n---\nSoon.\n"])
        defer { site.remove() }
        try site.age()
        _ = try site.build(now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(!site.exists("Public/2030/01/later/index.html"))
        _ = try site.build(now: Date(timeIntervalSince1970: 1_900_000_000))
        #expect(site.exists("Public/2030/01/later/index.html"))
    }

    @Test func otherOptionsAreNotServedFromTheCache() throws {
        let site = try BuildFixtures.site(["Content/articles/draft.md": "---\ntitle: Draft\ndate: 2025-01-01\ndraft: true\n---\n"])
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        #expect(try site.build { $0.includeDrafts = true }.articles == 2)
    }

    @Test func filesTouchedRightBeforeTheCacheAreNotTrusted() throws {
        let site = try BuildFixtures.site()
        defer { site.remove() }
        _ = try site.build()
        // Same size, written within the file system's time granularity: the
        // metadata may look unchanged, so the cache must not be used.
        #expect(try site.build().path != .unchanged)
    }
}

/// Incremental builds: only what showed an edited body is produced again,
/// and the result is always the clean build's.
@Suite struct IncrementalBuildTests {
    @Test func anEditedBodyRendersOnlyWhatShowedIt() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        try site.age()
        let first = try site.build()
        #expect(first.filesReused == 0)
        try site.write("---\ntitle: Story 3\ndate: 2025-03-03\ntags: [t1]\n---\nLead 3.\n\nA longer body for story three.\n", to: "Content/articles/2025-03-03-story-3.md")
        try site.age()
        let second = try site.build()
        #expect(second.filesReused > 0)
        #expect(second.filesWritten >= 1)
        #expect(site.read("Public/2025/03/story-3/index.html")?.contains("A longer body") == true)
        #expect(try site.tree() == site.cleanBuildTree())
    }

    @Test func anEditedLeadParagraphReachesTheListsThatShowIt() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        try site.write("---\ntitle: Story 6\ndate: 2025-03-06\ntags: [t0]\n---\nA new lead.\n\nBody 6.\n", to: "Content/articles/2025-03-06-story-6.md")
        try site.age()
        _ = try site.build()
        #expect(site.read("Public/index.html")?.contains("A new lead.") == true)
        #expect(try site.tree() == site.cleanBuildTree())
    }

    @Test func anEditedTitleRendersEverything() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        try site.write("---\ntitle: Story Three Renamed\ndate: 2025-03-03\ntags: [t1]\n---\nLead 3.\n\nBody 3.\n", to: "Content/articles/2025-03-03-story-3.md")
        try site.age()
        let report = try site.build()
        #expect(report.filesReused == 0)
        #expect(site.read("Public/tags/t1/index.html")?.contains("Story Three Renamed") == true)
        #expect(try site.tree() == site.cleanBuildTree())
    }

    @Test func aNewArticleRendersEverything() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        try site.write("---\ntitle: Story 7\ndate: 2025-03-07\n---\nSeven.\n", to: "Content/articles/2025-03-07-story-7.md")
        try site.age()
        #expect(try site.build().filesReused == 0)
        #expect(try site.tree() == site.cleanBuildTree())
    }

    @Test func aCorruptContentStateMeansAFullBuild() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        try site.write("garbage", to: ".Public.herald-content")
        try site.write("---\ntitle: Story 3\ndate: 2025-03-03\ntags: [t1]\n---\nLead 3.\n\nChanged.\n", to: "Content/articles/2025-03-03-story-3.md")
        try site.age()
        #expect(try site.build().filesReused == 0)
        #expect(try site.tree() == site.cleanBuildTree())
    }

    @Test func theContentStateKeepsNoRenderedBodies() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        let state = String(decoding: try #require(FileManager.default.contents(atPath: site.root.appendingPathComponent(".Public.herald-content").path)), as: UTF8.self)
        #expect(state.contains("Story 3"))
        #expect(!state.contains("Body 3."))
    }

    @Test func aBodyNoOutputShowedBeforeIsRenderedWhenOneShowsItNow() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        // Long articles show the next story's summary: once story 3 grows,
        // its page shows a body the incremental build had no reason to render.
        try site.write("<h1>{{ page.title }}</h1>{{ page.content }}{% if page.word_count > 5 %}{% if page.next %}{{ page.next.summary }}{% endif %}{% endif %}", to: "Templates/article.html")
        try site.age()
        _ = try site.build()
        #expect(site.read("Public/2025/03/story-3/index.html")?.contains("Lead 4.") == false)
        try site.write("---\ntitle: Story 3\ndate: 2025-03-03\ntags: [t1]\n---\nLead 3.\n\nA much longer body for story three.\n", to: "Content/articles/2025-03-03-story-3.md")
        try site.age()
        _ = try site.build()
        #expect(site.read("Public/2025/03/story-3/index.html")?.contains("Lead 4.") == true)
        #expect(try site.tree() == site.cleanBuildTree())
    }

    @Test func anEditedTermOfAnotherTaxonomyRendersEverything() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        try site.write("title: T\nurl: https://news.example.org/\npaginate: 2\ntaxonomies: [tags, series]\n", to: "site.yml")
        try site.write("{% for t in terms %}{{ t.name }},{% endfor %}", to: "Templates/taxonomy.html")
        let story = "Content/articles/2025-03-03-story-3.md"
        try site.write("---\ntitle: Story 3\ndate: 2025-03-03\ntags: [t1]\nseries: [alpha]\n---\nLead 3.\n\nBody 3.\n", to: story)
        try site.age()
        _ = try site.build()
        try site.write("---\ntitle: Story 3\ndate: 2025-03-03\ntags: [t1]\nseries: [beta]\n---\nLead 3.\n\nBody 3.\n", to: story)
        try site.age()
        #expect(try site.build().filesReused == 0)
        #expect(site.read("Public/series/index.html")?.contains("beta") == true)
        #expect(try site.tree() == site.cleanBuildTree())
    }

    @Test func aContentFileWrittenRightBeforeTheBuildIsReadAgain() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        try site.age()
        let story = "Content/articles/2025-03-03-story-3.md"
        // Written just now: too recent for its time to vouch for it.
        try site.write("---\ntitle: Story 3\ndate: 2025-03-03\ntags: [t1]\n---\nLead 3.\n\nBody 3, first.\n", to: story)
        _ = try site.build()
        // The same size, inode and modification time, other bytes.
        let path = site.root.appendingPathComponent(story).path
        var before = stat()
        #expect(stat(path, &before) == 0)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        let text = "---\ntitle: Story 3\ndate: 2025-03-03\ntags: [t1]\n---\nLead 3.\n\nBody 3, again.\n"
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        var after = stat()
        #expect(stat(path, &after) == 0)
        #expect(after.st_size == before.st_size && after.st_ino == before.st_ino && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
        _ = try site.build()
        #expect(site.read("Public/2025/03/story-3/index.html")?.contains("Body 3, again.") == true)
        #expect(try site.tree() == site.cleanBuildTree())
    }

    @Test func anEditedOutputFileIsNotTrustedByAnIncrementalBuild() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        try site.write("tampered", to: "Public/2025/03/story-1/index.html")
        try site.write("---\ntitle: Story 3\ndate: 2025-03-03\ntags: [t1]\n---\nLead 3.\n\nA longer body for story three.\n", to: "Content/articles/2025-03-03-story-3.md")
        try site.age()
        #expect(try site.build().filesReused == 0)
        #expect(try site.tree() == site.cleanBuildTree())
    }

    /// The output is checked by looking at the files and folders the last
    /// build published, not by listing it: whatever is added must still
    /// show, through the time of a folder that holds it.
    @Test(arguments: ["Public/stray.html", "Public/2025/03/story-1/extra.txt", "Public/new/deeper/file.txt"])
    func aFileAddedToTheOutputIsNoticed(path: String) throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        try site.write("added by hand", to: path)
        #expect(try site.build().path == .full(reason: "the output folder changed since the previous build"))
        #expect(!site.exists(path))
        #expect(try site.tree() == site.cleanBuildTree())
    }

    @Test func anEmptyFolderAddedToTheOutputIsNoticed() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("Public/2025/stray"), withIntermediateDirectories: true)
        #expect(try site.build().path == .full(reason: "the output folder changed since the previous build"))
        #expect(!site.exists("Public/2025/stray"))
    }

    @Test func aRemovedOutputFileIsNoticedByAnIncrementalBuild() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Public/2025/03/story-1/index.html"))
        try site.write("---\ntitle: Story 3\ndate: 2025-03-03\ntags: [t1]\n---\nLead 3.\n\nA longer body for story three.\n", to: "Content/articles/2025-03-03-story-3.md")
        try site.age()
        #expect(try site.build().filesReused == 0)
        #expect(try site.tree() == site.cleanBuildTree())
    }
}
