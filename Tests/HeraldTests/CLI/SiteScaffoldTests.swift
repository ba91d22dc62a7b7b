import Foundation
import Testing
@testable import Herald

@Suite("herald init")
struct SiteScaffoldTests {
    @Test("creates a site with config, sample content, theme, Public/ and .gitignore")
    func createsTheFiles() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let folder = site.root.appendingPathComponent("news")
        let written = try SiteScaffold.create(at: folder, theme: PlaceholderTheme.files)
        let expected = [
            "site.yml", "Content/articles/\(SiteScaffold.sampleArticleFileName)", "Content/pages/about.md",
            "Public/.gitkeep", ".gitignore", "Templates/article.html", "Templates/assets/style.css",
        ]
        for path in expected {
            #expect(written.contains(path), "init did not report \(path)")
            #expect(site.exists("news/" + path), "init did not write \(path)")
        }
        let gitignore = try #require(site.read("news/.gitignore"))
        #expect(gitignore.contains("Public/*\n!Public/.gitkeep"))
        let article = try #require(site.read("news/Content/articles/\(SiteScaffold.sampleArticleFileName)"))
        for key in ["title:", "date:", "author:", "tags:", "categories:", "summary:"] {
            #expect(article.contains("\n" + key), "the sample article lacks \(key)")
        }
    }

    @Test("the new site builds as it is")
    func newSiteBuilds() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try SiteScaffold.create(at: site.root, theme: PlaceholderTheme.files)
        let report = try site.build()
        #expect(report.articles == 1)
        #expect(report.pages == 1)
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        #expect(site.exists("Public/2025/07/river-ferry-returns/index.html"))
        #expect(site.exists("Public/about/index.html"))
        #expect(site.exists("Public/assets/style.css"))
    }

    @Test("refuses a folder that is not empty, unless forced")
    func refusesNonEmpty() throws {
        let site = try TemporarySite(files: ["notes.txt": "keep me", "site.yml": "title: Mine\n"])
        defer { site.remove() }
        #expect(throws: DiagnosticError.self) { try SiteScaffold.create(at: site.root, theme: PlaceholderTheme.files) }
        do {
            try SiteScaffold.create(at: site.root, theme: PlaceholderTheme.files)
        } catch {
            #expect(error.diagnostics.first?.message.contains("--force") == true)
        }
        #expect(site.read("site.yml") == "title: Mine\n", "a refused init must not write anything")
        #expect(!site.exists("Content"))

        try SiteScaffold.create(at: site.root, force: true, theme: PlaceholderTheme.files)
        #expect(site.read("site.yml") == SiteScaffold.sampleSiteConfig)
        #expect(site.read("notes.txt") == "keep me", "--force leaves other files alone")
    }

    @Test("a folder holding only .git counts as empty")
    func gitFolderIsEmpty() throws {
        let site = try TemporarySite(files: [".git/HEAD": "ref: refs/heads/main\n"])
        defer { site.remove() }
        try SiteScaffold.create(at: site.root, theme: PlaceholderTheme.files)
        #expect(site.exists("site.yml"))
    }

    @Test("refuses a path that is a file")
    func refusesFile() throws {
        let site = try TemporarySite(files: ["file": "x"])
        defer { site.remove() }
        #expect(throws: DiagnosticError.self) { try SiteScaffold.create(at: site.root.appendingPathComponent("file"), force: true) }
    }
}

@Suite("The embedded default theme")
struct DefaultThemeTests {
    /// The repository's root, from this file's path.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("matches Templates/ byte for byte")
    func matchesTemplates() throws {
        let templates = Self.repository.appendingPathComponent("Templates")
        var onDisk: [String: [UInt8]] = [:]
        if let enumerator = FileManager.default.enumerator(at: templates, includingPropertiesForKeys: [.isRegularFileKey]) {
            let prefix = templates.standardizedFileURL.path + "/"
            for case let url as URL in enumerator where url.lastPathComponent != ".DS_Store" {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
                let path = String(url.standardizedFileURL.path.dropFirst(prefix.count))
                onDisk[path] = Array(try Data(contentsOf: url))
            }
        }
        let embedded = SiteScaffold.embeddedTheme()
        let hint = "Templates/ changed: run scripts/embed-theme.sh and commit Sources/Herald/Scaffold/DefaultTheme.swift"
        #expect(embedded.map(\.path) == embedded.map(\.path).sorted(), "\(hint)")
        let embeddedByPath = Dictionary(embedded.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        #expect(Set(embeddedByPath.keys) == Set(onDisk.keys), "\(hint)")
        for (path, bytes) in onDisk {
            #expect(embeddedByPath[path] == bytes, "Templates/\(path) differs from the embedded copy. \(hint)")
        }
    }
}
