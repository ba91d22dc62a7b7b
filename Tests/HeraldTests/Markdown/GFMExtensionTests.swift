import Testing
@testable import Herald

/// What Herald adds to GFM and what the differential suite cannot show:
/// heading ids and `page.toc`, switching extensions off, word counts,
/// located errors inside tables, summaries.
@Suite struct GFMExtensionTests {
    func render(_ markdown: String, _ change: (inout SiteConfig.MarkdownSettings) -> Void = { _ in }, resolve: (String) -> LinkResolution = { _ in .keep }) -> RenderedMarkdown {
        var settings = SiteConfig.MarkdownSettings()
        change(&settings)
        return MarkdownRenderer(settings: settings).render(markdown, path: "a.md", lineOffset: 3, resolveLink: resolve)
    }

    /// ASCII headings take a path of their own through the slug; a letter
    /// outside ASCII at the end sends the same text through the general one.
    @Test func asciiSlugsAreTheGeneralSlugs() {
        let every = String((0x01...0x7F).map { Character(Unicode.Scalar(UInt8($0))) })
        for text in [every, "Election results: 2026!", "  Two  spaces -- and_under ", "UPPER lower 123", "a\tb"] {
            #expect(HeadingIDs.slug(text) + "é" == HeadingIDs.slug(text + "é"), "\(text.debugDescription)")
        }
        #expect(HeadingIDs.slug("?!") == "section")
    }

    @Test func headingsGetGitHubSlugsUniqueWithinTheBody() {
        let html = render("# Election results: 2026!\n\n## Turnout\n\n## Turnout\n\n### Turnout\n\n## Économie *du* pays\n").html
        #expect(html.contains("<h1 id=\"election-results-2026\">Election results: 2026!</h1>"))
        #expect(html.contains("<h2 id=\"turnout\">Turnout</h2>"))
        #expect(html.contains("<h2 id=\"turnout-1\">Turnout</h2>"))
        #expect(html.contains("<h3 id=\"turnout-2\">Turnout</h3>"))
        #expect(html.contains("<h2 id=\"économie-du-pays\">Économie <em>du</em> pays</h2>"))
    }

    @Test func aTrailingCustomIDWinsAndIsNotShown() {
        let result = render("## Results by ward {#wards}\n\n## wards\n\nSources {#src}\n---\n\nNot an id{#x}\n===\n")
        #expect(result.html.contains("<h2 id=\"wards\">Results by ward</h2>"))
        // A slug never takes an id given by hand.
        #expect(result.html.contains("<h2 id=\"wards-1\">wards</h2>"))
        #expect(result.toc.map(\.id) == ["wards", "wards-1", "src", "not-an-idx"])
    }

    @Test func tocListsHeadingsWithLevelIDAndText() {
        let result = render("## One\n\ntext\n\n### One `a`\n\n## Two\n")
        #expect(result.toc == [
            TOCEntry(level: 2, id: "one", text: "One"), TOCEntry(level: 3, id: "one-a", text: "One a"),
            TOCEntry(level: 2, id: "two", text: "Two"),
        ])
        let nested = TableOfContents.value(of: result.toc)
        guard case .list(let top) = nested, top.count == 2, case .map(let first) = top[0], case .list(let children)? = first["children"] else {
            Issue.record("page.toc is not a nested list: \(nested)")
            return
        }
        #expect(children.count == 1)
    }

    @Test func extensionsCanBeSwitchedOff() {
        let markdown = "## Head\n\n~~gone~~\n\n- [x] done\n\n| a |\n|---|\n| b |\n"
        let html = render(markdown) { $0.extensions = [] }.html
        #expect(html.contains("<h2>Head</h2>"))
        #expect(html.contains("<p>~~gone~~</p>"))
        #expect(html.contains("<li>[x] done</li>"))
        #expect(!html.contains("<table>"))
        #expect(render(markdown) { $0.extensions = [] }.toc.isEmpty)
    }

    @Test func smartPunctuationLeavesTheDelimiterRowAlone() {
        let html = render("| Ward | Votes |\n|---------|------:|\n| North -- East | 1,204 |\n").html
        #expect(!html.contains("—"))
        #expect(html.contains("<td>North – East</td>"))
        #expect(html.contains("<th style=\"text-align: right\">Votes</th>"))
    }

    @Test func wordCountsIgnoreTableSyntax() {
        #expect(render("| Ward | Votes |\n|---|---:|\n| North | 12 |\n").wordCount == 4)
        #expect(render("~~old~~ new and - [ ] not a task\n\n- [ ] task item\n").wordCount == 11)
    }

    @Test func aBrokenLinkInATableCellIsReportedAtItsRow() {
        let result = render("Intro.\n\n| a |\n|---|\n| [x](missing.md) |\n", resolve: { url in
            url == "missing.md" ? .missing("link to 'missing.md' is broken") : .keep
        })
        #expect(result.diagnostics.map(\.line) == [3 + 5])
    }

    @Test func linksInCellsAreResolved() {
        let html = render("| a |\n|---|\n| [x](other.md) |\n", resolve: { url in url == "other.md" ? .replace("/other/") : .keep }).html
        #expect(html.contains("<td><a href=\"/other/\">x</a></td>"))
    }

    @Test func aSummaryBeforeMoreKeepsItsTableWhole() {
        let result = render("| a |\n|---|\n| b |\n\n<!--more-->\n\nRest.\n")
        #expect(result.summaryHTML == "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n")
    }

    @Test func tagFilterOnlyWithRawHTML() {
        let unsafe = render("<script>alert(1)</script>\n") { $0.unsafeHTML = true }.html
        #expect(unsafe == "&lt;script>alert(1)&lt;/script>\n")
    }

    @Test func footnoteIDsNameTheirBody() {
        var settings = SiteConfig.MarkdownSettings()
        settings.smart = false
        let renderer = MarkdownRenderer(settings: settings)
        let markdown = "Turnout rose[^1].\n\n[^1]: County clerk.\n"
        let budget = renderer.render(markdown, path: "Content/articles/2026/Budget Day.md", lineOffset: 0) { _ in .keep }.html
        let flood = renderer.render(markdown, path: "Content/articles/flood.md", lineOffset: 0) { _ in .keep }.html
        #expect(budget.contains("<a href=\"#fn-articles-2026-budget-day-1\" id=\"fnref-articles-2026-budget-day-1\" data-footnote-ref>1</a>"))
        #expect(budget.contains("<li id=\"fn-articles-2026-budget-day-1\">"))
        #expect(flood.contains("<li id=\"fn-articles-flood-1\">"))
        #expect(flood.contains("href=\"#fnref-articles-flood-1\""))
    }

    @Test func theNotesSectionHasAHeading() {
        let html = render("Rose[^1].\n\n[^1]: Clerk.\n").html
        #expect(html.contains("<section class=\"footnotes\" data-footnotes>\n<h2 class=\"footnotes-heading\">Notes</h2>\n<ol>\n<li id=\"fn-a-1\">"))
        #expect(!render("No notes.\n").html.contains("footnotes-heading"))
    }

    @Test func aSummaryShowsFootnoteNumbersWithoutLinks() {
        let result = render("Rose[^1] again.\n\n<!--more-->\n\nMore.\n\n[^1]: Clerk.\n")
        #expect(result.summaryHTML == "<p>Rose<sup class=\"footnote-ref\">1</sup> again.</p>\n")
        #expect(result.html.contains("<a href=\"#fn-a-1\" id=\"fnref-a-1\" data-footnote-ref>1</a>"))
        #expect(render("First[^n].\n\n[^n]: N.\n").summaryHTML == "<p>First<sup class=\"footnote-ref\">1</sup>.</p>\n")
    }

    @Test func wordCountsIgnoreFootnoteMarkers() {
        #expect(render("Turnout rose[^1] sharply.\n\n[^1]: County clerk.\n").wordCount == 5)
    }

    @Test func aBrokenLinkInAFootnoteIsReportedWhereItIsWritten() {
        let result = render("Text[^1].\n\n[^1]: See [x](gone.md).\n\n    And [y](gone.md).\n", resolve: { url in
            url == "gone.md" ? .missing("broken") : .keep
        })
        #expect(result.diagnostics.map { [$0.line, $0.column] } == [[3 + 3, 11], [3 + 5, 9]])
    }

    @Test func headingsInFootnotesGetIDsButStayOutOfTheTOC() {
        let result = render("## Notes\n\nText[^1].\n\n[^1]: Intro.\n\n    ## Notes\n")
        #expect(result.toc.map(\.id) == ["notes"])
        #expect(result.html.contains("<h2 id=\"notes-1\">Notes</h2>"))
    }

    @Test func footnotesCanBeSwitchedOff() {
        let html = render("Text[^1].\n\n[^1]: Note here\n") { $0.extensions = [.tables] }.html
        #expect(!html.contains("footnote"))
    }
}
