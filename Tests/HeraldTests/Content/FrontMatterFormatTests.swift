import Foundation
import Testing
@testable import Herald

/// TOML (`+++`) and JSON front matter: the same keys as YAML, and the same
/// `path:line:column` errors.
@Suite struct FrontMatterFormatTests {
    let config = SiteConfig(title: "T", url: SiteURL("https://news.example.org/")!)

    func decode(_ text: String) -> (ContentDraft?, [Diagnostic]) {
        ContentDecoder(config: config).decode(text, kind: .article, sourcePath: "Content/articles/a.md")
    }

    static let toml = """
        +++
        title = "Ferry fares rise"
        date = 2025-07-04T09:14:00-04:00
        updated = 2025-07-05
        tags = ["Transit", "Harbor"]
        author = "Ada Park"
        draft = false
        aliases = ["/2019/05/ferry/"]
        image = "/images/ferry.jpg"
        image_alt = "The ferry at the pier"
        mood = 3

        [extra]
        note = "kept"
        +++
        The fare goes up in **August**.

        """

    static let json = """
        {
          "title": "Ferry fares rise",
          "date": "2025-07-04T09:14:00-04:00",
          "updated": "2025-07-05",
          "tags": ["Transit", "Harbor"],
          "author": "Ada Park",
          "draft": false,
          "aliases": ["/2019/05/ferry/"],
          "image": "/images/ferry.jpg",
          "image_alt": "The ferry at the pier",
          "mood": 3,
          "extra": {"note": "kept"}
        }
        The fare goes up in **August**.

        """

    static let yaml = """
        ---
        title: Ferry fares rise
        date: 2025-07-04T09:14:00-04:00
        updated: 2025-07-05
        tags: [Transit, Harbor]
        author: Ada Park
        draft: false
        aliases: [/2019/05/ferry/]
        image: /images/ferry.jpg
        image_alt: The ferry at the pier
        mood: 3
        extra: {note: kept}
        ---
        The fare goes up in **August**.

        """

    @Test(arguments: [toml, json])
    func readsTheSameKeysAsYAML(_ text: String) throws {
        let (draft, diagnostics) = decode(text)
        let (expected, _) = decode(Self.yaml)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let item = try #require(draft).item
        let reference = try #require(expected).item
        #expect(item.title == reference.title)
        #expect(item.date == reference.date && item.date != nil)
        #expect(item.updated == reference.updated && item.updated != nil)
        #expect(item.tags == ["Transit", "Harbor"])
        #expect(item.authors.map(\.name) == ["Ada Park"])
        #expect(item.aliases == ["/2019/05/ferry/"])
        #expect(item.image?.alt == "The ferry at the pier")
        guard case .int(3)? = item.params["mood"] else { Issue.record("mood: \(String(describing: item.params["mood"]))"); return }
        guard case .map(let extra)? = item.params["extra"], case .string("kept")? = extra["note"] else {
            Issue.record("extra: \(String(describing: item.params["extra"]))")
            return
        }
        #expect(draft?.body == "The fare goes up in **August**.\n")
    }

    @Test func tomlValueErrorsAreAtTheirLine() {
        let (_, diagnostics) = decode("+++\ntitle = \"A\"\ndate = \"next week\"\ntags = [1, [2]]\n+++\nBody\n")
        let lines = diagnostics.map { "\($0.line):\($0.column) \($0.message)" }
        #expect(diagnostics.count == 2, "\(lines)")
        #expect(diagnostics.first { $0.message.hasPrefix("'date' is not a date") }.map { "\($0.line):\($0.column)" } == "3:8")
        #expect(diagnostics.contains { $0.line == 4 && $0.message.contains("each entry of 'tags' must be a string") })
    }

    @Test func tomlSyntaxErrorsAreAtTheirLine() {
        let (draft, diagnostics) = decode("+++\ntitle = \"A\"\ndate = 2025-07-04\ntags = [\"x\"\n+++\nBody\n")
        #expect(draft == nil)
        let error = diagnostics.first
        #expect(error?.message.hasPrefix("invalid TOML: ") == true)
        #expect(error?.path == "Content/articles/a.md")
        #expect((error?.line ?? 0) >= 4, "\(diagnostics)")
    }

    @Test func jsonErrorsAreLocated() {
        let (draft, diagnostics) = decode("{\n  \"title\": \"A\",\n  \"date\": \"2025-07-04\"\n  \"tags\": [\"x\"]\n}\nBody\n")
        #expect(draft == nil)
        #expect(diagnostics.first?.message.hasPrefix("invalid JSON") == true)
        #expect(diagnostics.first?.line == 4, "\(diagnostics)")
        let (_, typed) = decode("{\n  \"title\": [\"A\"],\n  \"date\": \"2025-07-04\"\n}\nBody\n")
        #expect(typed.map { "\($0.line):\($0.column) \($0.message)" } == ["2:12 'title' must be a string, not a list"])
        let (_, unclosed) = decode("{\n  \"title\": \"A\"\nBody\n")
        #expect(unclosed.first?.message.contains("never closed") == true)
    }

    @Test func anUnclosedTOMLFenceIsAnError() {
        let (_, diagnostics) = decode("+++\ntitle = \"A\"\n")
        #expect(diagnostics.map(\.message) == ["front matter opened by '+++' on line 1 is never closed; add a line '+++' after the last key"])
    }

    @Test func aSiteBuildsFromEveryFormatAlikeAndIncrementally() throws {
        let site = try SiteFixtures.site([
            "Content/articles/2025-07-04-toml.md": Self.toml,
            "Content/articles/2025-07-05-json.md": Self.json.replacingOccurrences(of: "/2019/05/ferry/", with: "/2019/05/ferry-json/"),
        ])
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        #expect(site.read("Public/2025/07/toml/index.html")?.hasPrefix("Ferry fares rise|") == true)
        #expect(site.exists("Public/2019/05/ferry/index.html") && site.exists("Public/2019/05/ferry-json/index.html"))
        try site.write(Self.toml.replacingOccurrences(of: "**August**", with: "**September**"), to: "Content/articles/2025-07-04-toml.md")
        let json = Self.json.replacingOccurrences(of: "/2019/05/ferry/", with: "/2019/05/ferry-json/")
        try site.write(json.replacingOccurrences(of: "Ferry fares rise", with: "Ferry fares rise again"), to: "Content/articles/2025-07-05-json.md")
        _ = try site.build()
        #expect(try site.tree() == site.cleanBuildTree())
    }
}
