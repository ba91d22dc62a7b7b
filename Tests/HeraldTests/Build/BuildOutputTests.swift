import Foundation
import Testing
@testable import Herald

/// Publishing: what is written where, and what a failed build leaves behind.
@Suite struct BuildOutputTests {
    @Test func writesPagesAndCopiesStaticFilesAndAssets() throws {
        let site = try BuildFixtures.site()
        defer { site.remove() }
        let report = try site.build()
        #expect(report.articles == 1)
        #expect(report.pages == 1)
        #expect(site.exists("Public/2025/07/river/index.html"))
        #expect(site.exists("Public/about/index.html"))
        #expect(site.exists("Public/index.html"))
        #expect(site.read("Public/images/a.svg") == "<svg xmlns='http://www.w3.org/2000/svg'/>")
        #expect(site.read("Public/assets/site.css") == "body{}")
    }

    @Test func unchangedFilesAreNotRewritten() throws {
        let site = try BuildFixtures.site()
        defer { site.remove() }
        _ = try site.build()
        let page = site.root.appendingPathComponent("Public/about/index.html").path
        let before = try FileManager.default.attributesOfItem(atPath: page)
        let second = try site.build()
        #expect(second.filesWritten == 0)
        #expect(second.filesUnchanged > 0)
        let after = try FileManager.default.attributesOfItem(atPath: page)
        #expect(before[.systemFileNumber] as? Int == after[.systemFileNumber] as? Int)
        #expect(before[.modificationDate] as? Date == after[.modificationDate] as? Date)
    }

    @Test func aFailedBuildLeavesThePreviousOutputUntouched() throws {
        let site = try BuildFixtures.site()
        defer { site.remove() }
        _ = try site.build()
        let listing = try FileManager.default.subpathsOfDirectory(atPath: site.root.appendingPathComponent("Public").path).sorted()
        let home = site.read("Public/index.html")
        try site.write("---\ntitle: Broken\ndate: [\n---\n", to: "Content/articles/broken.md")
        try site.write("---\ntitle: New\ndate: 2025-07-05\n---\nNew.\n", to: "Content/articles/new.md")
        let errors = site.buildErrors()
        #expect(errors.count == 1)
        #expect(errors.first?.path == "Content/articles/broken.md")
        #expect(try FileManager.default.subpathsOfDirectory(atPath: site.root.appendingPathComponent("Public").path).sorted() == listing)
        #expect(site.read("Public/index.html") == home)
        #expect(!site.exists("Public/2025/07/new/index.html"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".Public") && !$0.hasSuffix(".herald-cache") && !$0.hasSuffix(".herald-content") }
        #expect(leftovers.isEmpty)
    }

    @Test func allErrorsOfABuildAreReportedTogether() throws {
        let site = try BuildFixtures.site([
            "Content/articles/a.md": "---\ntitle: [x]\ndate: 2025-01-01\n---\n",
            "Content/articles/b.md": "no front matter",
            "Content/pages/c.md": "---\ntitle: C\nlayout: missing\n---\n",
        ])
        defer { site.remove() }
        let errors = site.buildErrors().map(\.location)
        #expect(errors == ["Content/articles/a.md:2:8", "Content/articles/b.md:1:1", "Content/pages/c.md:3:9"])
    }

    @Test func twoSourcesForOnePathAreAnErrorNamingBoth() throws {
        let site = try BuildFixtures.site(["Content/articles/2025-07-09-river.md": "---\ntitle: River again\ndate: 2025-07-09\n---\n"])
        defer { site.remove() }
        let errors = site.buildErrors()
        #expect(errors.count == 1)
        #expect(errors[0].message == "'Content/articles/2025-07-04-river.md' and 'Content/articles/2025-07-09-river.md' both map to /2025/07/river/index.html; give one of them another slug or path")
    }

    @Test func draftsFutureAndExpiredAreSkippedUnlessAsked() throws {
        let site = try BuildFixtures.site([
            "Content/articles/draft.md": "---\ntitle: Draft\ndate: 2025-01-01\ndraft: true\n---\n",
            "Content/articles/future.md": "---\ntitle: Future\ndate: 2099-01-01\n---\n",
            "Content/articles/expired.md": "---\ntitle: Expired\ndate: 2025-01-01\nexpires: 2025-02-01\n---\n",
        ])
        defer { site.remove() }
        #expect(try site.build().articles == 1)
        #expect(try site.build { $0.includeDrafts = true; $0.includeFuture = true }.articles == 3)
        #expect(site.exists("Public/2099/01/future/index.html"))
    }

    @Test(arguments: [".", "Content", "Templates", "/", ".."])
    func refusesOutputFoldersThatHoldSources(output: String) throws {
        let site = try BuildFixtures.site()
        defer { site.remove() }
        let errors = site.buildErrors { $0.output = output == "/" ? URL(fileURLWithPath: "/") : site.root.appendingPathComponent(output) }
        #expect(errors.count == 1)
        #expect(errors.first?.message.hasPrefix("refusing to build into") == true)
        #expect(site.exists("Content/pages/about.md"))
    }

    @Test func aStagingFolderLeftByAKilledBuildIsCleanedUp() throws {
        let site = try BuildFixtures.site()
        defer { site.remove() }
        try site.write("half", to: ".Public.herald-staging/index.html")
        // A journal killed while being written, before its rename: never read.
        try site.write("M about/inde", to: ".Public.herald-journal.new")
        _ = try site.build()
        #expect(!site.exists(".Public.herald-staging"))
        #expect(!site.exists(".Public.herald-journal.new"))
        #expect(site.exists("Public/about/index.html"))
    }

    @Test func aCommitInterruptedByAKillIsFinishedByTheNextRun() throws {
        let site = try BuildFixtures.site()
        defer { site.remove() }
        _ = try site.build()
        // What a build killed in the middle of its commit leaves behind: the
        // journal, and a staged file not yet moved into place.
        try site.write("<p>new about</p>", to: ".Public.herald-staging/about/index.html")
        try site.write("M about/index.html\nD images/a.svg\n", to: ".Public.herald-journal")
        try site.write("---\ntitle: Broken\n---\n", to: "Content/articles/broken.md")
        #expect(!site.buildErrors().isEmpty)
        #expect(site.read("Public/about/index.html") == "<p>new about</p>")
        #expect(!site.exists("Public/images/a.svg"))
        #expect(!site.exists(".Public.herald-journal"))
        #expect(!site.exists(".Public.herald-staging"))
    }

    @Test func filesTheSiteNoLongerHasAreDeletedButDotFilesAreKept() throws {
        let site = try BuildFixtures.site()
        defer { site.remove() }
        try site.write("", to: "Public/.gitkeep")
        try site.write("stale", to: "Public/old/stale.html")
        _ = try site.build()
        #expect(site.exists("Public/.gitkeep"))
        #expect(!site.exists("Public/old"))
        #expect(site.exists("Public/about/index.html"))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/pages/about.md"))
        _ = try site.build()
        #expect(!site.exists("Public/about"))
    }
}
