import Foundation
import Testing
@testable import Herald

@Suite struct TemplateErrorTests {
    typealias Expected = (line: Int, column: Int, message: String)

    func expectCompile(_ source: String, _ expected: [Expected], sourceLocation: SourceLocation = #_sourceLocation) {
        let diagnostics = TemplateTestSupport.compileErrors(["t.html": source])
        #expect(diagnostics.count == expected.count, "\(diagnostics)", sourceLocation: sourceLocation)
        for (diagnostic, wanted) in zip(diagnostics, expected) {
            #expect(diagnostic.path == "Templates/t.html", sourceLocation: sourceLocation)
            #expect(diagnostic.line == wanted.line && diagnostic.column == wanted.column, "\(diagnostic)", sourceLocation: sourceLocation)
            #expect(diagnostic.message == wanted.message, sourceLocation: sourceLocation)
            #expect(diagnostic.sourceLine == source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[wanted.line - 1],
                    sourceLocation: sourceLocation)
        }
    }

    func expectRender(
        _ source: String, _ context: [String: Value] = [:], _ wanted: Expected, others: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let diagnostic = try #require(try TemplateTestSupport.renderError(source, context, others: others), sourceLocation: sourceLocation)
        #expect(diagnostic.path == "Templates/t.html", sourceLocation: sourceLocation)
        #expect(diagnostic.line == wanted.line && diagnostic.column == wanted.column, "\(diagnostic)", sourceLocation: sourceLocation)
        #expect(diagnostic.message == wanted.message, sourceLocation: sourceLocation)
        #expect(diagnostic.sourceLine != nil, sourceLocation: sourceLocation)
    }

    // MARK: Runtime

    @Test func undefinedVariable() throws {
        try expectRender("<p>\n  {{ titel }}</p>", [:], (2, 6, "'titel' is not defined; check the spelling, or use '| default(…)' (in an 'if' test an undefined name is simply false)"))
        let diagnostic = try #require(try TemplateTestSupport.renderError("<h1>{{ titel }}</h1>"))
        #expect(diagnostic.description == """
            Templates/t.html:1:8: error: 'titel' is not defined; check the spelling, or use '| default(…)' (in an 'if' test an undefined name is simply false)
            <h1>{{ titel }}</h1>
                   ^
            """)
    }

    @Test func unknownMember() throws {
        try expectRender("<h1>{{ page.titel }}</h1>", ["page": ["title": "x"]],
                         (1, 13, "'page' has no member 'titel'; check the spelling, or use 'page.titel | default(…)'"))
        let page: Value = .object(TestPage(title: "T", url: "/", date: TemplateTestSupport.july4))
        try expectRender("{{ page.author.name }}", ["page": page],
                         (1, 9, "'page' has no member 'author'; check the spelling, or use 'page.author | default(…)'"))
        try expectRender("{{ page.title.size }}", ["page": page], (1, 15, "'page.title' is a string, which has no member 'size'"))
    }

    @Test func memberOfNone() throws {
        try expectRender("{{ page.prev.title }}", ["page": ["prev": nil]],
                         (1, 14, "'page.prev' is none, so it has no member 'title'; guard it with '{% if page.prev %}'"))
    }

    @Test func indexOutOfRange() throws {
        try expectRender("{{ items[3] }}", ["items": [1, 2]], (1, 9, "index 3 is out of range: 'items' has 2 items"))
        try expectRender("{{ items['a'] }}", ["items": [1, 2]], (1, 9, "cannot index a list ('items') with a string"))
    }

    @Test func badFilterArguments() throws {
        try expectRender("{{ x | truncate('a') }}", ["x": "abc"],
                         (1, 8, "the length of 'truncate' must be an integer, not a string; write truncate(length) or truncate(length, \"end\")"))
        try expectRender("{{ x | date('%Y') }}", ["x": "2025"], (1, 8, "filter 'date' needs a date, but 'x' is a string"))
        try expectRender("{{ x | sort('a') }}", ["x": 3], (1, 8, "filter 'sort' needs a list, but 'x' is an integer"))
        try expectRender("{{ x | date(f) }}", ["x": .date(TemplateTestSupport.july4), "f": "%Q"],
                         (1, 8, "'%Q' is not a date format code; see the 'date' filter in docs/templates.md"))
    }

    @Test func badOperands() throws {
        try expectRender("{{ 1 < 'a' }}", [:], (1, 6, "cannot use '<' with an integer and a string"))
        try expectRender("{{ 'a' - 1 }}", [:], (1, 8, "cannot use '-' with a string and an integer"))
        try expectRender("{{ 1 / 0 }}", [:], (1, 6, "division by zero"))
        try expectRender("{{ -'a' }}", [:], (1, 4, "cannot negate a string; '-' needs a number"))
    }

    @Test func badLoopAndSuper() throws {
        try expectRender("\n{% for x in n %}{% endfor %}", ["n": 5], (2, 1, "cannot loop over an integer ('n'); loop over a list or a map"))
        try expectRender("{{ super() }}", [:], (1, 4, "'super()' works only inside a '{% block %}'"))
        try expectRender("{% block a %}{{ super() }}{% endblock %}", [:], (1, 17, "block 'a' has no parent block to call with 'super()'; remove it"))
    }

    @Test func missingTemplateAtRuntime() throws {
        try expectRender("{% include name %}", ["name": "nope.html"], (1, 4, "template 'nope.html' does not exist; check the name (relative to Templates/)"))
        let library = try TemplateTestSupport.library(["a.html": "a"])
        #expect(throws: DiagnosticError.self) { try library.render("b.html", context: [:]) }
    }

    @Test func errorsInsideIncludesNameTheIncludedTemplate() throws {
        let library = try TemplateTestSupport.library(["a.html": "{% include 'p.html' %}", "p.html": "x\n{{ oops }}"])
        do {
            _ = try library.render("a.html", context: [:])
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.location) == ["Templates/p.html:2:4"])
        }
    }

    @Test func columnsCountCharacters() throws {
        try expectRender("🎉 é {{ nope }}", [:], (1, 8, "'nope' is not defined; check the spelling, or use '| default(…)' (in an 'if' test an undefined name is simply false)"))
    }

    @Test func windowsLineEndings() throws {
        let diagnostics = TemplateTestSupport.compileErrors(["t.html": "<p>\r\n\t{{ x | uper }}\r\n</p>"])
        #expect(diagnostics.map(\.description) == ["Templates/t.html:2:9: error: unknown filter 'uper'; see docs/templates.md for the list of filters\n\t{{ x | uper }}\n\t       ^"])
        #expect(try renderTemplate("a\r\n{%- if true -%}\r\nb\r\n{%- endif %}") == "ab")
    }

    // MARK: Compile time

    @Test func unknownFilterAndArguments() {
        expectCompile("line\n  {{ x | uper }}", [(2, 10, "unknown filter 'uper'; see docs/templates.md for the list of filters")])
        expectCompile("{{ x | truncate }}", [(1, 8, "filter 'truncate' does not take 0 arguments; write truncate(length) or truncate(length, \"end\")")])
        expectCompile("{{ x | upper(1) }}", [(1, 8, "filter 'upper' does not take 1 argument; write upper (no arguments)")])
        expectCompile("{{ x | date('%Q') }}", [(1, 8, "'%Q' is not a date format code; see the 'date' filter in docs/templates.md")])
        expectCompile("{{ x | sort(attribute='a') }}", [(1, 13, "filters take no named arguments; write sort, sort(\"attribute\") or sort(\"attribute\", true)")])
        expectCompile("{{ x is blue }}", [(1, 9, "unknown test 'blue'; use defined, undefined, none, string, number, boolean, mapping, iterable, odd or even")])
        expectCompile("{{ f(x) }}", [(1, 4, "'f(…)' is not a function; functions are not supported, use a filter like 'x | f'")])
    }

    @Test func unbalancedTags() {
        expectCompile("a\n{% endif %}", [(2, 1, "'{% endif %}' without a matching '{% if %}'; remove it or open the tag before it")])
        expectCompile("x\n  {% for a in b %}\n{{ a }}", [(2, 3, "'{% for %}' is never closed; add '{% endfor %}'")])
        expectCompile("{% for a in b %}\n{% if a %}\n{% endfor %}",
                      [(2, 1, "'{% if %}' is not closed before '{% endfor %}' on line 3; add '{% endif %}'")])
        expectCompile("{% if a %}{% else %}{% else %}{% endif %}", [(1, 21, "'{% else %}' without a matching '{% if %}'; remove it or open the tag before it")])
        expectCompile("{% block a %}{% endblock b %}", [(1, 26, "'{% endblock b %}' closes block 'a'; write '{% endblock a %}'")])
        expectCompile("{% block a %}{% endblock %}{% block a %}{% endblock %}", [(1, 37, "block 'a' is defined twice in this template; rename one of them")])
        expectCompile("{% block %}x{% endblock %}", [(1, 10, "expected a name after 'block', found '%}'")])
        expectCompile("{% if a %}{% for x in y %}{% endif %}",
                      [(1, 11, "'{% for %}' is not closed before '{% endif %}' on line 1; add '{% endfor %}'")])
        expectCompile("{% if a | uper %}x{% else %}y{% endif %}", [(1, 11, "unknown filter 'uper'; see docs/templates.md for the list of filters")])
        expectCompile("{% raw %}never closed", [(1, 1, "'{% raw %}' is never closed; add '{% endraw %}'")])
        expectCompile("{% frobnicate %}", [(1, 4, "unknown tag 'frobnicate'; the tags are if, for, set, include, extends, block and raw")])
        expectCompile("{% if a %}{% extends 'b.html' %}{% endif %}",
                      [(1, 11, "'{% extends %}' must be at the top level of the template, not inside another tag")])
    }

    @Test func unterminatedDelimiters() {
        expectCompile("a {{ b", [(1, 3, "'{{' is never closed; end the expression with '}}'")])
        expectCompile("a {{ b \n{% if x %}{% endif %}", [(1, 3, "'{{' is never closed; end the expression with '}}' before the next tag")])
        expectCompile("{% if x ", [(1, 1, "'{%' is never closed; end the tag with '%}'")])
        expectCompile("{# note", [(1, 1, "comment '{#' is never closed; end it with '#}'")])
        expectCompile("{{ 'abc }}", [(1, 1, "'{{' is never closed; end the expression with '}}'"), (1, 4, "string is never closed; end it with '")])
    }

    @Test func expressionSyntax() {
        expectCompile("{{ }}", [(1, 4, "expected an expression, found '}}'")])
        expectCompile("{{ a b }}", [(1, 6, "unexpected 'b' in '{{ … }}'; expected '}}'")])
        expectCompile("{% if a = 1 %}{% endif %}", [(1, 9, "'=' assigns only in '{% set %}'; compare with '=='")])
        expectCompile("{{ a ! b }}", [(1, 6, "unexpected character '!' in a tag")])
        expectCompile("{% set = 1 %}", [(1, 8, "expected a name after 'set', found '='")])
        expectCompile("{% for in x %}{% endfor %}", [(1, 8, "expected a name after 'for', found 'in'")])
        expectCompile("{% for a of x %}{{ a }}{% endfor %}", [(1, 10, "expected 'in' in '{% for … in … %}', found 'of'")])
        expectCompile("{% if %}a{% else %}b{% endif %}", [(1, 7, "expected an expression, found '%}'")])
        expectCompile("{{ (1 + 2 }}", [(1, 11, "expected ')' to close '(', found '}}'")])
    }

    @Test func manyErrorsAtOnce() {
        let diagnostics = TemplateTestSupport.compileErrors([
            "a.html": "{{ x | uper }}\n{% endif %}\n{{ y | lowr }}",
            "b.html": "{% extends 'missing.html' %}",
            "c.html": "{% include 'gone.html' %}{% if %}",
            "ok.html": "fine",
        ])
        #expect(diagnostics.map(\.location) == [
            "Templates/a.html:1:8", "Templates/a.html:2:1", "Templates/a.html:3:8",
            "Templates/b.html:1:4", "Templates/c.html:1:4", "Templates/c.html:1:26", "Templates/c.html:1:32",
        ])
        #expect(diagnostics[5].message == "'{% if %}' is never closed; add '{% endif %}'")
        #expect(diagnostics[3].message == "'missing.html' does not exist, so this template cannot extend it; check the name (relative to Templates/)")
        #expect(diagnostics[4].message == "template 'gone.html' does not exist, so it cannot be included; check the name (relative to Templates/)")
    }

    @Test func cycles() {
        let extendsCycle = TemplateTestSupport.compileErrors([
            "a.html": "{% extends 'b.html' %}", "b.html": "\n{% extends 'a.html' %}",
        ])
        #expect(extendsCycle.map(\.description) == [
            "Templates/b.html:2:4: error: extending 'a.html' here never ends: a.html → b.html → a.html; break the cycle\n{% extends 'a.html' %}\n   ^"
        ])
        let includeCycle = TemplateTestSupport.compileErrors([
            "x.html": "{% include 'y.html' %}", "y.html": "{% block b %}{% include 'x.html' %}{% endblock %}",
            "self.html": "{% include 'self.html' %}",
            "guarded.html": "{% if more %}{% include 'guarded.html' %}{% endif %}",
        ])
        #expect(includeCycle.map(\.location) == ["Templates/self.html:1:4", "Templates/y.html:1:17"])
        #expect(includeCycle.last?.message == "including 'x.html' here never ends: x.html → y.html → x.html; break the cycle")
    }
}
