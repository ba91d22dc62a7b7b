import Foundation
import Testing
@testable import Herald

/// No front-matter value, file name, site setting or Markdown can put markup
/// or script into the pages, attributes, JSON-LD, feeds or sitemap of the
/// real default theme: hostile text only ever appears escaped.
@Suite struct InjectionTests {
    static let payloads = [
        "</script><script>alert(1)</script>",
        "\"><img src=x onerror=alert(2)>",
        "'><svg onload=alert(3)>",
        "&lt;b&gt;entity&lt;/b&gt;",
        "line\u{2028}sep\u{2029}para",
        "ctrl\u{01}\u{08}\u{0B}\u{1B}\u{7F}chars",
        "rtl\u{202E}gpj.exe",
    ]
    static let hostile = payloads.joined(separator: " ")

    /// The raw (unescaped) pieces that must never reach any output file.
    static let forbidden = [
        "<script>alert", "<img src=x", "<svg onload", "</script><script>", "<b>tag", "<b>raw",
    ]

    /// YAML double-quoted scalar of `text`.
    static func yaml(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0x202E {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func hostileSite() throws -> TemporarySite {
        let h = yaml(hostile)
        let article = """
            ---
            title: \(h)
            date: 2025-07-04 09:14
            summary: \(yaml("Summary " + hostile + " [x](javascript:alert(4)) <script>alert(5)</script>"))
            tags: [\(h), "<b>tag</b>"]
            categories: [\(h)]
            authors: [\(h)]
            image: \(yaml("/images/a.jpg\"><img src=x onerror=alert(6)>"))
            image_alt: \(h)
            image_caption: \(h)
            image_credit: \(h)
            canonical: \(yaml("https://wire.example.com/a?\"><script>alert(7)</script>"))
            mood: \(h)
            ---
            Body \(hostile)

            <script>alert(8)</script>

            <img src=x onerror=alert(9)>

            [click](javascript:alert(10)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox(1))
            ![pic](javascript:alert(11))
            <a href="javascript:alert(12)">raw link</a>

            [ref]: javascript:alert(13)
            See [ref].

            ```html
            </script><script>alert(14)</script>
            ```

            `<img src=x onerror=alert(15)>`
            """
        let siteYAML = """
            title: \(yaml("News " + hostile))
            url: https://news.example.org/
            description: \(h)
            timezone: UTC
            copyright: \(h)
            author:
              name: \(h)
            params:
              tagline: \(h)
              social:
                x: \(yaml("x\"><script>alert(16)</script>"))
            """
        let site = try Robustness.siteWithDefaultTheme([
            "Content/articles/2025-07-04-river.md": article,
            "Content/articles/2025-07-05-\u{202E}evil\"><img src=x onerror=alert(17)>.md": "---\ntitle: Evil name\ndate: 2025-07-05\n---\nx\n",
            "Content/pages/about.md": "---\ntitle: \(h)\nsummary: \(h)\n---\nAbout \(hostile)\n",
            "Content/authors/script-script-alert-1-script-img-src-x-onerror-alert-2-svg-onload-alert-3-lt-b-gt-entity-lt-b-gt-line-sep-para-ctrl-chars-rtl-gpj-exe.md": "---\nname: \(h)\nrole: \(h)\nphoto: \(yaml("/images/a.jpg\"><img src=x onerror=alert(18)>"))\nuri: \(yaml("https://example.org/\"><script>alert(19)</script>"))\n---\n\(hostile)\n",
        ], yaml: siteYAML)
        return site
    }

    /// Every output file with its text.
    static func outputs(of site: TemporarySite) -> [(path: String, text: String)] {
        let folder = site.root.appendingPathComponent("Public")
        return SiteFixtures.files(under: folder).compactMap { path in
            guard path.hasSuffix(".html") || path.hasSuffix(".xml") || path.hasSuffix(".json") || path.hasSuffix(".txt") else { return nil }
            return (path, site.read("Public/" + path) ?? "")
        }
    }

    @Test func hostileValuesAppearOnlyEscaped() throws {
        let site = try Self.hostileSite()
        defer { site.remove() }
        let errors = site.buildErrors()
        try #require(errors.isEmpty, "\(errors.map(\.description))")
        let files = Self.outputs(of: site)
        #expect(files.count > 10)
        var checkedArticle = false
        for (path, text) in files {
            // In a JSON feed, titles and summaries are plain text by the spec
            // (they may hold "<" as they are); only `content_html` is HTML.
            let markup = path.hasSuffix(".json") ? Self.htmlOfJSONFeed(text) : text
            for piece in Self.forbidden {
                let found = markup.contains(piece)
                #expect(!found, "\(path) holds the raw '\(piece)'")
            }
            if path.hasSuffix(".json") {
                let parses = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil
                #expect(parses, "\(path) does not parse")
                continue
            }
            // The only <script> elements are the theme's own: JSON-LD and none else.
            let scripts = text.components(separatedBy: "<script").count - 1
            let jsonLD = text.components(separatedBy: "<script type=\"application/ld+json\">").count - 1
            #expect(scripts == jsonLD, "\(path) has \(scripts - jsonLD) script elements not from the theme")
            if path.hasSuffix(".html") {
                // No javascript:, data: or vbscript: URL in any attribute.
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    for attribute in ["href=\"", "src=\"", "content=\"", "href='", "src='"] {
                        let found = text.lowercased().contains(attribute + scheme)
                        #expect(!found, "\(path): \(attribute)\(scheme)")
                    }
                }
                // U+2028/2029 and control characters never appear raw inside a script element.
                for script in Self.scriptBodies(text) {
                    let separator = script.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" }
                    #expect(!separator, "\(path): raw line separator in a script")
                    let parses = (try? JSONSerialization.jsonObject(with: Data(script.utf8))) != nil
                    #expect(parses, "\(path): JSON-LD does not parse")
                }
            }
            if path == "2025/07/river/index.html" {
                checkedArticle = true
                #expect(page(text).contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), "the title is shown, escaped")
                #expect(page(text).contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
                #expect(page(text).contains("&amp;lt;b&amp;gt;entity"), "entities in values are escaped, not decoded")
                #expect(page(text).contains("\\u003c/script\\u003e"), "JSON-LD escapes </script>")
                #expect(page(text).contains("\\u2028"), "JSON-LD escapes U+2028")
                #expect(!page(text).contains("alert(8)"), "a raw <script> block in Markdown is dropped")
                #expect(!page(text).contains("onerror=alert(9)"), "a raw <img> in Markdown is dropped")
                #expect(page(text).contains("&lt;/script&gt;&lt;script&gt;alert(14)"), "code blocks are escaped")
                #expect(page(text).contains("&lt;img src=x onerror=alert(15)&gt;"), "code spans are escaped")
            }
            if path.hasSuffix(".xml") {
                // Feeds and sitemaps: every document is well-formed, without characters XML forbids.
                let forbiddenCharacter = text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r") || $0.value == 0xFFFE || $0.value == 0xFFFF }
                #expect(!forbiddenCharacter, "\(path) holds a character XML forbids")
                let wellFormed = (try? FeedXMLNode.parse(Array(text.utf8))) != nil
                #expect(wellFormed, "\(path) is not well-formed XML")
            }
        }
        #expect(checkedArticle)
        // The hostile file name's slug stays one harmless URL segment.
        let evil = files.map(\.path).filter { $0.contains("evil") }
        #expect(!evil.isEmpty)
        for path in evil {
            #expect(!path.contains("<") && !path.contains("\"") && !path.unicodeScalars.contains("\u{202E}"), "\(path)")
        }
    }

    @Test func javascriptURLsInMarkdownAreDroppedByCmarkSafeMode() {
        let html = MarkdownRenderer(settings: .init()).html("[a](javascript:alert(1)) ![b](JaVaScRiPt:alert(2)) [c](vbscript:x) [d](data:text/html,x) [e](data:image/png;base64,AAAA) <javascript:alert(3)>")
        #expect(!html.lowercased().contains("href=\"javascript:"))
        #expect(!html.lowercased().contains("src=\"javascript:"))
        #expect(!html.contains("href=\"vbscript:"))
        #expect(!html.contains("data:text/html"))
        #expect(html.contains("data:image/png"), "images as data URLs are allowed by cmark")
    }

    @Test(arguments: ["javascript:alert(1)", " javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox", "java\tscript:alert(1)"])
    func scriptURLsAreRefusedInFrontMatterImages(url: String) throws {
        let site = try Robustness.siteWithDefaultTheme([
            "Content/articles/2025-07-04-river.md": "---\ntitle: T\ndate: 2025-07-04\nimage: \(Self.yaml(url))\nimage_alt: x\n---\nx\n",
        ])
        defer { site.remove() }
        let errors = site.buildErrors().map(\.description)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("Content/articles/2025-07-04-river.md:4:8: error: 'image' must be a path on the site or an http(s) URL") == true, "\(errors)")
    }

    @Test func scriptURLsAreRefusedInAuthorFilesAndSiteSettings() throws {
        let site = try Robustness.siteWithDefaultTheme([
            "Content/articles/2025-07-04-river.md": "---\ntitle: T\ndate: 2025-07-04\nauthors: [Ada]\n---\nx\n",
            "Content/authors/ada.md": "---\nname: Ada\nphoto: \"javascript:alert(1)\"\nuri: \"JavaScript:alert(2)\"\n---\n",
        ], yaml: "title: T\nurl: https://news.example.org/\nlogo: \"javascript:alert(3)\"\nicon: \"data:text/html,x\"\nauthor:\n  name: Desk\n  uri: \"vbscript:x\"\n")
        defer { site.remove() }
        let errors = site.buildErrors().map(\.description)
        #expect(errors == [
            "site.yml:3:7: error: 'logo' must be a path on the site or an http(s) URL, not 'javascript:alert(3)'",
            "site.yml:4:7: error: 'icon' must be a path on the site or an http(s) URL, not 'data:text/html,x'",
            "site.yml:7:8: error: 'author.uri' must be a path on the site or an http(s) URL, not 'vbscript:x'",
        ])
        try site.write("title: T\nurl: https://news.example.org/\n", to: "site.yml")
        #expect(site.buildErrors().map(\.description) == [
            "Content/authors/ada.md:3:8: error: 'photo' must be a path on the site or an http(s) URL, not 'javascript:alert(1)'",
            "Content/authors/ada.md:4:6: error: 'uri' must be a path on the site or an http(s) URL, not 'JavaScript:alert(2)'",
        ])
    }

    @Test(arguments: ["javascript:alert(1)", "//evil.example/x", "data:text/html,x", "https://ok.example/\"><script>"])
    func canonicalAcceptsOnlyHTTPURLsAndEscapesThem(url: String) throws {
        let site = try Robustness.siteWithDefaultTheme([
            "Content/articles/2025-07-04-river.md": "---\ntitle: T\ndate: 2025-07-04\ncanonical: \(Self.yaml(url))\n---\nx\n",
        ])
        defer { site.remove() }
        let errors = site.buildErrors()
        if errors.isEmpty {
            let page = site.read("Public/2025/07/river/index.html") ?? ""
            #expect(url.hasPrefix("https://"))
            #expect(!page.contains("<script>"))
            #expect(page.contains("<link rel=\"canonical\" href=\"https://ok.example/"))
        } else {
            #expect(errors.map(\.message) == ["'canonical' must be an absolute http(s) URL, not '\(url)'"])
        }
    }

    /// The `content_html` of every item of a JSON feed, joined.
    static func htmlOfJSONFeed(_ text: String) -> String {
        guard let feed = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let items = feed["items"] as? [[String: Any]] else { return "" }
        return items.compactMap { $0["content_html"] as? String }.joined(separator: "\n")
    }

    /// Wraps a page so that a failed expectation does not print all of it.
    struct Page: CustomStringConvertible {
        let text: String
        var description: String { "<a page of \(text.count) characters>" }
        func contains(_ piece: String) -> Bool { text.contains(piece) }
    }

    func page(_ text: String) -> Page { Page(text: text) }

    /// The bodies of the script elements of an HTML page.
    static func scriptBodies(_ html: String) -> [String] {
        var bodies: [String] = []
        var rest = html[...]
        while let open = rest.range(of: "<script") {
            guard let tagEnd = rest[open.upperBound...].firstIndex(of: ">") else { break }
            let bodyStart = rest.index(after: tagEnd)
            guard let close = rest[bodyStart...].range(of: "</script") else { break }
            bodies.append(String(rest[bodyStart..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return bodies
    }
}
