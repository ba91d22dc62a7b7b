import Foundation
import Testing
@testable import Herald

@Suite struct SiteAssemblerTests {
    /// Assembling renders every draft's Markdown and leaves the drafts
    /// without it: the sources are freed as they are rendered.
    @Test func assemblingRendersAndFreesTheMarkdown() throws {
        let site = try TemporarySite(files: [
            "site.yml": "title: T\nurl: https://news.example.org/\n",
            "Content/articles/2025-01-02-one.md": "---\ntitle: One\ndate: 2025-01-02\n---\nThe *first* story.\n",
            "Content/articles/2025-01-03-two.md": "---\ntitle: Two\ndate: 2025-01-03\n---\nThe **second** story.\n",
            "Content/pages/about.md": "---\ntitle: About\n---\nWho we are.\n",
        ])
        defer { site.remove() }
        let options = BuildOptions(source: site.root, now: Date(timeIntervalSince1970: 1_800_000_000))
        let config = try SiteConfigLoader.load(root: site.root)
        var content = ContentLoader(root: site.root, config: config).load()
        #expect(content.drafts.count == 3)
        #expect(content.drafts.allSatisfy { !$0.body.isEmpty })
        let (assembled, diagnostics) = SiteAssembler(config: config, options: options).assemble(&content) { _ in true }
        #expect(diagnostics.isEmpty)
        #expect(content.drafts.allSatisfy { $0.body.isEmpty })
        #expect(assembled.articles.map(\.contentHTML) == ["<p>The <strong>second</strong> story.</p>\n", "<p>The <em>first</em> story.</p>\n"])
        #expect(assembled.pages.map(\.contentHTML) == ["<p>Who we are.</p>\n"])
    }
}
