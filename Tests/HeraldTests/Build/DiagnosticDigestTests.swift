import Testing
@testable import Herald

@Suite struct DiagnosticDigestTests {
    private func warning(_ path: String, _ message: String) -> Diagnostic {
        .warning(message, at: path, line: 1, column: 1)
    }

    @Test func repeatedWarningsAreShownAFewTimesThenCounted() {
        var diagnostics = (1...10_000).map { warning("Content/articles/a\($0).md", "'image' has no 'image_alt'") }
        diagnostics.insert(warning("site.yml", "something else"), at: 5)
        let digest = DiagnosticDigest(diagnostics)
        #expect(digest.shown.map(\.path) == [
            "Content/articles/a1.md", "Content/articles/a2.md", "Content/articles/a3.md", "site.yml",
        ])
        #expect(digest.summaries == [
            "… and 9,997 more like this: 'image' has no 'image_alt' (--verbose lists all)",
        ])
    }

    @Test func errorsAreAlwaysShownInFull() {
        let errors = (1...5).map { Diagnostic.error("bad date", at: "a\($0).md", line: 2, column: 7) }
        let digest = DiagnosticDigest(errors + [warning("b.md", "w")])
        #expect(digest.shown.count == 6)
        #expect(digest.summaries.isEmpty)
    }

    @Test func verboseListsEverything() {
        let diagnostics = (1...8).map { warning("a\($0).md", "same") }
        let digest = DiagnosticDigest(diagnostics, all: true)
        #expect(digest.shown == diagnostics)
        #expect(digest.summaries.isEmpty)
        #expect(DiagnosticDigest(diagnostics).summaries == ["… and 5 more like this: same (--verbose lists all)"])
    }

    @Test func countsAreGroupedByThousands() {
        #expect(DiagnosticDigest.grouped(7) == "7")
        #expect(DiagnosticDigest.grouped(1_000) == "1,000")
        #expect(DiagnosticDigest.grouped(1_234_567) == "1,234,567")
    }
}
