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
}
