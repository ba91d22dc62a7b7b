import Foundation
import Testing
@testable import Herald

/// What a person coming from Jinja, Hugo or Jekyll trips over first: optional
/// values in `if` tests, printing a whole map or list, and other generators' syntax.
@Suite struct TemplateNewcomerTests {
    typealias Expected = (line: Int, column: Int, message: String)

    static let page: Value = .object(TestPage(title: "Bridge reopens", url: "/bridge/", date: TemplateTestSupport.july4, section: nil))
    static let params: Value = .map(["subtitle": .string("After two years"), "empty": .string("")])

    func render(_ source: String, _ context: [String: Value] = [:]) throws -> String {
        try TemplateTestSupport.render(source, context)
    }

    func expectRender(_ source: String, _ context: [String: Value] = [:], _ wanted: Expected, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let diagnostic = try #require(try TemplateTestSupport.renderError(source, context), sourceLocation: sourceLocation)
        #expect(diagnostic.path == "Templates/t.html", sourceLocation: sourceLocation)
        #expect(diagnostic.line == wanted.line && diagnostic.column == wanted.column, "\(diagnostic)", sourceLocation: sourceLocation)
        #expect(diagnostic.message == wanted.message, sourceLocation: sourceLocation)
    }

    func expectCompile(_ source: String, _ wanted: Expected, sourceLocation: SourceLocation = #_sourceLocation) {
        let diagnostics = TemplateTestSupport.compileErrors(["t.html": source])
        #expect(diagnostics.count == 1, "\(diagnostics)", sourceLocation: sourceLocation)
        guard let diagnostic = diagnostics.first else { return }
        #expect(diagnostic.line == wanted.line && diagnostic.column == wanted.column, "\(diagnostic)", sourceLocation: sourceLocation)
        #expect(diagnostic.message == wanted.message, sourceLocation: sourceLocation)
    }

    // MARK: Undefined names in `if` tests

    @Test("an undefined name, member or index as an if/elif test is false")
    func undefinedTestIsFalse() throws {
        let context = ["page": Self.page, "params": Self.params]
        #expect(try render("{% if params.hero %}hero{% else %}none{% endif %}", context) == "none")
        #expect(try render("{% if params.subtitle %}{{ params.subtitle }}{% endif %}", context) == "After two years")
        #expect(try render("{% if nothing %}a{% elif params.missing %}b{% elif page.title %}c{% endif %}", context) == "c")
        #expect(try render("{% if nothing.deeper.still %}a{% else %}b{% endif %}", context) == "b")
        #expect(try render("{% if params[\"hero\"] %}a{% else %}b{% endif %}", context) == "b")
        #expect(try render("{% if page.section.name %}a{% else %}b{% endif %}", context) == "b", "a member of none")
    }

    @Test("as an operand of and / or / not inside the test")
    func undefinedOperandsAreFalse() throws {
        let context = ["params": Self.params]
        #expect(try render("{% if not params.hero %}no hero{% endif %}", context) == "no hero")
        #expect(try render("{% if params.hero or params.subtitle %}yes{% endif %}", context) == "yes")
        #expect(try render("{% if params.subtitle and not params.hero %}yes{% endif %}", context) == "yes")
        #expect(try render("{% if params.subtitle and params.hero %}yes{% else %}no{% endif %}", context) == "no")
        #expect(try render("{% if params.empty or missing %}yes{% else %}no{% endif %}", context) == "no")
        #expect(try render("{% if (missing or params.subtitle) %}yes{% endif %}", context) == "yes")
    }

    @Test("everywhere else an undefined name is still an error")
    func undefinedElsewhereIsAnError() throws {
        let message = "'missing' is not defined; check the spelling, or use '| default(…)' (in an 'if' test an undefined name is simply false)"
        try expectRender("{{ missing }}", [:], (1, 4, message))
        try expectRender("{% if missing == 1 %}x{% endif %}", [:], (1, 7, message))
        try expectRender("{% if missing | length %}x{% endif %}", [:], (1, 7, message))
        try expectRender("{% for x in missing %}{% endfor %}", [:], (1, 13, message))
        try expectRender("{% set a = missing %}", [:], (1, 12, message))
        try expectRender("{{ 'a' if missing else 'b' }}", [:], (1, 11, message))
        try expectRender("{% if params.subtitle %}{{ params.hero }}{% endif %}", ["params": Self.params],
                         (1, 35, "'params' has no member 'hero'; check the spelling, or use 'params.hero | default(…)'"))
    }

    @Test("a capitalised member that Herald spells in lower case is an error, even in a test")
    func capitalisedMembers() throws {
        let hint = "'page' has no member 'Title'; Herald's names are lower case: write 'page.title'"
        try expectRender("{% if page.Title %}x{% endif %}", ["page": Self.page], (1, 12, hint))
        try expectRender("<h1>{{ page.Title }}</h1>", ["page": Self.page], (1, 13, hint))
    }

    // MARK: Printing maps and lists

    @Test("printing a map names a member to print")
    func printingAMap() throws {
        try expectRender("<p>{{ params }}</p>", ["params": Self.params],
                         (1, 7, "'params' is a map, which cannot be printed; print one of its members, such as '{{ params.empty }}' (its members: empty, subtitle)"))
        let image: Value = .map(["url": .string("/a.jpg"), "alt": .string("A bridge")])
        try expectRender("{{ page.image }}", ["page": .map(["image": image])],
                         (1, 9, "'page.image' is a map, which cannot be printed; print one of its members, such as '{{ page.image.url }}' (its members: alt, url)"))
    }

    @Test("printing a list of maps names the member and the join that prints it")
    func printingAListOfMaps() throws {
        let authors: Value = .list([
            .map(["name": .string("Ada Byline"), "url": Value.none, "permalink": Value.none]),
            .map(["name": .string("Ben Desk"), "url": Value.none, "permalink": Value.none]),
        ])
        let context: [String: Value] = ["page": .map(["authors": authors])]
        try expectRender("By {{ page.authors }}", context,
                         (1, 12, "'page.authors' is a list of maps, which cannot be printed; print one member of each, such as '{{ page.authors | join(\", \", \"name\") }}' (its members: name, permalink, url)"))
        try expectRender("By {{ page.authors | join(\", \") }}", context,
                         (1, 22, "'page.authors' is a list of maps, which cannot be joined as text; print one member of each, such as '{{ page.authors | join(\", \", \"name\") }}' (its members: name, permalink, url)"))
        #expect(try render("By {{ page.authors | join(\", \", \"name\") }}", context) == "By Ada Byline, Ben Desk")
    }

    @Test("a page object prints nothing useful, so printing it is an error")
    func printingAnObject() throws {
        try expectRender("{{ page }}", ["page": Self.page],
                         (1, 4, "'page' is an object, which cannot be printed; print one of its members, such as '{{ page.title }}' (its members: date, section, tags, title, url)"))
    }

    @Test("text, lists of text and terms still print")
    func printableValues() throws {
        let terms: Value = .list([.object(TestTerm(name: "economy")), .object(TestTerm(name: "transport"))])
        #expect(try render("{{ tags }}|{{ words }}|{{ tag }}", ["tags": terms, "words": .list([.string("a"), .int(2)]), "tag": .object(TestTerm(name: "rail"))])
                == "economy, transport|a, 2|rail")
        #expect(try render("{{ params | json }}", ["params": .map(["a": .int(1)])]) == "{\"a\":1}")
    }

    // MARK: Other generators' syntax

    @Test("Hugo's {{ .Title }} and {{ .Params.x }} name Herald's spelling")
    func hugoPaths() {
        expectCompile("<h1>{{ .Title }}</h1>", (1, 8, "expected an expression, found '.'; '.Title' is Hugo's spelling, Herald writes 'page.title'"))
        expectCompile("{{ .Params.subtitle }}", (1, 4, "expected an expression, found '.'; '.Params.subtitle' is Hugo's spelling, Herald writes 'page.params.subtitle'"))
        expectCompile("{{ .Site.Title }}", (1, 4, "expected an expression, found '.'; '.Site.Title' is Hugo's spelling, Herald writes 'site.title'"))
        expectCompile("{% if .Params.hero %}x{% endif %}", (1, 7, "expected an expression, found '.'; '.Params.hero' is Hugo's spelling, Herald writes 'page.params.hero'"))
    }

    @Test("Hugo's page.Params.x names page.params.x")
    func hugoCapitalisedMember() throws {
        let page: Value = .object(TestPageWithParams())
        try expectRender("{{ page.Params.subtitle }}", ["page": page],
                         (1, 9, "'page' has no member 'Params'; Herald's names are lower case: write 'page.params'"))
    }

    @Test("Go-template tags inside {{ }} point to {% %}")
    func goTemplateTags() {
        let hint = "is Go-template (Hugo) syntax; Herald writes tags in '{% … %}', such as '{% if page.title %}' … '{% endif %}' or '{% for item in list %}' … '{% endfor %}'"
        expectCompile("{{ if .Title }}", (1, 4, "'{{ if … }}' " + hint))
        expectCompile("{{ range .Pages }}", (1, 4, "'{{ range … }}' " + hint))
        expectCompile("x{{ end }}", (1, 5, "'{{ end … }}' " + hint))
    }

    @Test("Liquid tags name Herald's tag")
    func liquidTags() {
        let tags = "unknown tag 'assign'; the tags are if, for, set, include, extends, block and raw"
        expectCompile("{% assign x = 1 %}", (1, 4, tags + "; Herald writes '{% set name = value %}' where Liquid writes '{% assign %}'"))
        expectCompile("{% unless x %}", (1, 4, "unknown tag 'unless'; the tags are if, for, set, include, extends, block and raw; Herald writes '{% if not condition %}' where Liquid writes '{% unless %}'"))
        expectCompile("{% frobnicate %}", (1, 4, "unknown tag 'frobnicate'; the tags are if, for, set, include, extends, block and raw"))
    }
}

/// A page whose `params` member exists, for the capitalisation hint.
private struct TestPageWithParams: TemplateObject {
    func member(_ name: String) -> Value? {
        name == "params" ? .map(["subtitle": .string("After two years")]) : nil
    }
    var memberNames: [String] { ["params"] }
}
