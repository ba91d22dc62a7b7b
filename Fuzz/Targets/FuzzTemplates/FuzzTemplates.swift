import Foundation
@testable import Herald

/// The template lexer, parser, linker and renderer. The input is split at
/// NUL bytes into up to four templates (`t.html`, `a.html`, `b.html`,
/// `partials/c.html`), which may include and extend each other; `t.html` is
/// rendered with a small context of every kind of value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parts = text.split(separator: "\0", maxSplits: 3, omittingEmptySubsequences: false)
    let names = ["t.html", "a.html", "b.html", "partials/c.html"]
    var sources: [String: String] = [:]
    for (name, part) in zip(names, parts) { sources[name] = String(part) }
    guard let library = try? TemplateLibrary(sources: sources, environment: FuzzState.environment) else { return 0 }
    _ = try? library.render("t.html", context: FuzzState.context)
    return 0
}

enum FuzzState {
    static let environment = TemplateEnvironment(
        timeZone: TimeZone(identifier: "America/New_York")!,
        siteURL: SiteURL("https://example.org/news/")!,
        markdown: { MarkdownRenderer(settings: .init()).html($0) })
    static let context: [String: Value] = [
        "s": .string("<b>\"x\" & 'y'</b>"),
        "h": .html("<em>safe</em>"),
        "n": .int(3),
        "d": .double(2.5),
        "b": .bool(true),
        "z": .none,
        "l": .list([.int(1), .string("two"), .list([.int(3)]), .none]),
        "m": .map(["a": .int(1), "b": .string("x"), "c": .map(["d": .bool(false)])]),
        "t": .date(Date(timeIntervalSince1970: 1_751_634_845)),
    ]
}
