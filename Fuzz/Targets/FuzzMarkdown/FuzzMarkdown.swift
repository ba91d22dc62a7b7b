import Foundation
@testable import Herald

/// A Markdown body through the GFM extension layer. The first byte picks the
/// settings (smart punctuation, raw HTML, each extension on or off); the rest
/// is the body. Checks: no crash or hang; the custom elements the extensions
/// write open and close in pairs; heading ids are unique; the table of
/// contents has one entry per heading; at most one section of footnotes,
/// every footnote reference's id once, and each back-reference pointing at
/// one of them; no id of a note or reference that a heading has too.
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
    // Counted on the bytes: `components(separatedBy:)` compares characters,
    // and a prepended mark such as U+0601 joins the `<` after it into one.
    let bytes = Array(html.utf8)
    func count(_ text: String) -> Int {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return 0 }
        return (0...(bytes.count - needle.count)).filter { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }.count
    }
    for tag in ["table", "thead", "tbody", "tr", "del"] where !settings.unsafeHTML {
        precondition(count("<\(tag)>") == count("</\(tag)>"), "<\(tag)> and </\(tag)> do not pair")
    }
    if !settings.unsafeHTML {
        precondition(count("<section class=\"footnotes\"") <= 1, "more than one section of footnotes")
        // Ids as written in attributes, links' fragments percent-encoded: both decoded.
        func unescaped(_ text: Substring) -> String {
            text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        }
        let referenceIDs = html.matches(of: #/ id="(fnref-[^"]*)"/#).map { unescaped($0.1) }
        precondition(Set(referenceIDs).count == referenceIDs.count, "footnote reference ids repeat: \(referenceIDs)")
        for backReference in html.matches(of: #/href="#(fnref-[^"]*)" class="footnote-backref"/#) {
            let target = String(backReference.1).removingPercentEncoding ?? String(backReference.1)
            precondition(referenceIDs.contains(target), "a back-reference to no reference: \(backReference.1)")
        }
    }
    let ids = result.toc.map(\.id)
    if settings.extensions.contains(.headingIDs) {
        precondition(Set(ids).count == ids.count || body.contains("{#"), "heading ids repeat: \(ids)")
        if !settings.unsafeHTML, !body.contains("{#") {
            let noteIDs = html.matches(of: #/ id="(fn(ref)?-[^"]*)"/#).map { String($0.1) }
            precondition(Set(noteIDs).count == noteIDs.count, "footnote and heading ids repeat: \(noteIDs)")
        }
    } else {
        precondition(ids.isEmpty, "a table of contents without heading ids")
    }
    return 0
}
