import Foundation
@testable import Herald

/// An article from front matter and Markdown to its page HTML and its
/// Atom, RSS and JSON feeds. Checks that every feed is valid UTF-8 without
/// characters XML forbids, and that the JSON feed parses.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    let config = FuzzState.config
    let (decoded, _) = FuzzState.decoder.decode(text, kind: .article, sourcePath: "Content/articles/2025-07-04-a.md")
    guard var draft = decoded else { return 0 }
    let rendered = FuzzState.markdown.render(draft.body, path: draft.item.sourcePath, lineOffset: draft.bodyLineOffset) { _ in .keep }
    draft.item.contentHTML = rendered.html
    draft.item.summaryHTML = rendered.summaryHTML
    if let summary = draft.summaryMarkdown { draft.item.summaryHTML = FuzzState.markdown.html(summary) }
    draft.item.summaryText = PlainText.fromHTML(draft.item.summaryHTML)
    draft.item.url = "/2025/07/\(draft.item.slug)/"
    draft.item.permalink = config.url.absolute(draft.item.url)
    let request = FeedRequest(title: config.title, subtitle: nil, directory: "/", alternatePath: "/", items: [draft.item])
    let generator = FeedGenerator(config: config)
    for format in [FeedFormat.atom, .rss, .json] {
        let bytes = generator.render(request, as: format)
        guard let feed = String(validating: bytes, as: UTF8.self) else { fatalError("\(format) feed is not UTF-8") }
        for scalar in feed.unicodeScalars {
            let value = scalar.value
            let allowed = value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
                || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
            precondition(allowed, "\(format) feed holds U+\(String(value, radix: 16)), which XML forbids")
        }
        if format == .json {
            precondition((try? JSONSerialization.jsonObject(with: Data(bytes))) != nil, "the JSON feed does not parse")
        }
    }
    return 0
}

enum FuzzState {
    static let config = try! SiteConfigLoader.parse("title: T & <Co>\nurl: https://example.org/news/\n")
    static let decoder = ContentDecoder(config: config)
    static let markdown = MarkdownRenderer(settings: config.markdown)
}
