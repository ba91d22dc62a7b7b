import Foundation
import Testing
@testable import Herald

/// Huge and deeply nested input: each either builds in time roughly linear
/// in its size or fails with a clear error — never a crash (stack overflow)
/// or a quadratic step. The time bounds are generous (about ten times what
/// a debug build needs on a slow, shared machine); they catch hangs and
/// quadratic blow-ups, not small slowdowns. Deep recursion is run on a
/// thread with a 512 KiB stack, the smallest a build's worker thread gets.
@Suite struct LimitsTests {
    static func seconds(_ work: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now()
        try work()
        return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    static func site(_ files: [String: String]) throws -> TemporarySite {
        var all = BuildOutputTests.minimalTheme
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
        #expect(time < 200, "10,000 tags took \(time) s")
        #expect(site.exists("Public/tags/tag-9999/index.html"))
        #expect(site.exists("Public/tags/tag-9999/feed.xml"))
    }

    @Test(arguments: [
        ("blockquotes", String(repeating: ">", count: 10_000) + " deep\n"),
        ("list items", (0..<10_000).map { String(repeating: "  ", count: $0) + "- item\n" }.joined()),
        ("one-line lists", String(repeating: "- ", count: 10_000) + "x\n"),
        ("emphasis", String(repeating: "*a ", count: 20_000) + String(repeating: " b*", count: 20_000) + "\n"),
        ("links", String(repeating: "[", count: 20_000) + "x" + String(repeating: "](/a)", count: 20_000) + "\n"),
        ("inline HTML", String(repeating: "<b>", count: 20_000) + "x\n"),
    ])
    func deeplyNestedMarkdown(name: String, body: String) throws {
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

    @Test(arguments: [
        ("if", String(repeating: "{% if true %}", count: 10_000) + "x" + String(repeating: "{% endif %}", count: 10_000)),
        ("for", String(repeating: "{% for x in [1] %}", count: 10_000) + "x" + String(repeating: "{% endfor %}", count: 10_000)),
        ("block", (0..<10_000).map { "{% block b\($0) %}" }.joined() + "x" + String(repeating: "{% endblock %}", count: 10_000)),
        ("set", String(repeating: "{% set x %}", count: 10_000) + "x" + String(repeating: "{% endset %}", count: 10_000)),
        ("parentheses", "{{ " + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000) + " }}"),
        ("lists", "{{ " + String(repeating: "[", count: 100_000) + "1" + String(repeating: "]", count: 100_000) + " }}"),
        ("not", "{{ " + String(repeating: "not ", count: 100_000) + "true }}"),
        ("minus", "{{ " + String(repeating: "-", count: 100_000) + "1 }}"),
        ("filters", "{{ 'a'" + String(repeating: " | upper", count: 100_000) + " }}"),
        ("members", "{% set m = {'a': 1} %}{{ m" + String(repeating: ".a", count: 100_000) + " | default(1) }}"),
        ("concatenation", "{{ 'a'" + String(repeating: " ~ 'a'", count: 100_000) + " }}"),
        ("unclosed", String(repeating: "{% if x %}", count: 100_000)),
    ])
    func deeplyNestedTemplatesFailClearlyOrRender(name: String, source: String) throws {
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
            #expect(extendsErrors.isEmpty || extendsErrors.first?.contains("too") == true, "\(extendsErrors.prefix(2))")
            if let extendsLibrary {
                _ = Robustness.onSmallStack { () -> Bool in (try? extendsLibrary.render("e0.html", context: [:])) != nil }
            }
        }
        #expect(time < 120, "chains of 2,000 templates took \(time) s")
    }

    // MARK: Front matter

    @Test(arguments: [
        ("flow lists", "params_deep: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)),
        ("flow maps", "params_deep: " + String(repeating: "{a: ", count: 10_000) + "1" + String(repeating: "}", count: 10_000)),
        ("block lists", "params_deep:\n" + (0..<5_000).map { String(repeating: " ", count: $0 + 1) + "-\n" }.joined()),
        ("one-line block lists", "params_deep: \n  " + String(repeating: "- ", count: 10_000) + "x"),
    ])
    func deeplyNestedFrontMatterFailsClearly(name: String, yaml: String) throws {
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
