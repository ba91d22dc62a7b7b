import Foundation
import Testing
@testable import Herald

/// Inputs the fuzzers of `Fuzz/` found crashing, kept as regression tests.
@Suite struct FuzzRegressionTests {
    /// FuzzFrontMatter: a file of just "---" without a line break indexed past its end.
    @Test(arguments: ["---", "---   ", "\u{FEFF}---", "---\r"])
    func anOpeningLineWithoutALineBreak(text: String) {
        let (draft, diagnostics) = ContentDecoder(config: try! SiteConfigLoader.parse("title: T\nurl: https://example.org/\n"))
            .decode(text, kind: .article, sourcePath: "Content/articles/a.md")
        #expect(draft == nil)
        #expect(diagnostics.map(\.description) == ["Content/articles/a.md:1:1: error: front matter opened by '---' on line 1 is never closed; add a line '---' after the last key"])
        let (profile, authorDiagnostics) = AuthorProfile.decode(text, path: "Content/authors/a.md")
        #expect(profile == nil)
        #expect(authorDiagnostics.count == 1)
    }
}
