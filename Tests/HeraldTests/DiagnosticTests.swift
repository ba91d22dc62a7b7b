import Testing
@testable import Herald

@Suite struct DiagnosticTests {
    @Test func formatsLikeACompiler() {
        let diagnostic = Diagnostic.error("title must be a string", at: "Content/articles/a.md", line: 3, column: 8)
        #expect(diagnostic.description == "Content/articles/a.md:3:8: error: title must be a string")
    }

    @Test func showsTheSourceLineWithACaret() {
        var diagnostic = Diagnostic.error("unknown filter 'uper'", at: "Templates/a.html", line: 2, column: 5)
        diagnostic.sourceLine = "{{ x | uper }}"
        #expect(diagnostic.description.hasSuffix("{{ x | uper }}\n    ^"))
    }
}
