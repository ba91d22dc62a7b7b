import Foundation
import Testing
@testable import Herald

/// The index a build writes: what is in it, what never is, and that
/// rebuilds keep it exact while rewriting only what changed.
@Suite struct SearchBuildTests {
    static func site() throws -> TemporarySite {
        var files = [
            // One feed of one entry: an edit rebuild reads no other article's body.
            "site.yml": "title: T\nurl: https://news.example.org/\nsearch: { engine: herald }\nfeeds: { formats: [atom], limit: 1, taxonomies: false }\n",
            "Templates/article.html": "<h1>{{ page.title }}</h1>{{ page.content }}",
            // Titles only: an edit rebuild reads no other article's body.
            "Templates/index.html": "{% for a in paginator.items %}<h2>{{ a.title }}</h2>{% endfor %}",
            "Templates/search.html": "<form role=\"search\"></form><div id=\"search-results\"></div>",
            "Content/articles/2025-03-10-draft.md": "---\ntitle: Secret plans\ndate: 2025-03-10\ndraft: true\n---\nThe zeppelinport is coming.\n",
            "Content/articles/2025-03-11-future.md": "---\ntitle: Tomorrow\ndate: 2099-01-01\n---\nA quasarbridge opens.\n",
            "Content/articles/2025-03-12-expired.md": "---\ntitle: Gone\ndate: 2025-03-01\nexpires: 2025-03-05\n---\nThe marzipanfair ended.\n",
            "Content/articles/2025-03-13-unlisted.md": "---\ntitle: Unlisted\ndate: 2025-03-02\nlist: false\n---\nThe hushhushdepot is private.\n",
        ]
        let stories = [
            ("Council adopts the harbor budget", "Ada Park", "City Hall", "budget", "The council voted on the harbor budget for the new year."),
            ("Floods close the river road", "Tom Reed", "Environment", "weather", "Flooding closed the river road after heavy rain."),
            ("School board hires a superintendent", "Ada Park", "Schools", "education", "The board named a superintendent from Millbrook."),
            ("Mill workers celebrate a century", "Lena Okafor", "Business", "history", "The woolen mill turned one hundred, and workers marked the flooding of 1955."),
        ]
        for (index, story) in stories.enumerated() {
            files["Content/articles/2025-03-0\(index + 1)-story-\(index + 1).md"] =
                "---\ntitle: \(story.0)\ndate: 2025-03-0\(index + 1)\nauthor: \(story.1)\ncategories: [\(story.2)]\ntags: [\(story.3)]\n---\n\(story.4)\n\nMore words about the valley, day \(index + 1).\n"
        }
        return try TemporarySite(files: files)
    }

    func build(_ site: TemporarySite) throws -> SearchIndexReader {
        _ = try site.build { $0.now = Date(timeIntervalSince1970: 1_750_000_000) }
        return try SearchIndexReader(output: site.root.appendingPathComponent("Public"))
    }

    @Test func findsArticlesByWordStemNameAndFilter() throws {
        let site = try Self.site()
        defer { site.remove() }
        let index = try build(site)
        #expect(index.documents == 4)
        #expect(try index.urls("superintendent").first == "/2025/03/story-3/")
        // A stemmed form the articles never use.
        #expect(try index.urls("flooded").first == "/2025/03/story-2/")
        // The title outranks a mention in the body.
        #expect(try index.urls("floods") == ["/2025/03/story-2/", "/2025/03/story-4/"])
        // A byline, and a two-word query whose article has both words first.
        #expect(try index.urls("Lena Okafor") == ["/2025/03/story-4/"])
        #expect(try index.urls("harbor budget").first == "/2025/03/story-1/")
        #expect(try index.urls("valley", filter: SearchIndex.filterKey(.author, "Ada Park")) == ["/2025/03/story-3/", "/2025/03/story-1/"])
        #expect(try index.urls("valley", filter: SearchIndex.filterKey(.section, "Schools")) == ["/2025/03/story-3/"])
        #expect(try index.urls("valley", filter: SearchIndex.filterKey(.tag, "weather")) == ["/2025/03/story-2/"])
        #expect(site.read("Public/search/index.html")?.contains("search-results") == true)
    }

    @Test func neverIndexesDraftsFutureExpiredOrUnlistedArticles() throws {
        let site = try Self.site()
        defer { site.remove() }
        let index = try build(site)
        for word in ["zeppelinport", "quasarbridge", "marzipanfair", "hushhushdepot", "secret", "tomorrow"] {
            #expect(try index.urls(word).isEmpty, "\(word)")
        }
        let everything = try FileManager.default.contentsOfDirectory(atPath: index.folder.path)
            .map { String(decoding: FileManager.default.contents(atPath: index.folder.appendingPathComponent($0).path)!, as: UTF8.self) }
            .joined()
        #expect(!everything.contains("zeppelin") && !everything.contains("Unlisted") && !everything.contains("quasar"))
    }

    @Test func isByteStableAndOffWithoutTheSetting() throws {
        let site = try Self.site()
        defer { site.remove() }
        _ = try build(site)
        let first = try site.tree("Public/search")
        let clean = try site.cleanBuildTree().filter { $0.key.hasPrefix("search/") }
        #expect(first == Dictionary(uniqueKeysWithValues: clean.map { (String($0.key.dropFirst("search/".count)), $0.value) }))
        try site.write("title: T\nurl: https://news.example.org/\n", to: "site.yml")
        _ = try site.build()
        #expect(!site.exists("Public/search"))
    }

    /// An edit rebuild gives the clean build's index, rewriting only the
    /// files whose bytes changed.
    @Test func anEditRewritesOnlyTheShardsItChangesAndEqualsACleanBuild() throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.age()
        _ = try build(site)
        let folder = site.root.appendingPathComponent("Public/search/index")
        let before = try TemporarySite.tree(folder)
        func modified(_ name: String) throws -> Date {
            try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.modificationDate] as! Date
        }
        let times = try Dictionary(uniqueKeysWithValues: before.keys.map { ($0, try modified($0)) })
        try site.write(
            "---\ntitle: School board hires a superintendent\ndate: 2025-03-03\nauthor: Ada Park\ncategories: [Schools]\ntags: [education]\n---\nThe board named a superintendent from Millbrook.\n\nShe starts with a xylophonic welcome.\n",
            to: "Content/articles/2025-03-03-story-3.md")
        try site.age()
        let report = try site.build { $0.now = Date(timeIntervalSince1970: 1_750_000_000) }
        #expect(report.filesReused > 0)
        let after = try TemporarySite.tree(folder)
        let clean = try site.cleanBuildTree()
        #expect(after == Dictionary(uniqueKeysWithValues: clean.filter { $0.key.hasPrefix("search/index/") }.map { (String($0.key.dropFirst("search/index/".count)), $0.value) }))
        #expect(try SearchIndexReader(output: site.root.appendingPathComponent("Public")).urls("xylophonic") == ["/2025/03/story-3/"])
        var rewritten: [String] = []
        for name in after.keys.sorted() {
            if try modified(name) != times[name] { rewritten.append(name) } else { #expect(after[name] == before[name]) }
        }
        #expect(!rewritten.isEmpty && rewritten.count < after.count, "\(rewritten)")
    }

    /// Without its cache, an edit rebuild cannot know the unread articles'
    /// words: it builds everything instead, and the index is still exact.
    @Test func aLostCacheMakesTheRebuildFull() throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.age()
        _ = try build(site)
        FileSystem.remove(SearchCache.location(of: site.root.appendingPathComponent("Public")))
        try site.write("---\ntitle: Floods close the river road\ndate: 2025-03-02\nauthor: Tom Reed\ncategories: [Environment]\ntags: [weather]\n---\nFlooding closed the river road after a quagmire.\n", to: "Content/articles/2025-03-02-story-2.md")
        try site.age()
        let report = try site.build { $0.now = Date(timeIntervalSince1970: 1_750_000_000) }
        #expect(report.filesReused == 0)
        let index = try SearchIndexReader(output: site.root.appendingPathComponent("Public"))
        #expect(try index.urls("quagmire") == ["/2025/03/story-2/"])
        #expect(try index.urls("superintendent") == ["/2025/03/story-3/"])
    }
}

@Suite struct SearchSettingsTests {
    @Test func readsTheEngineAndRejectsUnknownOnes() throws {
        #expect(try SiteConfigLoader.parse("title: T\nurl: https://a.example/\nsearch: { engine: herald }\n").search.engine == .herald)
        #expect(try SiteConfigLoader.parse("title: T\nurl: https://a.example/\n").search.engine == SearchSettings.Engine.none)
        #expect(throws: DiagnosticError.self) { try SiteConfigLoader.parse("title: T\nurl: https://a.example/\nsearch: { engine: lunr }\n") }
        do {
            _ = try SiteConfigLoader.parse("title: T\nurl: https://a.example/\nsearch:\n  engin: herald\n")
            Issue.record("an unknown key passed")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["site.yml:4:3: error: unknown key 'engin' in 'search'; did you mean 'engine'? valid keys: engine"])
        }
    }
}
