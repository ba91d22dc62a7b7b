import Foundation
import Testing
@testable import Herald

/// Huge and deeply nested input: each either builds in time roughly linear
/// in its size or fails with a clear error — never a crash (stack overflow)
/// or a quadratic step. The time bounds are generous (about ten times what
/// a debug build needs on a slow, shared machine); they catch hangs and
/// quadratic blow-ups, not small slowdowns. Deep recursion is run on a
/// thread with a 512 KiB stack, the smallest a build's worker thread gets.
@Suite(.serialized) struct LimitsTests {
    static func seconds(_ work: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now()
        try work()
        return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    static func site(_ files: [String: String]) throws -> TemporarySite {
        var all = BuildFixtures.minimalTheme
        all["Templates/term.html"] = "{{ term.name }}{% for a in paginator.items %}{{ a.title }}{% endfor %}"
        all["site.yml"] = "title: Limits\nurl: https://news.example.org/\ntimezone: UTC\n"
        all.merge(files) { _, new in new }
        return try TemporarySite(files: all)
    }

    @Test func aTenMegabyteArticleBuildsInLinearTime() throws {
        let paragraph = "The council met on **Tuesday** to discuss the [budget](https://example.org/b) and *other* matters, at length.\n\n"
        let count = 10_000_000 / paragraph.utf8.count
        let site = try Self.site([
            "Content/articles/2025-07-04-huge.md": "---\ntitle: Huge\ndate: 2025-07-04\n---\n" + String(repeating: paragraph, count: count),
        ])
        defer { site.remove() }
        let time = try Self.seconds { _ = try site.build() }
        #expect(time < 90, "a 10 MB article took \(time) s")
        let page = try #require(site.read("Public/2025/07/huge/index.html"))
        #expect(page.utf8.count > 10_000_000)
        let feed = try #require(site.read("Public/feed.xml"))
        #expect(feed.utf8.count > 10_000_000)
    }

    @Test func tenThousandTagsOnOneArticle() throws {
        let tags = (0..<10_000).map { "tag-\($0)" }.joined(separator: ", ")
        let site = try Self.site([
            "site.yml": "title: Limits\nurl: https://news.example.org/\ntimezone: UTC\nfeeds:\n  formats: [atom]\n",
            "Content/articles/2025-07-04-tagged.md": "---\ntitle: Tagged\ndate: 2025-07-04\ntags: [\(tags)]\n---\nBody.\n",
        ])
        defer { site.remove() }
        let time = try Self.seconds { _ = try site.build() }
        #expect(time < 150, "10,000 tags took \(time) s")
        #expect(site.exists("Public/tags/tag-9999/index.html"))
        #expect(site.exists("Public/tags/tag-9999/feed.xml"))
    }

    static func markdown(_ name: String) -> String {
        switch name {
        case "blockquotes": return String(repeating: ">", count: 10_000) + " deep\n"
        case "list items": return (0..<10_000).map { String(repeating: "  ", count: $0) + "- item\n" }.joined()
        case "one-line lists": return String(repeating: "- ", count: 10_000) + "x\n"
        case "emphasis": return String(repeating: "*a ", count: 20_000) + String(repeating: " b*", count: 20_000) + "\n"
        case "links": return String(repeating: "[", count: 20_000) + "x" + String(repeating: "](/a)", count: 20_000) + "\n"
        default: return String(repeating: "<b>", count: 20_000) + "x\n"
        }
    }

    @Test(arguments: ["blockquotes", "list items", "one-line lists", "emphasis", "links", "inline HTML"])
    func deeplyNestedMarkdown(name: String) throws {
        let body = Self.markdown(name)
        let site = try Self.site(["Content/articles/2025-07-04-deep.md": "---\ntitle: Deep\ndate: 2025-07-04\n---\n" + body])
        defer { site.remove() }
        // The whole build, with its Markdown, feed and plain-text passes, on a small stack.
        let root = site.root
        let (time, errors) = Robustness.onSmallStack { () -> (Double, [String]) in
            let start = DispatchTime.now()
            var errors: [String] = []
            do {
                _ = try Builder(options: BuildOptions(source: root, now: Date(timeIntervalSince1970: 1_800_000_000))).build()
            } catch {
                errors = Robustness.diagnostics(error).map(\.description)
            }
            return (Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9, errors)
        }
        #expect(errors.isEmpty, "\(name): \(errors)")
        #expect(time < 60, "\(name) took \(time) s")
        #expect(site.exists("Public/2025/07/deep/index.html"))
    }

    // MARK: Templates

    static func compile(_ sources: [String: String]) -> (library: TemplateLibrary?, errors: [String]) {
        Robustness.onSmallStack { () -> (TemplateLibrary?, [String]) in
            do {
                return (try TemplateTestSupport.library(sources), [])
            } catch {
                return (nil, Robustness.diagnostics(error).map(\.description))
            }
        }
    }

    static func template(_ name: String) -> String {
        switch name {
        case "if": return String(repeating: "{% if true %}", count: 10_000) + "x" + String(repeating: "{% endif %}", count: 10_000)
        case "for": return String(repeating: "{% for x in [1] %}", count: 10_000) + "x" + String(repeating: "{% endfor %}", count: 10_000)
        case "block": return (0..<10_000).map { "{% block b\($0) %}" }.joined() + "x" + String(repeating: "{% endblock %}", count: 10_000)
        case "set": return String(repeating: "{% set x %}", count: 10_000) + "x" + String(repeating: "{% endset %}", count: 10_000)
        case "parentheses": return "{{ " + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000) + " }}"
        case "lists": return "{{ " + String(repeating: "[", count: 100_000) + "1" + String(repeating: "]", count: 100_000) + " }}"
        case "not": return "{{ " + String(repeating: "not ", count: 100_000) + "true }}"
        case "minus": return "{{ " + String(repeating: "-", count: 100_000) + "1 }}"
        case "filters": return "{{ 'a'" + String(repeating: " | upper", count: 100_000) + " }}"
        case "members": return "{{ m" + String(repeating: ".a", count: 100_000) + " }}"
        case "concatenation": return "{{ 'a'" + String(repeating: " ~ 'a'", count: 100_000) + " }}"
        case "unclosed": return String(repeating: "{% if x %}", count: 100_000)
        case "shallow but many": return String(repeating: "{% if true %}{{ 'a' ~ 'b' | upper }}{% endif %}", count: 10_000)
        default: return "{% set l = [" + (0..<10_000).map(String.init).joined(separator: ", ") + "] %}{{ l | length }}"
        }
    }

    @Test(arguments: ["if", "for", "block", "set", "parentheses", "lists", "not", "minus", "filters", "members", "concatenation", "unclosed", "shallow but many", "long list"])
    func deeplyNestedTemplatesFailClearlyOrRender(name: String) throws {
        let source = Self.template(name)
        var result: (library: TemplateLibrary?, errors: [String]) = (nil, [])
        let time = Self.seconds { result = Self.compile(["t.html": source]) }
        #expect(time < 60, "\(name) took \(time) s to compile")
        if let library = result.library {
            let rendered = Robustness.onSmallStack { () -> Result<String, any Error> in
                do { return .success(try library.render("t.html", context: [:])) } catch { return .failure(error) }
            }
            switch rendered {
            case .success(let text): #expect(!text.isEmpty)
            case .failure(let error): #expect(Robustness.diagnostics(error).first?.path == "Templates/t.html", "\(name): \(error)")
            }
        } else {
            #expect(!result.errors.isEmpty)
            #expect(result.errors.allSatisfy { $0.hasPrefix("Templates/t.html:1:") }, "\(name): \(result.errors.prefix(3))")
            if name != "unclosed" {
                #expect(result.errors.first?.contains("nested too deeply") == true, "\(name): \(result.errors.prefix(3))")
                #expect(result.errors.count < 5, "\(name): one clear error, not \(result.errors.count)")
            }
        }
    }

    @Test func recursiveIncludesStopWithAClearError() throws {
        // Conditional, so it passes the static cycle check and recurses while rendering.
        let (library, errors) = Self.compile(["t.html": "x{% if n %}{% include 't.html' %}{% endif %}"])
        #expect(errors.isEmpty)
        let rendered = Robustness.onSmallStack { () -> [String] in
            do {
                _ = try library?.render("t.html", context: ["n": .int(1)])
                return []
            } catch {
                return Robustness.diagnostics(error).map(\.message)
            }
        }
        #expect(rendered.first?.contains("includes are nested more than") == true, "\(rendered)")
    }

    @Test func longIncludeAndExtendsChains() throws {
        var includes: [String: String] = [:]
        var extends: [String: String] = [:]
        for index in 0..<2_000 {
            includes["i\(index).html"] = index == 1_999 ? "end" : "{% include 'i\(index + 1).html' %}"
            extends["e\(index).html"] = index == 1_999 ? "{% block a %}root{% endblock %}" : "{% extends 'e\(index + 1).html' %}{% block a %}\(index){{ super() }}{% endblock %}"
        }
        let time = Self.seconds {
            let (includeLibrary, includeErrors) = Self.compile(includes)
            #expect(includeErrors.isEmpty)
            let deep = Robustness.onSmallStack { () -> [String] in
                do { _ = try includeLibrary?.render("i0.html", context: [:]); return [] } catch { return Robustness.diagnostics(error).map(\.message) }
            }
            #expect(deep.first?.contains("includes are nested more than") == true, "\(deep.prefix(1))")
            let (extendsLibrary, extendsErrors) = Self.compile(extends)
            // The error is at each `extends` that some chain reaches past
            // the bound of 32: from e31 (the 32nd below e0) to e1998, which
            // extends the root; nothing above e31, and not the root itself.
            let refused = (0..<2_000).filter { index in extendsErrors.contains { $0.hasPrefix("Templates/e\(index).html:1:4: error:") } }
            #expect(refused == Array(31...1_998), "\(refused.prefix(3))…\(refused.suffix(3))")
            #expect(extendsErrors.count == refused.count)
            #expect(extendsErrors.allSatisfy { $0.contains("makes a chain of more than 32 templates") }, "\(extendsErrors.prefix(2))")
            #expect(extendsLibrary == nil, "a theme with a refused template is not used")
        }
        #expect(time < 120, "chains of 2,000 templates took \(time) s")
    }

    // MARK: Front matter

    static func frontMatter(_ name: String) -> String {
        switch name {
        case "flow lists": return "params_deep: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        case "flow maps": return "params_deep: " + String(repeating: "{a: ", count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        case "block lists": return "params_deep:\n" + (0..<5_000).map { String(repeating: " ", count: $0 + 1) + "-\n" }.joined()
        default: return "params_deep: \n  " + String(repeating: "- ", count: 10_000) + "x"
        }
    }

    @Test(arguments: ["flow lists", "flow maps", "block lists", "one-line block lists"])
    func deeplyNestedFrontMatterFailsClearly(name: String) throws {
        let yaml = Self.frontMatter(name)
        let site = try Self.site(["Content/articles/2025-07-04-deep.md": "---\ntitle: Deep\ndate: 2025-07-04\n\(yaml)\n---\nx\n"])
        defer { site.remove() }
        let root = site.root
        let errors = Robustness.onSmallStack { () -> [String] in
            do {
                _ = try Builder(options: BuildOptions(source: root, now: Date(timeIntervalSince1970: 1_800_000_000))).build()
                return []
            } catch {
                return Robustness.diagnostics(error).map(\.description)
            }
        }
        #expect(errors.count == 1, "\(name): \(errors.prefix(3))")
        #expect(errors.first?.hasPrefix("Content/articles/2025-07-04-deep.md:") == true, "\(name): \(errors.prefix(1))")
        #expect(errors.first?.contains("nested too deeply") == true, "\(name): \(errors.prefix(1))")
    }

    @Test func aBillionLaughsInFrontMatterIsRefused() throws {
        var yaml = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1..<12 {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let site = try Self.site(["Content/articles/2025-07-04-lol.md": "---\ntitle: Lol\ndate: 2025-07-04\n\(yaml)---\nx\n"])
        defer { site.remove() }
        var errors: [String] = []
        let time = Self.seconds { errors = site.buildErrors().map(\.description) }
        #expect(time < 30, "took \(time) s")
        #expect(errors.count == 1, "\(errors.prefix(3))")
        #expect(errors.first?.contains("too many values") == true, "\(errors.prefix(1))")
    }
}

extension LimitsTests {
    /// Includes inside nested tags, and `super()` chains inside nested tags:
    /// the depths multiply, and the renderer stops them with a clear error.
    @Test(arguments: ["includes in nested ifs", "super in nested ifs"])
    func multipliedNestingStopsWithAClearError(name: String) throws {
        let ifs = String(repeating: "{% if true %}", count: 30)
        let endifs = String(repeating: "{% endif %}", count: 30)
        var sources: [String: String] = [:]
        if name == "includes in nested ifs" {
            sources["t.html"] = "x\(ifs){% include 't.html' %}\(endifs)"
        } else {
            for index in 0..<30 {
                sources["e\(index).html"] = index == 29
                    ? "{% block a %}root{% endblock %}"
                    : "{% extends 'e\(index + 1).html' %}{% block a %}\(ifs){{ super() }}\(endifs){% endblock %}"
            }
            sources["t.html"] = "{% extends 'e0.html' %}{% block a %}\(ifs){{ super() }}\(endifs){% endblock %}"
        }
        let (library, errors) = Self.compile(sources)
        #expect(errors.isEmpty, "\(errors.prefix(2))")
        let rendered = Robustness.onSmallStack { () -> [String] in
            do { _ = try library?.render("t.html", context: [:]); return [] } catch { return Robustness.diagnostics(error).map(\.message) }
        }
        if name == "includes in nested ifs" {
            #expect(rendered.first?.contains("nested too deeply") == true || rendered.first?.contains("includes are nested more than") == true, "\(rendered)")
        } else {
            #expect(rendered.count == 1, "\(rendered)")
            #expect(rendered.first?.contains("nested too deeply") == true, "\(rendered)")
        }
    }
}

extension LimitsTests {
    /// The nesting bound reads no depth into quoted text, comments and block
    /// scalars, and counts flow and block nesting that YAML really has.
    @Test func theYAMLNestingBoundIgnoresTextAndCountsCollections() {
        let dashes = String(repeating: "- ", count: 200)
        let text = """
            title: "\(String(repeating: "[", count: 200))"
            other: '\(String(repeating: "{", count: 200))'
            # \(dashes)
            summary: |
              \(dashes)
                  \(String(repeating: "[", count: 200))
            folded: >-
              \(dashes)
            tags: [a, b, c]
            """
        #expect(YAMLNesting.firstTooDeepLine(text) == nil)
        #expect(YAMLNesting.firstTooDeepLine("a: " + String(repeating: "[", count: 120)) == 1)
        #expect(YAMLNesting.firstTooDeepLine("a:\n" + (1...60).map { String(repeating: " ", count: $0) + "- x\n" }.joined()) != nil)
        #expect(YAMLNesting.firstTooDeepLine("a:\n  b:\n    c:\n      - [1, {d: e}]\n") == nil)
    }
}
