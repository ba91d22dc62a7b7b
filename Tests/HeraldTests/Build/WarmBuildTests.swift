import Foundation
import Testing
@testable import Herald

/// `serve`'s builds in memory (`WarmBuild`): told which files changed, a
/// session rebuilds from the site it kept, and its output equals a clean
/// build's after every kind of edit, whether it stays in memory or (for
/// anything but a body edit) builds from the files.
@Suite struct WarmBuildTests {
    let edits = IncrementalEditTests()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func build(_ session: BuildSession, _ site: TemporarySite, changed: Set<String>?) throws -> BuildReport {
        try session.build(options: BuildOptions(source: site.root, now: now), changed: changed)
    }

    func expectClean(_ site: TemporarySite, _ comment: Comment) throws {
        #expect(try site.tree() == site.cleanBuildTree(), comment)
    }

    @Test func editsInMemoryEqualCleanBuilds() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        // Never written by itself during the test: `flush` writes it.
        let session = BuildSession(persistDelay: 600)
        try site.age()
        #expect(try build(session, site, changed: nil).path == .full(reason: "no previous build"))

        // Body edits, in memory: the page, the home page showing its summary
        // and the term page all follow.
        try site.write(edits.story(3, body: "A longer body for story three."), to: edits.path(3))
        #expect(try build(session, site, changed: [edits.path(3)]).path == .inMemory(changedSources: 1))
        try expectClean(site, "one body edit")
        #expect(site.read("Public/2025/03/story-3/index.html")?.contains("A longer body for story three.") == true)
        try site.write(edits.story(3, body: "Story three, once more."), to: edits.path(3))
        try site.write(edits.story(6, body: "Story six grew."), to: edits.path(6))
        #expect(try build(session, site, changed: [edits.path(3), edits.path(6)]).path == .inMemory(changedSources: 2))
        try expectClean(site, "two body edits in a row")

        // A title edit changes listings: built from the files.
        try site.write(edits.story(4, title: "Story Four"), to: edits.path(4))
        try site.age()
        #expect(try build(session, site, changed: [edits.path(4)]).path.description.hasPrefix("build: full (the metadata of Content/articles/2025-03-04-story-4.md changed"))
        try expectClean(site, "a title edit")
        // … after which bodies are edited in memory again.
        try site.write(edits.story(4, title: "Story Four", body: "Four, edited after its title."), to: edits.path(4))
        #expect(try build(session, site, changed: [edits.path(4)]).path == .inMemory(changedSources: 1))
        try expectClean(site, "a body edit after a full build")

        // A new file and a removed one: built from the files.
        try site.write("---\ntitle: Story 7\ndate: 2025-03-07\ntags: [t1]\n---\nLead 7.\n", to: "Content/articles/2025-03-07-story-7.md")
        try site.age()
        #expect(try build(session, site, changed: ["Content/articles/2025-03-07-story-7.md"]).path == .full(reason: "content files were added or removed"))
        try expectClean(site, "a new article")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent(edits.path(2)))
        try site.age()
        #expect(try build(session, site, changed: [edits.path(2)]).path == .full(reason: "content files were added or removed"))
        try expectClean(site, "a removed article")

        // A template edit: everything again.
        try site.write("<h1>{{ page.title }}</h1><main>{{ page.content }}</main>", to: "Templates/article.html")
        try site.age()
        #expect(try build(session, site, changed: ["Templates/article.html"]).path == .full(reason: "templates changed"))
        try expectClean(site, "a template edit")
        try site.write(edits.story(5, body: "Five, under the new template."), to: edits.path(5))
        #expect(try build(session, site, changed: [edits.path(5)]).path == .inMemory(changedSources: 1))
        try expectClean(site, "a body edit under the new template")

        // The files written at last are what a build from them needs: it
        // reads again only the files `age` touched since.
        session.flush()
        try site.age()
        let after = try site.build().path
        #expect(after == .incremental(changedSources: 1), "\(after)")
        try expectClean(site, "a build from the files the session wrote")
    }

    /// The state and cache are written only once the edits pause: a `serve`
    /// killed before that leaves files describing an older output, and the
    /// next build, finding the output changed, builds everything.
    @Test func aSessionKilledBeforeWritingItsStateLeavesAFullBuild() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        let session = BuildSession(persistDelay: 600)
        try site.age()
        _ = try build(session, site, changed: nil)
        try site.write(edits.story(2, body: "Edited in memory, never written down."), to: edits.path(2))
        #expect(try build(session, site, changed: [edits.path(2)]).path == .inMemory(changedSources: 1))
        // Another process now: the session's files were never written.
        try site.age()
        #expect(try site.build().path == .full(reason: "the output folder changed since the previous build"))
        try expectClean(site, "after the killed session")
    }

    /// Another process building into the same output: the session sees the
    /// cache it did not write and builds from the files.
    @Test func anotherBuildIntoTheOutputEndsTheSiteInMemory() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        let session = BuildSession(persistDelay: 600)
        try site.age()
        _ = try build(session, site, changed: nil)
        try site.write(edits.story(1, body: "Built by another process."), to: edits.path(1))
        try site.age()
        _ = try site.build()
        try site.write(edits.story(1, body: "Then edited in the session."), to: edits.path(1))
        try site.age()
        #expect(try build(session, site, changed: [edits.path(1)]).path == .incremental(changedSources: 1))
        try expectClean(site, "after another process's build")
    }

    /// An edit that breaks a file fails the build and publishes nothing;
    /// fixing another file meanwhile must not publish the site without it.
    @Test func aFailedBuildEndsTheSiteInMemory() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        let session = BuildSession(persistDelay: 600)
        try site.age()
        _ = try build(session, site, changed: nil)
        let before = try site.tree()
        try site.write("---\ntitle: [unclosed\n---\nBroken.\n", to: edits.path(3))
        #expect(throws: DiagnosticError.self) { try build(session, site, changed: [edits.path(3)]) }
        #expect(try site.tree() == before)
        try site.write(edits.story(5, body: "Five changed while three is broken."), to: edits.path(5))
        #expect(throws: DiagnosticError.self) { try build(session, site, changed: [edits.path(5)]) }
        #expect(try site.tree() == before)
        try site.write(edits.story(3, body: "Three, fixed."), to: edits.path(3))
        try site.age()
        _ = try build(session, site, changed: [edits.path(3)])
        try expectClean(site, "after the fix")
    }
    /// A template page showing articles' summaries follows their body edits
    /// in memory; an edit of the template page itself, or of a data file it
    /// reads, is built from the files (the theme compiles the page).
    @Test func templatePagesAndDataFilesEqualCleanBuilds() throws {
        let site = try TemplatePageTests.site()
        defer { site.remove() }
        let session = BuildSession(persistDelay: 600)
        let river = "Content/articles/2025-07-04-river.md"
        try site.age()
        _ = try build(session, site, changed: nil)
        try site.write("---\ntitle: River\ndate: 2025-07-04 09:14\ntags: [Flood]\n---\nThe river fell again.\n", to: river)
        #expect(try build(session, site, changed: [river]).path == .inMemory(changedSources: 1))
        #expect(site.read("Public/contact/index.html")?.contains("Latest: River: The river fell again.") == true)
        try expectClean(site, "an article a template page shows")
        try site.write(TemplatePageTests.contact.replacingOccurrences(of: "Call the desk", with: "Ring the desk"), to: "Content/pages/contact.html")
        try site.age()
        #expect(try build(session, site, changed: ["Content/pages/contact.html"]).path != .inMemory(changedSources: 1))
        #expect(site.read("Public/contact/index.html")?.contains("Ring the desk") == true)
        try expectClean(site, "the template page itself")
        try site.write("- { name: Ada Park, role: Editor in chief }\n", to: "Content/data/staff.yml")
        try site.age()
        #expect(try build(session, site, changed: ["Content/data/staff.yml"]).path == .incremental(changedSources: 1))
        try expectClean(site, "a data file")
        try site.write("---\ntitle: River\ndate: 2025-07-04 09:14\ntags: [Flood]\n---\nThe river, once more.\n", to: river)
        #expect(try build(session, site, changed: [river]).path == .inMemory(changedSources: 1))
        try expectClean(site, "an article after a data file")
    }
}
