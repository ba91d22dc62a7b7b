import Foundation
import Testing
@testable import Herald

/// DESIGN §10, one bad input at a time, through a whole build: the build
/// fails with the exact message (file, line, column), and the `Public/` of
/// the previous good build is left byte for byte as it was, with nothing
/// staged beside it. The unit suites (Config, Content, Templates, Site) test
/// the same messages closer to their source; here every one goes end to end.
@Suite struct ErrorCatalogTests {
    static let theme = [
        "Templates/base.html": "<title>{% block title %}{% endblock %}</title>{% block main %}{% endblock %}",
        "Templates/article.html": "{% extends 'base.html' %}{% block title %}{{ page.title }}{% endblock %}{% block main %}{{ page.content }}{% endblock %}",
        "Templates/page.html": "{% extends 'base.html' %}{% block main %}{{ page.content }}{% endblock %}",
        "Templates/index.html": "{% for a in paginator.items %}{{ a.title }}{% endfor %}",
    ]
    static let siteYAML = "title: Test News\nurl: https://news.example.org/\ntimezone: UTC\n"

    /// A site built once successfully, so that `Public/` holds a previous build.
    static func builtSite() throws -> TemporarySite {
        var files = theme
        files["site.yml"] = siteYAML
        files["Content/articles/2025-07-04-river.md"] = "---\ntitle: River\ndate: 2025-07-04 09:14\ntags: [flood]\n---\nThe river rose.\n"
        files["Content/pages/about.md"] = "---\ntitle: About\n---\nWho we are.\n"
        files["Content/static/robots.txt"] = "User-agent: *\n"
        let site = try TemporarySite(files: files)
        _ = try site.build()
        return site
    }

    /// Applies `change` to a freshly built site, builds again and returns the
    /// diagnostics' descriptions, after checking that the build failed and
    /// changed nothing.
    static func failingBuild(
        sourceLocation: SourceLocation = #_sourceLocation,
        configure: (inout BuildOptions) -> Void = { _ in },
        _ change: (TemporarySite) throws -> Void
    ) throws -> [String] {
        let site = try builtSite()
        defer { site.remove() }
        let publicFolder = site.root.appendingPathComponent("Public")
        let before = Robustness.snapshot(publicFolder)
        #expect(before.keys.contains("2025/07/river/index.html"), sourceLocation: sourceLocation)
        try change(site)
        let errors = site.buildErrors(configure: configure)
        #expect(!errors.isEmpty, "the build should have failed", sourceLocation: sourceLocation)
        #expect(Robustness.snapshot(publicFolder) == before, "Public/ changed", sourceLocation: sourceLocation)
        #expect(Robustness.leftovers(in: site.root).isEmpty, sourceLocation: sourceLocation)
        return errors.map { Diagnostic(path: $0.path, line: $0.line, column: $0.column, severity: $0.severity, message: $0.message).description }
    }

    static let article = "Content/articles/2025-07-05-bad.md"

    // MARK: Content files

    @Test(arguments: [
        // Missing front matter.
        ("# Just a heading\n", "Content/articles/2025-07-05-bad.md:1:1: error: missing front matter: the file must start with a line '---', then YAML such as 'title: …', then another '---' (or TOML between '+++' lines, or a JSON object)"),
        // Front matter not at the very start.
        ("\n---\ntitle: x\n---\n", "Content/articles/2025-07-05-bad.md:1:1: error: missing front matter: the file must start with a line '---', then YAML such as 'title: …', then another '---' (or TOML between '+++' lines, or a JSON object)"),
        // An unclosed `---`.
        ("---\ntitle: Bad\ndate: 2025-07-05\nBody\n", "Content/articles/2025-07-05-bad.md:1:1: error: front matter opened by '---' on line 1 is never closed; add a line '---' after the last key"),
        // An empty file, and one of blank lines.
        ("", "Content/articles/2025-07-05-bad.md:1:1: error: the file is empty: an article starts with '---', front matter such as 'title: …', and '---'"),
        (" \n\n\t\n", "Content/articles/2025-07-05-bad.md:1:1: error: the file is empty: an article starts with '---', front matter such as 'title: …', and '---'"),
        // Empty front matter.
        ("---\n---\nBody\n", "Content/articles/2025-07-05-bad.md:1:1: error: front matter is empty: it needs at least 'title' and 'date'"),
        // Front matter that is not a mapping.
        ("---\n- a\n- b\n---\n", "Content/articles/2025-07-05-bad.md:2:1: error: front matter must be a mapping of 'key: value' lines"),
        // Wrong types.
        ("---\ntitle: [a, b]\ndate: 2025-07-05\n---\n", "Content/articles/2025-07-05-bad.md:2:8: error: 'title' must be a string, not a list"),
        ("---\ntitle: Bad\ndate: 2025-07-05\ntags: {a: 1}\n---\n", "Content/articles/2025-07-05-bad.md:4:7: error: 'tags' must be a string or a list of strings"),
        ("---\ntitle: Bad\ndate: 2025-07-05\ndraft: maybe\n---\n", "Content/articles/2025-07-05-bad.md:4:8: error: 'draft' must be true or false"),
        ("---\ntitle: Bad\ndate: [2025]\n---\n", "Content/articles/2025-07-05-bad.md:3:7: error: 'date' must be a date such as 2025-07-04, 2025-07-04 09:14 or 2025-07-04T09:14:00-04:00"),
        // Unknown date formats.
        ("---\ntitle: Bad\ndate: 07/05/2025\n---\n", "Content/articles/2025-07-05-bad.md:3:7: error: 'date' is not a date: '07/05/2025'; write 2025-07-04, 2025-07-04 09:14 or 2025-07-04T09:14:00-04:00"),
        ("---\ntitle: Bad\ndate: 2025-07-05\nupdated: yesterday\n---\n", "Content/articles/2025-07-05-bad.md:4:10: error: 'updated' is not a date: 'yesterday'; write 2025-07-04, 2025-07-04 09:14 or 2025-07-04T09:14:00-04:00"),
        ("---\ntitle: Bad\ndate: 2025-02-30\n---\n", "Content/articles/2025-07-05-bad.md:3:7: error: 'date' is not a date: '2025-02-30'; write 2025-07-04, 2025-07-04 09:14 or 2025-07-04T09:14:00-04:00"),
        // Missing keys.
        ("---\ndate: 2025-07-05\n---\n", "Content/articles/2025-07-05-bad.md:2:1: error: missing 'title': add a line such as 'title: Council approves the budget' to the front matter"),
        ("---\ntitle: Bad\n---\n", "Content/articles/2025-07-05-bad.md:2:1: error: missing 'date': an article needs its publication date, such as 'date: 2025-07-04 09:14'"),
        // Slugs that would leave Public/.
        ("---\ntitle: Bad\ndate: 2025-07-05\nslug: ../../etc\n---\n", nil),
        ("---\ntitle: Bad\ndate: 2025-07-05\nslug: /abs\n---\n", nil),
        ("---\ntitle: Bad\ndate: 2025-07-05\nlayout: ../secret\n---\n", "Content/articles/2025-07-05-bad.md:4:9: error: layout '../secret' must name a template inside Templates/, such as 'feature'"),
        ("---\ntitle: Bad\ndate: 2025-07-05\ncanonical: javascript:alert(1)\n---\n", "Content/articles/2025-07-05-bad.md:4:12: error: 'canonical' must be an absolute http(s) URL, not 'javascript:alert(1)'"),
        // An unknown layout.
        ("---\ntitle: Bad\ndate: 2025-07-05\nlayout: feature\n---\n", "Content/articles/2025-07-05-bad.md:4:9: error: unknown layout 'feature': there is no Templates/feature.html"),
        // A link to a content file that does not exist.
        ("---\ntitle: Bad\ndate: 2025-07-05\n---\nSee\n[this](nope.md).\n", nil),
    ] as [(String, String?)])
    func badContentFile(text: String, expected: String?) throws {
        let errors = try Self.failingBuild { site in try site.write(text, to: Self.article) }
        if let expected {
            #expect(errors == [expected])
        } else {
            #expect(errors.count == 1)
            #expect(errors.first?.hasPrefix(Self.article + ":") == true)
        }
    }

    @Test func slugsLeavingTheOutputNameTheirLine() throws {
        for slug in ["../../etc", "/abs", "..", "a/b"] {
            let errors = try Self.failingBuild { site in
                try site.write("---\ntitle: Bad\ndate: 2025-07-05\nslug: \(slug)\n---\n", to: Self.article)
            }
            #expect(errors.count == 1)
            #expect(errors.first?.hasPrefix("\(Self.article):4:7: error: slug '\(slug)' ") == true, "\(errors)")
        }
    }

    @Test func invalidYAMLPointsAtTheLine() throws {
        let errors = try Self.failingBuild { site in
            try site.write("---\ntitle: Bad\ndate: 2025-07-05\ntags: [a, b\n---\n", to: Self.article)
        }
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("\(Self.article):5:1: error: invalid YAML: ") == true, "\(errors)")
        let tabs = try Self.failingBuild { site in
            try site.write("---\ntitle: Bad\n\tdate: 2025-07-05\n---\n", to: Self.article)
        }
        #expect(tabs.first?.hasPrefix("\(Self.article):3:") == true, "\(tabs)")
        let duplicate = try Self.failingBuild { site in
            try site.write("---\ntitle: Bad\ndate: 2025-07-05\ntitle: Again\n---\n", to: Self.article)
        }
        #expect(duplicate.first?.hasPrefix("\(Self.article):") == true, "\(duplicate)")
        #expect(duplicate.first?.contains("'title' appears twice") == true, "\(duplicate)")
    }

    @Test func invalidUTF8AndNULBytesNameLineAndColumn() throws {
        let utf8 = try Self.failingBuild { site in
            try site.writeBytes(Array("---\ntitle: Caf".utf8) + [0xE9] + Array("\ndate: 2025-07-05\n---\n".utf8), to: Self.article)
        }
        #expect(utf8 == ["\(Self.article):2:11: error: invalid UTF-8 (byte 0xE9); save the file as UTF-8"])
        let truncated = try Self.failingBuild { site in
            try site.writeBytes(Array("---\ntitle: x\ndate: 2025-07-05\n---\nab".utf8) + [0xF0, 0x9F], to: Self.article)
        }
        #expect(truncated == ["\(Self.article):5:3: error: invalid UTF-8 (byte 0xF0); save the file as UTF-8"])
        let nul = try Self.failingBuild { site in
            try site.writeBytes(Array("---\ntitle: x\ndate: 2025-07-05\n---\nab".utf8) + [0] + Array("c\n".utf8), to: Self.article)
        }
        #expect(nul == ["\(Self.article):5:3: error: the file contains a NUL byte; is it a binary file? Remove it or save the file as UTF-8 text"])
        let binaryPage = try Self.failingBuild { site in
            try site.writeBytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], to: "Content/pages/logo.md")
        }
        #expect(binaryPage == ["Content/pages/logo.md:1:1: error: invalid UTF-8 (byte 0x89); save the file as UTF-8"])
    }

    @Test func anAuthorFileWithAnUnknownKey() throws {
        let errors = try Self.failingBuild { site in
            try site.write("---\nname: Ada\nemial: ada@example.org\n---\n", to: "Content/authors/ada.md")
        }
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("Content/authors/ada.md:3:1: error: unknown key 'emial'") == true, "\(errors)")
    }

    // MARK: site.yml

    @Test(arguments: [
        ("", "site.yml:1:1: error: site.yml is empty: it needs at least 'title' and 'url'"),
        ("title: T\nurl: ftp://x.org/\n", "site.yml:2:6: error: 'url' must be an absolute http(s) URL such as https://news.example.org/, not 'ftp://x.org/'"),
        ("title: T\nurl: https://x.org/\ntimezone: Mars/Olympus\n", "site.yml:3:11: error: unknown time zone 'Mars/Olympus': use an IANA name such as America/New_York or UTC"),
        ("title: T\nurl: https://x.org/\npaginate: ten\n", "site.yml:3:11: error: 'paginate' must be a whole number of at least 1"),
        ("title: T\nurl: https://x.org/\npermalinks:\n  article: /../:slug/\n", "site.yml:4:12: error: permalinks.article '/../:slug/': '..' would leave the output folder"),
        ("title: T\nurl: https://x.org/\nfeeds:\n  formats: [atom, rdf]\n", "site.yml:4:19: error: unknown feed format 'rdf' in feeds.formats: use atom, rss or json"),
        ("title: [T\nurl: https://x.org/\n", nil),
    ] as [(String, String?)])
    func badSiteConfiguration(yaml: String, expected: String?) throws {
        let errors = try Self.failingBuild { site in try site.write(yaml, to: "site.yml") }
        if let expected {
            #expect(errors == [expected])
        } else {
            #expect(errors.count == 1)
            #expect(errors.first?.hasPrefix("site.yml:") == true && errors.first?.contains("invalid YAML") == true, "\(errors)")
        }
    }

    @Test func aMissingSiteConfiguration() throws {
        let errors = try Self.failingBuild { site in
            try FileManager.default.removeItem(at: site.root.appendingPathComponent("site.yml"))
        }
        #expect(errors == ["site.yml: error: no site.yml here: a site root holds site.yml with at least 'title' and 'url' (run 'herald init' to start one)"])
    }

    @Test func anInvalidBaseURL() throws {
        let errors = try Self.failingBuild(configure: { $0.baseURL = "news.example.org" }) { _ in }
        #expect(errors == ["command line: error: --base-url must be an absolute http(s) URL, not 'news.example.org'"])
    }

    // MARK: Templates

    @Test(arguments: [
        ("Templates/article.html", "{% extends 'base.html' %}{% block main %}\n  {% if page.title %}{{ page.content }}{% endblock %}",
         "Templates/article.html:2:3: error: '{% if %}' is not closed before '{% endblock %}' on line 2; add '{% endif %}'"),
        ("Templates/article.html", "{{ page.title | uper }}", "Templates/article.html:1:17: error: unknown filter 'uper'; see docs/templates.md for the list of filters"),
        ("Templates/article.html", "{% include 'partials/nope.html' %}", nil),
        ("Templates/article.html", "{% extends 'nope.html' %}", nil),
        ("Templates/index.html", "{{ x }", "Templates/index.html:1:1: error: '{{' is never closed; end the expression with '}}'"),
        ("Templates/index.html", "{% frobnicate %}", "Templates/index.html:1:4: error: unknown tag 'frobnicate'; the tags are if, for, set, include, extends, block and raw"),
    ])
    func badTemplate(path: String, text: String, expected: String?) throws {
        let errors = try Self.failingBuild { site in try site.write(text, to: path) }
        if let expected {
            #expect(errors == [expected])
        } else {
            #expect(errors.count == 1)
            #expect(errors.first?.hasPrefix(path + ":1:") == true, "\(errors)")
            #expect(errors.first?.contains("nope.html") == true, "\(errors)")
        }
    }

    @Test func includeAndExtendsCycles() throws {
        let include = try Self.failingBuild { site in
            try site.write("a{% include 'partials/b.html' %}", to: "Templates/partials/a.html")
            try site.write("\nb{% include 'partials/a.html' %}", to: "Templates/partials/b.html")
            try site.write("{% include 'partials/a.html' %}{{ page.content }}", to: "Templates/article.html")
        }
        #expect(!include.isEmpty)
        #expect(include.allSatisfy { $0.hasPrefix("Templates/") && $0.contains("partials/") }, "\(include)")
        let selfInclude = try Self.failingBuild { site in
            try site.write("{% include 'index.html' %}", to: "Templates/index.html")
        }
        #expect(selfInclude.first?.hasPrefix("Templates/index.html:1:4: error: ") == true, "\(selfInclude)")
        let extends = try Self.failingBuild { site in
            try site.write("{% extends 'article.html' %}", to: "Templates/base.html")
        }
        #expect(extends == ["Templates/base.html:1:4: error: extending 'article.html' here never ends: article.html → base.html → article.html; break the cycle"])
    }

    @Test func anErrorWhileRenderingNamesTheTemplateLine() throws {
        let errors = try Self.failingBuild { site in
            try site.write("{% extends 'base.html' %}{% block main %}\n{{ page.titel }}{% endblock %}", to: "Templates/article.html")
        }
        #expect(errors == ["Templates/article.html:2:9: error: 'page' has no member 'titel'; check the spelling, or use 'page.titel | default(…)'"])
    }

    @Test func aThemeWithoutItsRequiredTemplates() throws {
        let errors = try Self.failingBuild { site in
            try FileManager.default.removeItem(at: site.root.appendingPathComponent("Templates/article.html"))
        }
        #expect(errors == ["Templates/article.html: error: the theme has no article.html; every site needs article.html, index.html and (with standalone pages) page.html"])
    }

    // MARK: Output paths

    @Test func aDuplicateOutputPath() throws {
        let errors = try Self.failingBuild { site in
            try site.write("---\ntitle: River again\ndate: 2025-07-09\n---\n", to: "Content/articles/2025-07-09-river.md")
        }
        #expect(errors == ["Content/articles/2025-07-04-river.md: error: 'Content/articles/2025-07-04-river.md' and 'Content/articles/2025-07-09-river.md' both map to /2025/07/river/index.html; give one of them another slug or path"])
        let staticClash = try Self.failingBuild { site in
            try site.write("x", to: "Content/static/about/index.html")
        }
        #expect(staticClash.count == 1)
        #expect(staticClash.first?.contains("both map to /about/index.html") == true, "\(staticClash)")
    }

    @Test func aFileNameWithALineBreak() throws {
        // Would otherwise be written as two lines of the publisher's journal,
        // the second one deleting /about/index.html if the commit were interrupted.
        let errors = try Self.failingBuild { site in
            try site.write("x", to: "Content/static/a\nD about/index.html")
        }
        #expect(errors == ["Content/static/a\nD about/index.html: error: output path '/a\\nD about/index.html' contains a control character such as a line break; rename the file"])
    }

    @Test(arguments: [".", "Content", "Content/articles", "Templates", "Templates/partials", "..", "/", "site.yml"])
    func outputFoldersThatHoldOrAreSources(output: String) throws {
        let errors = try Self.failingBuild(configure: { options in
            options.output = output == "/" ? URL(fileURLWithPath: "/") : options.source.appendingPathComponent(output)
        }) { _ in }
        #expect(errors.count == 1)
        #expect(errors.first?.contains(": error: refusing to build into ") == true, "\(errors)")
    }

    @Test func anOutputFolderReachedThroughASymbolicLink() throws {
        let link = FileManager.default.temporaryDirectory.appendingPathComponent("herald-link-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: link) }
        let errors = try Self.failingBuild(configure: { options in
            options.output = link
        }) { site in
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: site.root.appendingPathComponent("Content"))
        }
        #expect(errors.first?.contains("refusing to build into") == true, "\(errors)")
    }

    @Test func manyProblemsAreReportedInOneRun() throws {
        let errors = try Self.failingBuild { site in
            try site.write("", to: "Content/articles/a.md")
            try site.write("---\ntitle: B\ndate: soon\n---\n", to: "Content/articles/b.md")
            try site.write("{{ x | nope }}", to: "Templates/index.html")
        }
        #expect(errors.count == 3)
    }

    // MARK: Through the real command

    @Test func theCommandExitsWithStatusOneAndPrintsLocatedErrors() throws {
        let site = try Self.builtSite()
        defer { site.remove() }
        let publicFolder = site.root.appendingPathComponent("Public")
        let before = Robustness.snapshot(publicFolder)
        try site.write("---\ntitle: Bad\ndate: 07/05/2025\n---\n", to: Self.article)
        try site.write("", to: "Content/pages/empty.md")
        try site.write("{{ page.title | uper }}", to: "Templates/page.html")
        let result = try Robustness.runHerald(["build", "--source", site.root.path, "--quiet"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Content/articles/2025-07-05-bad.md:3:7: error: 'date' is not a date: '07/05/2025'"), "\(result.stderr)")
        #expect(result.stderr.contains("Content/pages/empty.md:1:1: error: the file is empty"), "\(result.stderr)")
        #expect(result.stderr.contains("Templates/page.html:1:17: error: unknown filter 'uper'"), "\(result.stderr)")
        #expect(Robustness.snapshot(publicFolder) == before)
        #expect(Robustness.leftovers(in: site.root).isEmpty)
    }

    @Test(arguments: [["-o", "."], ["-o", "/"], ["-o", "Content"], ["--base-url", "nope"]])
    func theCommandRefusesBadOptions(arguments: [String]) throws {
        let site = try Self.builtSite()
        defer { site.remove() }
        let before = Robustness.snapshot(site.root)
        let resolved = arguments.map { $0 == "." || $0 == "Content" ? site.root.appendingPathComponent($0).path : $0 }
        let result = try Robustness.runHerald(["build", "--source", site.root.path, "--quiet"] + resolved)
        #expect(result.status == 1)
        #expect(result.stderr.contains(": error: "), "\(result.stderr)")
        #expect(Robustness.snapshot(site.root) == before)
    }

    @Test func theCommandReportsAnInvalidUTF8ContentFile() throws {
        let site = try Self.builtSite()
        defer { site.remove() }
        let before = Robustness.snapshot(site.root.appendingPathComponent("Public"))
        try site.writeBytes(Array("---\ntitle: x\n".utf8) + [0xFF, 0xFE] + Array("\n---\n".utf8), to: Self.article)
        let result = try Robustness.runHerald(["build", "-s", site.root.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Content/articles/2025-07-05-bad.md:3:1: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8"), "\(result.stderr)")
        #expect(Robustness.snapshot(site.root.appendingPathComponent("Public")) == before)
    }
}
