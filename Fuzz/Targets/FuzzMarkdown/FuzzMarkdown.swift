import Foundation
@testable import Herald

/// A Markdown body through the GFM extension layer. The first byte picks the
/// settings (smart punctuation, raw HTML, each extension on or off); the rest
/// is the body. Checks: no crash or hang; the custom elements the extensions
/// write open and close in pairs; heading ids are unique; the table of
/// contents has one entry per heading.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let flags = data[0]
    guard let body = String(validating: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self) else { return 0 }
    var settings = SiteConfig.MarkdownSettings()
    settings.smart = flags & 1 != 0
    settings.unsafeHTML = flags & 2 != 0
    settings.extensions = MarkdownExtensions(rawValue: (flags >> 2) | 0x0C).intersection(.all)
    if flags & 0x80 != 0 { settings.extensions = .all }
    let result = MarkdownRenderer(settings: settings).render(body, path: "a.md", lineOffset: 0) { _ in .keep }
    let html = result.html
    for tag in ["table", "thead", "tbody", "tr", "del"] where !settings.unsafeHTML {
        precondition(html.components(separatedBy: "<\(tag)>").count == html.components(separatedBy: "</\(tag)>").count,
            "<\(tag)> and </\(tag)> do not pair")
    }
    let ids = result.toc.map(\.id)
    if settings.extensions.contains(.headingIDs) {
        precondition(Set(ids).count == ids.count || body.contains("{#"), "heading ids repeat: \(ids)")
    } else {
        precondition(ids.isEmpty, "a table of contents without heading ids")
    }
    return 0
}
