import Foundation
@testable import Herald

/// Sites the build tests start from.
enum BuildFixtures {
    /// The smallest theme every site needs.
    static let minimalTheme = [
        "Templates/article.html": "<h1>{{ page.title }}</h1>{{ page.content }}",
        "Templates/page.html": "<h1>{{ page.title }}</h1>{{ page.content }}",
        "Templates/index.html": "{% for a in paginator.items %}{{ a.title }}{% endfor %}",
    ]

    /// One article, one page, a static file and an asset, with `extra` files.
    static func site(_ extra: [String: String] = [:]) throws -> TemporarySite {
        var files = minimalTheme
        files["site.yml"] = "title: Test News\nurl: https://news.example.org/\ntimezone: America/New_York\n"
        files["Content/articles/2025-07-04-river.md"] = "---\ntitle: River\ndate: 2025-07-04 09:14\ntags: [Flood]\n---\nThe river rose.\n"
        files["Content/pages/about.md"] = "---\ntitle: About\n---\nWho we are.\n"
        files["Content/static/images/a.svg"] = "<svg xmlns='http://www.w3.org/2000/svg'/>"
        files["Templates/assets/site.css"] = "body{}"
        files.merge(extra) { _, new in new }
        return try TemporarySite(files: files)
    }

    /// Six stories in two tags, paginated two a page, with related
    /// articles: what the incremental-build tests edit.
    static func storiesSite() throws -> TemporarySite {
        var files = [
            "site.yml": "title: T\nurl: https://news.example.org/\npaginate: 2\n",
            "Templates/article.html": "<h1>{{ page.title }}</h1>{{ page.content }}<p>{{ page.reading_time }} min</p>{% for r in page.related %}<a href=\"{{ r.url }}\">{{ r.title }}</a>{% endfor %}",
            "Templates/index.html": "{% for a in paginator.items %}<h2>{{ a.title }}</h2>{{ a.summary }}{% endfor %}",
            "Templates/term.html": "{{ term.name }}:{% for a in paginator.items %}{{ a.title }},{% endfor %}",
        ]
        for day in 1...6 {
            files["Content/articles/2025-03-0\(day)-story-\(day).md"] = "---\ntitle: Story \(day)\ndate: 2025-03-0\(day)\ntags: [t\(day % 2)]\n---\nLead \(day).\n\nBody \(day).\n"
        }
        return try TemporarySite(files: files)
    }
}

extension TemporarySite {
    /// Dates every source file back to a fixed day, outside the cache's
    /// "racy" window; edits in the tests change sizes, so they still show.
    func age() throws {
        let old = Date(timeIntervalSince1970: 1_600_000_000)
        for folder in ["site.yml", "Content", "Templates"] {
            let base = root.appendingPathComponent(folder)
            var paths = [base.path]
            if let files = FileManager.default.enumerator(atPath: base.path) {
                paths += files.compactMap { $0 as? String }.map { base.path + "/" + $0 }
            }
            for path in paths {
                try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path)
            }
        }
    }

    /// Every file below `folder` (relative to the site root) with its bytes.
    func tree(_ folder: String = "Public") throws -> [String: Data] {
        try Self.tree(root.appendingPathComponent(folder))
    }

    /// Every file below `folder` with its bytes.
    static func tree(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            let url = folder.appendingPathComponent(path)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                files[path] = FileManager.default.contents(atPath: url.path)
            }
        }
        return files
    }

    /// The files of a clean build of the same sources into another folder.
    func cleanBuildTree() throws -> [String: Data] {
        let clean = root.appendingPathComponent("Clean")
        _ = try build { $0.output = clean }
        return try Self.tree(clean)
    }
}
