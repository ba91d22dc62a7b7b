import Foundation
import Testing
@testable import Herald

/// The real default theme and demo content: subpath deploys and news metadata.
@Suite struct DemoThemeTests {
    typealias F = SiteFixtures

    /// `href="…"` and `src="…"` values of an HTML document, entities decoded.
    static func links(in html: String) -> [String] {
        F.captures(#"\s(?:href|src)="([^"]*)""#, in: html).map {
            $0.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'")
        }
    }

    @Test func everyInternalLinkCarriesTheSubpath() throws {
        let site = try F.demoSite(url: "https://user.github.io/news/")
        defer { site.remove() }
        _ = try site.build()
        let output = site.root.appendingPathComponent("Public")
        let files = F.files(under: output)
        var checked = 0
        for file in files where file.hasSuffix(".html") {
            let html = try String(contentsOf: output.appendingPathComponent(file), encoding: .utf8)
            for link in Self.links(in: html) {
                // An empty href (the theme's footer links to `site.generator.uri`, which is none) links to the page itself.
                if link.isEmpty || link.hasPrefix("#") || link.hasPrefix("mailto:") || link.hasPrefix("tel:") { continue }
                if link.hasPrefix("https://user.github.io") {
                    #expect(link.hasPrefix("https://user.github.io/news/"), "\(file): \(link)")
                    continue
                }
                if link.contains("://") || link.hasPrefix("//") { continue }
                #expect(link.hasPrefix("/news/"), "\(file): root-relative link without the subpath: \(link)")
                guard link.hasPrefix("/news/") else { continue }
                // …and it leads to a file of the output.
                var target = String(link.dropFirst("/news/".count))
                if let cut = target.firstIndex(where: { $0 == "#" || $0 == "?" }) { target = String(target[..<cut]) }
                if target.isEmpty || target.hasSuffix("/") { target += "index.html" }
                #expect(files.contains(target.removingPercentEncoding ?? target), "\(file): \(link) leads nowhere")
                checked += 1
            }
        }
        #expect(checked > 1000)

        // Feeds: every link and id URL is under the subpath.
        let atom = try #require(site.read("Public/feed.xml"))
        let atomLinks = F.captures(#"<link [^>]*href="([^"]*)""#, in: atom)
        #expect(!atomLinks.isEmpty)
        for link in atomLinks { #expect(link.hasPrefix("https://user.github.io/news/"), "feed.xml: \(link)") }
        let rss = try #require(site.read("Public/rss.xml"))
        for link in F.captures(#"<link>([^<]*)</link>"#, in: rss) { #expect(link.hasPrefix("https://user.github.io/news/"), "rss.xml: \(link)") }
        let json = try #require(FileManager.default.contents(atPath: output.appendingPathComponent("feed.json").path))
        let feed = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(feed["home_page_url"] as? String == "https://user.github.io/news/")
        #expect(feed["feed_url"] as? String == "https://user.github.io/news/feed.json")
        for item in feed["items"] as? [[String: Any]] ?? [] {
            #expect((item["url"] as? String)?.hasPrefix("https://user.github.io/news/") == true)
            // Relative links inside the content are made absolute under the subpath too.
            for link in Self.links(in: item["content_html"] as? String ?? "") where link.hasPrefix("https://user.github.io") {
                #expect(link.hasPrefix("https://user.github.io/news/"), "feed.json: \(link)")
            }
        }
        let tagFeed = try #require(site.read("Public/tags/budget/feed.xml"))
        #expect(tagFeed.contains(#"href="https://user.github.io/news/tags/budget/feed.xml""#))

        // Sitemaps and robots.txt.
        for sitemap in ["sitemap.xml", "news-sitemap.xml"] {
            for loc in F.captures(#"<loc>([^<]*)</loc>"#, in: try #require(site.read("Public/\(sitemap)"))) {
                #expect(loc.hasPrefix("https://user.github.io/news/"), "\(sitemap): \(loc)")
            }
        }
        #expect(site.read("Public/robots.txt")?.contains("Sitemap: https://user.github.io/news/sitemap.xml") == true)
    }

    @Test func baseURLOptionReplacesTheConfiguredURL() throws {
        let site = try F.demoSite()
        defer { site.remove() }
        _ = try site.build { $0.baseURL = "https://staging.example.net/preview/" }
        let home = try #require(site.read("Public/index.html"))
        // The stylesheet is fingerprinted (assets/site.HASH.css); its URL keeps the base path.
        #expect(home.contains(#/href="/preview/assets/site\.[0-9a-f]{8}\.css"/#))
        #expect(home.contains(#"<link rel="canonical" href="https://staging.example.net/preview/">"#))
        #expect(site.buildErrors { $0.baseURL = "staging.example.net" }.first?.message.hasPrefix("--base-url must be") == true)
    }

    static let hostileTitle = "</script><script>alert(1)</script> \u{2028}line\u{2029}para \"quoted\" & <b>"

    /// A YAML double-quoted scalar; line and paragraph separators escaped, as YAML would fold them.
    static func yamlQuoted(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\u{2028}", with: "\\u2028").replacingOccurrences(of: "\u{2029}", with: "\\u2029")
        return "\"" + escaped + "\""
    }

    static func newsSite() throws -> TemporarySite {
        try F.demoSite(extraFiles: [
            "Content/articles/2026/2026-12-01-hostile.md": """
                ---
                title: \(yamlQuoted(hostileTitle))
                date: 2026-12-01 09:00
                author: Ada Park
                summary: "Standfirst with \\u2028 inside"
                tags: [Budget]
                categories: [Transit]
                image: /images/rail-spur.svg
                image_alt: Rails
                ---
                Body text.
                """,
            "Content/articles/2026/2026-12-02-syndicated.md": """
                ---
                title: From the wire
                date: 2026-12-02 09:00
                canonical: https://wire.example.com/stories/42
                image: /images/rail-spur.svg
                image_alt: Rails
                ---
                Syndicated.
                """,
        ])
    }

    /// The JSON-LD object of an article page.
    static func jsonLD(in html: String, file: String) throws -> [String: Any] {
        let scripts = F.captures(#"<script type="application/ld\+json">(.*?)</script>"#, in: html)
        #expect(scripts.count == 1, "\(file)")
        let text = try #require(scripts.first, "\(file) has no JSON-LD")
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any], "\(file): JSON-LD is not an object")
    }

    @Test func everyArticleCarriesNewsMetadata() throws {
        let site = try Self.newsSite()
        defer { site.remove() }
        let report = try site.build()
        let output = site.root.appendingPathComponent("Public")
        var articles = 0
        for file in F.files(under: output) where file.range(of: #"^\d{4}/\d{2}/[^/]+/index\.html$"#, options: .regularExpression) != nil {
            let html = try String(contentsOf: output.appendingPathComponent(file), encoding: .utf8)
            // The demo's old addresses (aliases) are redirect pages, not articles.
            if html.contains("<meta http-equiv=\"refresh\"") { continue }
            articles += 1
            let permalink = "https://news.example.org/" + file.dropLast("index.html".count)
            let ld = try Self.jsonLD(in: html, file: file)
            // The demo's live story is a LiveBlogPosting (see LiveCoverageTests).
            #expect(ld["@type"] as? String == (file.contains("-live/") ? "LiveBlogPosting" : "NewsArticle"), "\(file)")
            for key in ["headline", "description", "datePublished", "dateModified"] {
                #expect((ld[key] as? String)?.isEmpty == false, "\(file): \(key)")
            }
            #expect((ld["image"] as? [String])?.first?.hasPrefix("https://news.example.org/images/") == true, "\(file): image")
            let authors = ld["author"] as? [[String: Any]] ?? []
            #expect(!authors.isEmpty, "\(file): author")
            for author in authors {
                #expect(author["@type"] as? String == "Person" && (author["name"] as? String)?.isEmpty == false, "\(file): author")
                #expect((author["url"] as? String)?.hasPrefix("https://news.example.org/authors/") == true, "\(file): author url")
            }
            let publisher = ld["publisher"] as? [String: Any]
            #expect(publisher?["name"] as? String == "The Riverbend Ledger", "\(file): publisher")
            #expect((publisher?["logo"] as? [String: Any])?["url"] as? String == "https://news.example.org/images/logo.svg", "\(file): logo")
            #expect((ld["mainEntityOfPage"] as? [String: Any])?["@id"] as? String == permalink, "\(file): mainEntityOfPage")

            let canonical = F.captures(#"<link rel="canonical" href="([^"]*)">"#, in: html)
            #expect(canonical == [file.contains("syndicated") ? "https://wire.example.com/stories/42" : permalink], "\(file): canonical")
            for property in ["og:type", "og:title", "og:description", "og:url", "og:image", "og:site_name", "article:published_time", "article:modified_time", "article:author"] {
                #expect(html.contains(#"<meta property="\#(property)" content=""#), "\(file): \(property)")
            }
            #expect(html.contains(#"<meta name="twitter:card" content="summary_large_image">"#), "\(file): twitter:card")
        }
        #expect(articles == report.articles)
        #expect(articles == 26)
    }

    @Test func hostileFrontMatterCannotCloseTheScriptOrBreakTheJSON() throws {
        let site = try Self.newsSite()
        defer { site.remove() }
        _ = try site.build()
        let html = try #require(site.read("Public/2026/12/hostile/index.html"))
        let ld = try Self.jsonLD(in: html, file: "hostile")
        #expect(ld["headline"] as? String == Self.hostileTitle)
        #expect((ld["description"] as? String)?.contains("Standfirst with \u{2028} inside") == true)
        // The only script elements are the theme's own.
        #expect(!html.contains("<script>alert(1)"))
        #expect(html.components(separatedBy: "</script>").count - 1 == html.components(separatedBy: "<script").count - 1)
        // Neither raw line separator survives inside the script, where old parsers end a string at it.
        let script = try #require(F.captures(#"<script type="application/ld\+json">(.*?)</script>"#, in: html).first)
        #expect(!script.contains("\u{2028}") && !script.contains("\u{2029}"))
        // In attributes and text the title is escaped.
        #expect(html.contains(#"<meta property="og:title" content="&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"#))
    }
}
