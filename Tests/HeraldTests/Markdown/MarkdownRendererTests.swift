import Testing
@testable import Herald

@Suite struct MarkdownRendererTests {
    let renderer = MarkdownRenderer(settings: .init())

    func render(_ markdown: String, renderer: MarkdownRenderer? = nil, resolve: (String) -> LinkResolution = { _ in .keep }) -> RenderedMarkdown {
        (renderer ?? self.renderer).render(markdown, path: "a.md", lineOffset: 3, resolveLink: resolve)
    }

    @Test func rendersCommonMark() {
        #expect(render("# Title\n\nSome *text*.\n").html == "<h1 id=\"title\">Title</h1>\n<p>Some <em>text</em>.</p>\n")
    }

    @Test func smartPunctuationIsOnByDefault() {
        #expect(render("\"Quoted\" -- and 'single' --- done...").html == "<p>“Quoted” – and ‘single’ — done…</p>\n")
        var settings = SiteConfig.MarkdownSettings()
        settings.smart = false
        #expect(render("\"Quoted\"", renderer: MarkdownRenderer(settings: settings)).html == "<p>&quot;Quoted&quot;</p>\n")
    }

    @Test func rawHTMLIsDroppedUnlessAllowed() {
        let markdown = "<script>alert(1)</script>\n\nText <b>bold</b>\n"
        let safe = render(markdown).html
        #expect(!safe.contains("<script>"))
        #expect(!safe.contains("<b>"))
        var settings = SiteConfig.MarkdownSettings()
        settings.unsafeHTML = true
        #expect(render(markdown, renderer: MarkdownRenderer(settings: settings)).html.contains("<b>bold</b>"))
    }

    @Test func summaryIsThePartBeforeMore() {
        let result = render("First.\n\nSecond.\n\n<!--more-->\n\nThird.\n")
        #expect(result.summaryHTML == "<p>First.</p>\n<p>Second.</p>\n")
        #expect(result.html == "<p>First.</p>\n<p>Second.</p>\n<p>Third.</p>\n")
    }

    @Test func summaryIsTheFirstParagraphOtherwise() {
        #expect(render("# Heading\n\nFirst para.\n\nSecond.\n").summaryHTML == "<p>First para.</p>\n")
    }

    @Test func countsWords() {
        #expect(render("One two *three*.\n\n- four\n- five six\n\n`seven`\n").wordCount == 7)
    }

    /// Pieces of one text (adjacent inline nodes), long or short (eight bytes
    /// are counted at a time), count as that text would:
    /// checked against splitting it on whitespace, for texts cut anywhere.
    @Test func wordCounterCountsTextGivenInPieces() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("ab é\t\n\r  x".utf8)
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0..<120, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let expected = text.split(whereSeparator: { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }).count
            var counter = WordCounter()
            var start = 0
            while start < text.count {
                let end = min(text.count, start + Int.random(in: 0...24, using: &generator))
                text[start..<end].withUnsafeBufferPointer { counter.add($0) }
                start = end
            }
            #expect(counter.count == expected, "\(String(decoding: text, as: UTF8.self).debugDescription)")
        }
    }

    @Test func readingTimeIsAtLeastAMinuteAt230WordsAMinute() {
        var item = ContentItem(kind: .article, sourcePath: "a.md", title: "t", slug: "t")
        item.wordCount = 0
        #expect(item.readingTime == 1)
        item.wordCount = 231
        #expect(item.readingTime == 2)
        item.wordCount = 460
        #expect(item.readingTime == 2)
    }

    @Test func contentLinksResolveAndMissingOnesAreErrorsWithTheirLine() {
        let pathOf = ["Content/pages/about.md": "/about/", "Content/articles/2025/b.md": "/2025/01/b/"]
        let site = SiteURL("https://x.org/news/")!
        let result = render("See [about](../../pages/about.md#team) and [b](b.md).\n\nAnd [gone](missing.md).\n") { url in
            ContentLinks.resolve(url, from: "Content/articles/2025/a.md", pathOf: pathOf, siteURL: site)
        }
        #expect(result.html.contains(#"<a href="/news/about/#team">about</a>"#))
        #expect(result.html.contains(#"<a href="/news/2025/01/b/">b</a>"#))
        #expect(result.diagnostics.map(\.description) == [
            "a.md:6:5: error: link to 'missing.md' points at Content/articles/2025/missing.md, which is not a published article or page; fix the path, or publish it",
        ])
    }

    @Test func otherLinksAreKept() {
        let site = SiteURL("https://x.org/")!
        for url in ["https://example.com/a.md", "/docs/", "#top", "mailto:a@b.org", "image.png"] {
            guard case .keep = ContentLinks.resolve(url, from: "Content/articles/a.md", pathOf: [:], siteURL: site) else {
                Issue.record("\(url) was changed")
                continue
            }
        }
    }
}
