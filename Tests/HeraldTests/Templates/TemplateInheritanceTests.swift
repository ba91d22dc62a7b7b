import Foundation
import Testing
@testable import Herald

@Suite struct TemplateInheritanceTests {
    let sources: [String: String] = [
        "base.html": """
            <html><title>{% block title %}Site{% endblock %}</title>
            <body>{% block body %}<main>{% block content %}base content{% endblock %}</main>{% endblock body %}</body></html>
            """,
        "section.html": """
            {% extends "base.html" %}
            ignored text {{ never_evaluated }}
            {% block title %}Section · {{ super() }}{% endblock %}
            {% block content %}[section {{ super() }}]{% endblock %}
            """,
        "article.html": """
            {% extends "section.html" %}
            {% set label = "Article" %}
            {% block title %}{{ label }}: {{ page.title }} · {{ super() }}{% endblock %}
            {% block content %}<article>{{ super() }}{% include "partials/byline.html" %}</article>{% endblock %}
            """,
        "partials/byline.html": "<p>by {{ author }}{% if page is defined %} on {{ page.title }}{% endif %}</p>",
        "loop.html": "{% for author in ['a', 'b'] %}{% include 'partials/byline.html' %}{% endfor %}",
        "setinclude.html": "{% set author = 'local' %}{% include 'partials/setter.html' %}{{ author }}",
        "partials/setter.html": "{% set author = 'changed' %}{{ author }}|",
        "dynamic.html": "{% include name %}",
        "recursive.html": "{% if depth > 0 %}{{ depth }}{% set depth = depth - 1 %}{% include 'recursive.html' %}{% endif %}",
        "forever.html": "{% if true %}{% include 'forever.html' %}{% endif %}",
        "nested.html": "{% extends 'base.html' %}{% block body %}<div>{% block content %}child{% endblock %}</div>{% endblock %}",
        "grandchild.html": "{% extends 'nested.html' %}{% block content %}grand {{ super() }}{% endblock %}",
    ]

    @Test func threeLevelsWithSuper() throws {
        let library = try TemplateTestSupport.library(sources)
        let output = try library.render("article.html", context: ["page": ["title": "Hello <world>"], "author": "Ann"])
        #expect(output == """
            <html><title>Article: Hello &lt;world&gt; · Section · Site</title>
            <body><main><article>[section base content]<p>by Ann on Hello &lt;world&gt;</p></article></main></body></html>
            """)
        #expect(try library.render("section.html", context: [:]).hasPrefix("<html><title>Section · Site</title>"))
        #expect(try library.render("base.html", context: [:]).contains("<main>base content</main>"))
    }

    @Test func blocksNestedInOverriddenBlocks() throws {
        let library = try TemplateTestSupport.library(sources)
        #expect(try library.render("nested.html", context: [:]).contains("<body><div>child</div></body>"))
        #expect(try library.render("grandchild.html", context: [:]).contains("<body><div>grand child</div></body>"))
    }

    @Test func includeSeesScope() throws {
        let library = try TemplateTestSupport.library(sources)
        #expect(try library.render("loop.html", context: [:]) == "<p>by a</p><p>by b</p>")
        #expect(try library.render("setinclude.html", context: [:]) == "changed|local")
        #expect(try library.render("dynamic.html", context: ["name": "partials/byline.html", "author": "X"]) == "<p>by X</p>")
        #expect(try library.render("recursive.html", context: ["depth": 3]) == "321")
        #expect(library.contains("partials/byline.html"))
        #expect(!library.contains("missing.html"))
    }

    @Test func includeRecursionLimit() throws {
        let library = try TemplateTestSupport.library(sources)
        do {
            _ = try library.render("forever.html", context: [:])
            Issue.record("expected an error")
        } catch {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.path == "Templates/forever.html")
            #expect(diagnostic.line == 1 && diagnostic.column == 17)
            #expect(diagnostic.message.contains("nested more than 64 deep"))
        }
    }

    @Test func renderingIsThreadSafe() async throws {
        let library = try TemplateTestSupport.library(sources)
        let expected = try (0..<8).map { index in
            try library.render("article.html", context: ["page": ["title": .string("T\(index)")], "author": .string("A\(index)")])
        }
        let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for round in 0..<200 {
                group.addTask {
                    let index = round % 8
                    let output = try library.render(
                        "article.html", context: ["page": ["title": .string("T\(index)")], "author": .string("A\(index)")])
                    return (index, output)
                }
            }
            var collected: [(Int, String)] = []
            for try await result in group { collected.append(result) }
            return collected
        }
        #expect(results.count == 200)
        for (index, output) in results { #expect(output == expected[index]) }
    }

    @Test func readsADirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("herald-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("partials"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "{% include 'partials/x.html' %}!".write(to: directory.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try "x{{ 1 + }}".write(to: directory.appendingPathComponent("partials/bad.html"), atomically: true, encoding: .utf8)
        try "part".write(to: directory.appendingPathComponent("partials/x.html"), atomically: true, encoding: .utf8)
        try "not a template".write(to: directory.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        do {
            _ = try TemplateLibrary(directory: directory, displayPrefix: "Templates", environment: TemplateTestSupport.environment)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "Templates/partials/bad.html:1:9: error: expected an expression, found '}}'\nx{{ 1 + }}\n        ^"
            ])
        }
        try FileManager.default.removeItem(at: directory.appendingPathComponent("partials/bad.html"))
        let library = try TemplateLibrary(directory: directory, displayPrefix: "Templates", environment: TemplateTestSupport.environment)
        #expect(library.templateNames == ["index.html", "partials/x.html"])
        #expect(try library.render("index.html", context: [:]) == "part!")
    }
}
