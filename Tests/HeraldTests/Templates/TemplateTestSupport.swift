import Foundation
import Testing
@testable import Herald

/// A page-like object for tests.
struct TestPage: TemplateObject {
    var title: String
    var url: String
    var date: Date
    var section: String?
    var tags: [String] = []

    func member(_ name: String) -> Value? {
        switch name {
        case "title": return .string(title)
        case "url": return .string(url)
        case "date": return .date(date)
        case "section": return section.map { .string($0) } ?? Value.none
        case "tags": return .list(tags.map { .string($0) })
        default: return nil
        }
    }

    var memberNames: [String] { ["date", "section", "tags", "title", "url"] }
}

/// A term-like object that prints as its name.
struct TestTerm: TemplateObject {
    var name: String
    func member(_ member: String) -> Value? {
        switch member {
        case "name": return .string(name)
        case "url": return .string("/tags/\(name)/")
        default: return nil
        }
    }
    var memberNames: [String] { ["name", "url"] }
    var text: String? { name }
}

enum TemplateTestSupport {
    static let environment = TemplateEnvironment(
        timeZone: TimeZone(identifier: "America/New_York")!,
        siteURL: SiteURL("https://example.org/news/")!,
        markdown: { "<p>" + HTMLEscaping.escape($0) + "</p>" })

    /// 2025-07-04T13:14:05Z, which is 09:14:05 in New York (EDT).
    static let july4 = Date(timeIntervalSince1970: 1_751_634_845)
    /// 2025-01-05T08:03:00Z, which is 03:03:00 in New York (EST).
    static let january5 = Date(timeIntervalSince1970: 1_736_064_180)

    static func library(_ sources: [String: String]) throws -> TemplateLibrary {
        try TemplateLibrary(sources: sources, environment: environment)
    }

    /// Renders `source` as "t.html", with `others` alongside it.
    static func render(_ source: String, _ context: [String: Value] = [:], others: [String: String] = [:]) throws -> String {
        var sources = others
        sources["t.html"] = source
        return try library(sources).render("t.html", context: context)
    }

    /// The diagnostics compiling `sources` throws (empty when it compiles).
    static func compileErrors(_ sources: [String: String]) -> [Diagnostic] {
        do {
            _ = try TemplateLibrary(sources: sources, environment: environment)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// The single diagnostic rendering throws, or nil.
    static func renderError(_ source: String, _ context: [String: Value] = [:], others: [String: String] = [:]) throws -> Diagnostic? {
        var sources = others
        sources["t.html"] = source
        let library = try library(sources)
        do {
            _ = try library.render("t.html", context: context)
            return nil
        } catch {
            #expect(error.diagnostics.count == 1)
            return error.diagnostics.first
        }
    }
}

/// Renders `source` as "t.html" (see `TemplateTestSupport.render`).
func renderTemplate(_ source: String, _ context: [String: Value] = [:], others: [String: String] = [:]) throws -> String {
    try TemplateTestSupport.render(source, context, others: others)
}
