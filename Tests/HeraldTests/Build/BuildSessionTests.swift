import Foundation
import Testing
@testable import Herald

/// `herald serve`'s builds (a `BuildSession`, which keeps the previous
/// build's cache and state in memory) give exactly a clean build's output,
/// whatever happens to the files between them.
@Suite struct BuildSessionTests {
    let edits = IncrementalEditTests()

    func build(_ session: BuildSession, _ site: TemporarySite) throws -> BuildReport {
        try session.build(options: BuildOptions(source: site.root, now: Date(timeIntervalSince1970: 1_800_000_000)))
    }

    func expectClean(_ site: TemporarySite) throws {
        #expect(try site.tree() == site.cleanBuildTree())
    }

    @Test func editsInASessionEqualCleanBuilds() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        let session = BuildSession()
        try site.age()
        #expect(try build(session, site).path == .full(reason: "no previous build"))
        // A body edit: incremental, from the state kept in memory.
        try site.write(edits.story(3, body: "A longer body for story three."), to: edits.path(3))
        try site.age()
        #expect(try build(session, site).path == .incremental(changedSources: 1))
        try expectClean(site)
        // Twice in a row: the state kept is the one the last build wrote.
        try site.write(edits.story(3, body: "An even longer body for story three, again."), to: edits.path(3))
        try site.write(edits.story(5, body: "Story five grew too."), to: edits.path(5))
        try site.age()
        #expect(try build(session, site).path == .incremental(changedSources: 2))
        try expectClean(site)
        // A title edit: full, with its reason.
        try site.write(edits.story(4, title: "Story Four"), to: edits.path(4))
        try site.age()
        #expect(try build(session, site).path.description.hasPrefix("build: full (the metadata of Content/articles/2025-03-04-story-4.md changed"))
        try expectClean(site)
        #expect(try build(session, site).path == .unchanged)
    }

    /// A build outside the session replaces the state file: the session
    /// must not use the one it read before.
    @Test func aStateWrittenByAnotherBuildIsReadFromDisk() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        let session = BuildSession()
        try site.age()
        _ = try build(session, site)
        try site.write(edits.story(2, body: "Edited by another process's build."), to: edits.path(2))
        try site.age()
        _ = try site.build()
        try site.write(edits.story(2, body: "Edited again, now in the session."), to: edits.path(2))
        try site.age()
        #expect(try build(session, site).path == .incremental(changedSources: 1))
        try expectClean(site)
        #expect(site.read("Public/2025/03/story-2/index.html")?.contains("Edited again, now in the session.") == true)
    }
}
