import Foundation
import Testing
@testable import Herald

/// `--verbose` names the way the build went and why, in one line, through
/// the real command.
@Suite struct VerbosePathTests {
    static func firstLine(_ site: TemporarySite) throws -> String {
        let result = try Robustness.runHerald(["build", "-s", site.root.path, "--verbose"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").first.map(String.init) ?? ""
    }

    @Test func eachPathIsNamedWithItsReason() throws {
        let site = try BuildFixtures.site()
        defer { site.remove() }
        try site.age()
        #expect(try Self.firstLine(site) == "build: full (no previous build)")
        #expect(try Self.firstLine(site) == "build: unchanged")
        try site.write("---\ntitle: River\ndate: 2025-07-04 09:14\ntags: [Flood]\n---\nThe river fell sharply.\n", to: "Content/articles/2025-07-04-river.md")
        try site.age()
        let edited = try Self.firstLine(site)
        #expect(edited == "build: incremental (1 source changed)")
        try site.write("---\ntitle: The River\ndate: 2025-07-04 09:14\ntags: [Flood]\n---\nThe river fell sharply.\n", to: "Content/articles/2025-07-04-river.md")
        try site.age()
        #expect(try Self.firstLine(site)
            == "build: full (the metadata of Content/articles/2025-07-04-river.md changed (title, dates, URL, terms or other front matter))")
        try site.write("<h1>{{ page.title }}</h1>", to: "Templates/article.html")
        try site.age()
        #expect(try Self.firstLine(site) == "build: full (templates changed)")
        try site.write("---\ntitle: Flood\ndate: 2025-07-05\n---\nNew.\n", to: "Content/articles/2025-07-05-flood.md")
        try site.age()
        #expect(try Self.firstLine(site) == "build: full (content files were added or removed)")
    }
}
