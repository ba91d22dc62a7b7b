import Foundation
import Testing
@testable import Herald

/// Aliases and `redirects.map`: redirect pages, host files, and the
/// problems (a redirect hiding a page, a conflict, a loop, a chain, a target
/// the site does not have) located where the user wrote them.
@Suite struct RedirectTests {
    static let yaml = SiteFixtures.siteYAML

    static func site(_ files: [String: String] = [:], yaml: String = yaml) throws -> TemporarySite {
        var all: [String: String] = [
            "Content/articles/2025-07-04-river.md": SiteFixtures.article(
                "River", date: "2025-07-04 09:14",
                "aliases:\n  - /2019/05/the-river-rises/\n  - /?p=42\n  - /caf%C3%A9/old\n  - https://news.example.org/old/river.html\n"),
            "Content/pages/about.md": "---\ntitle: About\naliases: [/about-us/]\n---\nWho we are.\n",
        ]
        all.merge(files) { _, new in new }
        return try SiteFixtures.site(all, yaml: yaml)
    }

    @Test func aliasesBecomeRedirectPages() throws {
        let site = try Self.site()
        defer { site.remove() }
        _ = try site.build()
        let page = try #require(site.read("Public/2019/05/the-river-rises/index.html"))
        let target = "https://news.example.org/2025/07/river/"
        #expect(page.contains("<meta http-equiv=\"refresh\" content=\"0; url=\(target)\">"))
        #expect(page.contains("<link rel=\"canonical\" href=\"\(target)\">"))
        #expect(page.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(page.contains("<a href=\"\(target)\">"))
        // A percent-encoded alias is written at its decoded path; a file name is kept.
        #expect(site.read("Public/café/old/index.html")?.contains(target) == true)
        #expect(site.read("Public/old/river.html")?.contains(target) == true)
        #expect(site.read("Public/about-us/index.html")?.contains("https://news.example.org/about/") == true)
        // A query has no page: only the host files answer it.
        #expect(!site.exists("Public/index.html?p=42"))
        // Redirect pages are not in the sitemap.
        #expect(site.read("Public/sitemap.xml")?.contains("the-river-rises") == false)
    }

    @Test func hostFilesListEveryRedirect() throws {
        let site = try Self.site()
        defer { site.remove() }
        _ = try site.build()
        let netlify = try #require(site.read("Public/_redirects"))
        #expect(netlify.contains("\n/2019/05/the-river-rises/ /2025/07/river/ 301!\n"))
        #expect(netlify.contains("\n/ p=42 /2025/07/river/ 301!\n"))
        #expect(netlify.contains("\n/caf%C3%A9/old /2025/07/river/ 301!\n"))
        #expect(netlify.contains("\n/about-us/ /about/ 301!\n"))
        let apache = try #require(site.read("Public/.htaccess"))
        #expect(apache.contains("RewriteEngine On\n"))
        #expect(apache.contains("RewriteRule \"^2019/05/the-river-rises/?$\" \"/2025/07/river/\" [R=301,L,NE]\n"))
        #expect(apache.contains("RewriteRule \"^old/river\\.html$\" \"/2025/07/river/\" [R=301,L,NE]\n"))
        #expect(apache.contains("RewriteCond %{QUERY_STRING} \"^p=42$\"\nRewriteRule \"^$\" \"/2025/07/river/\" [R=301,L,NE,QSD]\n"))
        let nginx = try #require(site.read("Public/nginx-redirects.conf"))
        #expect(nginx.contains("location = \"/2019/05/the-river-rises/\" { return 301 \"/2025/07/river/\"; }\n"))
        #expect(nginx.contains("location = \"/2019/05/the-river-rises\" { return 301 \"/2025/07/river/\"; }\n"))
        #expect(nginx.contains("location = \"/café/old\" { return 301 \"/2025/07/river/\"; }\n"))
        #expect(nginx.contains("if ($request_uri = \"/?p=42\") { return 301 \"/2025/07/river/\"; }\n"))
    }

    @Test func aSiteWithoutRedirectsWritesNoHostFiles() throws {
        let site = try SiteFixtures.site(["Content/articles/a.md": SiteFixtures.article("A", date: "2025-07-04")])
        defer { site.remove() }
        _ = try site.build()
        #expect(!site.exists("Public/_redirects"))
        #expect(!site.exists("Public/.htaccess"))
        #expect(!site.exists("Public/nginx-redirects.conf"))
    }

    @Test func formatsAndSubpathAreHonoured() throws {
        let yaml = "title: T\nurl: https://example.github.io/news/\nredirects:\n  formats: [netlify]\n  map:\n    /old-about/: /about/\n"
        let river = SiteFixtures.article("River", date: "2025-07-04 09:14", "aliases: [/2019/05/the-river-rises/]\n")
        let site = try Self.site(["Content/articles/2025-07-04-river.md": river], yaml: yaml)
        defer { site.remove() }
        _ = try site.build()
        #expect(!site.exists("Public/2019/05/the-river-rises/index.html"))
        #expect(!site.exists("Public/.htaccess"))
        let netlify = try #require(site.read("Public/_redirects"))
        #expect(netlify.contains("\n/news/2019/05/the-river-rises/ /news/2025/07/river/ 301!\n"))
        #expect(netlify.contains("\n/news/old-about/ /news/about/ 301!\n"))
    }

    @Test func theMapRedirectsAndChainsAreShortened() throws {
        let yaml = Self.yaml + "redirects:\n  map:\n    /archive-2019/: /old-about/\n    /old-about/: /about/\n    \"/index.php?page_id=7\": /about/\n"
        let site = try Self.site(yaml: yaml)
        defer { site.remove() }
        let report = try site.build()
        #expect(site.read("Public/archive-2019/index.html")?.contains("url=https://news.example.org/about/") == true)
        let netlify = try #require(site.read("Public/_redirects"))
        #expect(netlify.contains("\n/archive-2019/ /about/ 301!\n"))
        #expect(netlify.contains("\n/index.php page_id=7 /about/ 301!\n"))
        let chain = try #require(report.warnings.first { $0.message.contains("chain") })
        #expect(chain.path == "site.yml" && chain.line == 7 && chain.column == 5)
        #expect(chain.message.contains("/archive-2019/ → /old-about/ → /about/"))
    }

    @Test func aRedirectThatHidesAPageIsAnErrorAtItsLine() throws {
        let site = try Self.site(["Content/pages/contact.md": "---\ntitle: Contact\naliases:\n  - /about/\n---\nWrite to us.\n"])
        defer { site.remove() }
        let errors = site.buildErrors()
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.path == "Content/pages/contact.md" && error.line == 4 && error.column == 5)
        #expect(error.message.contains("/about/ is the address of Content/pages/about.md"))
        #expect(!site.exists("Public/index.html"))
    }

    @Test func loopsConflictsAndMissingTargetsAreErrors() throws {
        let yaml = Self.yaml + "redirects:\n  map:\n    /a/: /b/\n    /b/: /a/\n    /2019/05/the-river-rises: /about/\n    /gone/: /nowhere/\n    /elsewhere/: https://other.example.com/\n"
        let site = try Self.site(yaml: yaml)
        defer { site.remove() }
        let errors = site.buildErrors()
        #expect(errors.contains { $0.path == "site.yml" && $0.line == 7 && $0.message.contains("redirect loop: /a/ → /b/ → /a/") })
        #expect(errors.contains { $0.path == "site.yml" && $0.line == 9 && $0.message.contains("already redirects to /2025/07/river/") })
        #expect(errors.contains { $0.path == "site.yml" && $0.line == 10 && $0.message.contains("/nowhere/, which this site does not have") })
        #expect(errors.contains { $0.path == "site.yml" && $0.line == 11 && $0.message.contains("outside the site") })
    }

    @Test func badAliasesAreLocatedFrontMatterErrors() throws {
        let site = try Self.site([
            "Content/articles/b.md": SiteFixtures.article("B", date: "2025-07-05", "aliases:\n  - /ok/\n  - /old/#part\n  - /../etc/\n  - https://elsewhere.example.com/x/\n")
        ])
        defer { site.remove() }
        let errors = site.buildErrors().filter { $0.path == "Content/articles/b.md" }
        #expect(errors.map(\.line) == [6, 7, 8])
        #expect(errors[0].message.contains("fragment"))
        #expect(errors[1].message.contains("would leave the site"))
        #expect(errors[2].message.contains("outside the site"))
    }

    @Test func anIncrementalBuildEqualsACleanBuild() throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        // A body edit (incremental), then an alias edit (full), then site.yml.
        try site.write(SiteFixtures.article("River", date: "2025-07-04 09:14", "aliases: [/2019/05/the-river-rises/]\n", body: "New body."), to: "Content/articles/2025-07-04-river.md")
        _ = try site.build()
        #expect(try site.tree() == site.cleanBuildTree())
        #expect(!site.exists("Public/café/old/index.html"))
        try site.write("---\ntitle: About\naliases: [/who/]\n---\nWho we are, again.\n", to: "Content/pages/about.md")
        _ = try site.build()
        #expect(try site.tree() == site.cleanBuildTree())
        #expect(site.exists("Public/who/index.html") && !site.exists("Public/about-us/index.html"))
        try site.write(Self.yaml + "redirects: { formats: [html] }\n", to: "site.yml")
        _ = try site.build()
        #expect(try site.tree() == site.cleanBuildTree())
        #expect(!site.exists("Public/_redirects"))
    }
}
