import Foundation
import Testing
@testable import Herald

/// `Content/data/*.yml|yaml|json` as `site.data.NAME`: values, located
/// errors, and incremental builds that equal clean ones.
@Suite struct SiteDataTests {
    static let staff = "- name: Ada Park\n  role: Editor\n  desk: 2\n- name: Tom Whitaker\n  role: Reporter\n  on_leave: true\n"
    static let results = #"{"race": "Mayor", "rows": [{"name": "Lee", "votes": 1204, "share": 51.5}, {"name": "Ruiz", "votes": 1133, "share": 48.5}], "final": false}"#

    /// A site whose page template lists the staff and whose articles show none of it.
    static func site(_ extra: [String: String] = [:]) throws -> TemporarySite {
        var files = [
            "Templates/page.html": "<h1>{{ page.title }}</h1>{{ page.content }}<ul>{% for p in site.data.staff %}<li>{{ p.name }}, {{ p.role }}{% if p.on_leave %} (on leave){% endif %}</li>{% endfor %}</ul>",
            "Content/data/staff.yml": staff,
            "Content/data/results.json": results,
        ]
        files.merge(extra) { _, new in new }
        return try BuildFixtures.site(files)
    }

    @Test func yamlAndJSONFilesAreSiteDataByTheirNames() throws {
        let site = try Self.site([
            "Templates/index.html": "{{ site.data.results.race }}:{% for r in site.data.results.rows %}{{ r.name }}={{ r.votes + 0 }}/{{ r.share }};{% endfor %}{{ site.data.results.final }}|{{ site.data.staff[0].desk * 2 }}|{{ site.data.staff | length }}",
        ])
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/about/index.html")?.contains("<li>Ada Park, Editor</li><li>Tom Whitaker, Reporter (on leave)</li>") == true)
        #expect(site.read("Public/index.html") == "Mayor:Lee=1204/51.5;Ruiz=1133/48.5;false|4|2")
    }

    @Test func malformedFilesAreLocatedErrors() throws {
        let site = try Self.site([
            "Content/data/staff.yml": "- name: Ada\n  role: Editor\n  desk: [2\n- name: Tom\n",
            "Content/data/results.json": "{\n  \"race\": \"Mayor\",\n  \"rows\": [1, two]\n}\n",
        ])
        defer { site.remove() }
        let errors = site.buildErrors()
        let yaml = try #require(errors.first { $0.path == "Content/data/staff.yml" })
        #expect(yaml.severity == .error && yaml.message.hasPrefix("invalid YAML") && yaml.line >= 3 && yaml.column > 0)
        let json = try #require(errors.first { $0.path == "Content/data/results.json" })
        #expect(json.severity == .error && json.message.hasPrefix("invalid JSON") && json.line == 3)
        #expect(!site.exists("Public/index.html"), "a failed build publishes nothing")
    }

    @Test func namesTemplatesCannotUseAndOtherFilesAreErrorsNamingTheFile() throws {
        let site = try Self.site([
            "Content/data/staff-list.yml": "a: 1\n",
            "Content/data/2024.json": "{}",
            "Content/data/staff.json": "[]",
            "Content/data/votes.csv": "a,b\n",
            "Content/data/elections/2024.yml": "a: 1\n",
        ])
        defer { site.remove() }
        let errors = site.buildErrors()
        func error(_ path: String) -> String? { errors.first { $0.path == path }?.message }
        #expect(error("Content/data/staff-list.yml")?.contains("staff_list.yml") == true)
        #expect(error("Content/data/2024.json")?.contains("_2024.json") == true)
        #expect(error("Content/data/staff.yml")?.contains("Content/data/staff.json and this file both give site.data.staff") == true)
        #expect(error("Content/data/votes.csv")?.contains("YAML (.yml, .yaml) or JSON (.json)") == true)
        #expect(error("Content/data/elections/2024.yml")?.contains("not from folders inside it") == true)
    }

    @Test func anEditRendersAgainOnlyTheOutputsThatReadTheFile() throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        let article = site.root.appendingPathComponent("Public/2025/07/river/index.html").path
        let before = try FileManager.default.attributesOfItem(atPath: article)[.modificationDate] as? Date
        // Same size: the data file's digest, not its size, tells the change.
        try site.write(Self.staff.replacingOccurrences(of: "Editor", with: "Writer"), to: "Content/data/staff.yml")
        let report = try site.build()
        #expect(report.path == .incremental(changedSources: 1))
        #expect(site.read("Public/about/index.html")?.contains("Ada Park, Writer") == true)
        #expect(report.filesWritten == 1, "only the about page reads site.data.staff")
        let after = try FileManager.default.attributesOfItem(atPath: article)[.modificationDate] as? Date
        #expect(before == after)
        #expect(try site.tree() == site.cleanBuildTree())
        // Next time nothing changed: the digest kept is the new one.
        try site.age()
        let next = try site.build()
        #expect(next.path == .incremental(changedSources: 0) && next.filesWritten == 0)
    }

    @Test func aPageReadAgainForADataFileShowsItsOwnBody() throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        try site.write("- name: Priya Raman\n  role: Photographer\n", to: "Content/data/staff.yml")
        try site.write("---\ntitle: About\n---\nWho we are, and why.\n", to: "Content/pages/about.md")
        let report = try site.build()
        #expect(report.path == .incremental(changedSources: 2))
        let about = try #require(site.read("Public/about/index.html"))
        #expect(about.contains("Who we are, and why.") && about.contains("Priya Raman, Photographer") && !about.contains("Ada"))
        #expect(try site.tree() == site.cleanBuildTree())
    }

    @Test func addingOrRemovingADataFileIsAFullBuildThatEqualsACleanOne() throws {
        let site = try Self.site(["Templates/index.html": "{% if site.data.desk is defined %}{{ site.data.desk.phone }}{% else %}no desk{% endif %}"])
        defer { site.remove() }
        _ = try site.build()
        #expect(site.read("Public/index.html") == "no desk")
        try site.write("phone: \"555-0100\"\n", to: "Content/data/desk.yaml")
        let added = try site.build()
        #expect(added.path == .full(reason: "data files were added or removed"))
        #expect(site.read("Public/index.html") == "555-0100")
        #expect(try site.tree() == site.cleanBuildTree())
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/data/desk.yaml"))
        #expect(try site.build().path == .full(reason: "data files were added or removed"))
        #expect(site.read("Public/index.html") == "no desk")
        #expect(try site.tree() == site.cleanBuildTree())
    }

    @Test func aServeSessionRendersTheEditedDataLikeABuild() throws {
        let site = try Self.site()
        defer { site.remove() }
        let session = BuildSession()
        let options = BuildOptions(source: site.root, now: Date(timeIntervalSince1970: 1_800_000_000))
        try site.age()
        _ = try session.build(options: options)
        try site.write("- name: Lena Okafor\n  role: Data editor\n", to: "Content/data/staff.yml")
        let report = try session.build(options: options)
        #expect(report.path == .incremental(changedSources: 1))
        #expect(site.read("Public/about/index.html")?.contains("Lena Okafor, Data editor") == true)
        #expect(try site.tree() == site.cleanBuildTree())
    }
}
