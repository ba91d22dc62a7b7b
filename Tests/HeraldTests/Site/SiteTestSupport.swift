import Foundation
@testable import Herald

/// Small purpose-made themes and helpers shared by the site tests.
enum SiteFixtures {
    /// The repository root (the demo site), found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A theme whose every template prints one terse line, easy to assert on.
    static let listTheme: [String: String] = [
        "Templates/article.html": "{{ page.title }}|{{ page.url }}|prev={% if page.prev %}{{ page.prev.slug }}{% endif %}|next={% if page.next %}{{ page.next.slug }}{% endif %}|related={% for r in page.related %}{{ r.slug }},{% endfor %}|authors={% for a in page.authors %}{{ a.name }}@{{ a.url }},{% endfor %}",
        "Templates/page.html": "{{ page.title }}|{{ page.url }}|{{ page.content }}",
        "Templates/index.html": "{{ paginator.number }}/{{ paginator.total_pages }}|{% for a in paginator.items %}{{ a.slug }},{% endfor %}|prev={{ paginator.prev_url | default('') }}|next={{ paginator.next_url | default('') }}",
        "Templates/term.html": "{{ term.name }}|{{ paginator.number }}/{{ paginator.total_pages }}|{% for a in paginator.items %}{{ a.slug }},{% endfor %}",
        "Templates/taxonomy.html": "{{ taxonomy.title }}|{% for t in terms %}{{ t.name }}={{ t.count }}@{{ t.url }};{% endfor %}",
        "Templates/archive.html": "{% for y in years %}{{ y.year }}({{ y.count }}):{% for m in y.months %}{{ m.name }}({{ m.count }})[{% for a in m.articles %}{{ a.slug }},{% endfor %}]{% endfor %};{% endfor %}",
        "Templates/404.html": "not found",
    ]

    static let siteYAML = "title: Test News\nurl: https://news.example.org/\ntimezone: America/New_York\npaginate: 2\n"

    /// A site with `listTheme`, the default `site.yml` (unless given) and `files`.
    static func site(_ files: [String: String], yaml: String = siteYAML) throws -> TemporarySite {
        var all = listTheme
        all["site.yml"] = yaml
        all.merge(files) { _, new in new }
        return try TemporarySite(files: all)
    }

    /// The diagnostics of `site.yml` made of a title, a URL and `yaml`.
    static func configErrors(_ yaml: String) -> [String] {
        do {
            _ = try SiteConfigLoader.parse("title: T\nurl: https://a.org/\n" + yaml)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    /// Front matter plus body of an article.
    static func article(_ title: String, date: String, _ extra: String = "", body: String = "Body.") -> String {
        "---\ntitle: \(title)\ndate: \(date)\n\(extra)---\n\(body)\n"
    }

    /// Every regular file under `folder`, relative to it, sorted.
    static func files(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var result: [String] = []
        let base = folder.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            result.append(path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path)
        }
        return result.sorted()
    }

    /// Copies a folder of the repository (the demo `Content/`, `Templates/`) into `site`.
    static func copyFromRepository(_ folder: String, into site: TemporarySite) throws {
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(folder), to: site.root.appendingPathComponent(folder))
    }

    /// A temporary copy of the demo site with `site.yml`'s `url` replaced.
    static func demoSite(url: String = "https://news.example.org/", extraFiles: [String: String] = [:]) throws -> TemporarySite {
        let site = try TemporarySite()
        try copyFromRepository("Content", into: site)
        try copyFromRepository("Templates", into: site)
        let yaml = try String(contentsOf: repositoryRoot.appendingPathComponent("site.yml"), encoding: .utf8)
        let replaced = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("url:") ? "url: \(url)" : String($0) }.joined(separator: "\n")
        try site.write(replaced, to: "site.yml")
        for (path, text) in extraFiles { try site.write(text, to: path) }
        return site
    }

    /// Every match of the first capture group of `pattern` in `text`.
    static func captures(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
