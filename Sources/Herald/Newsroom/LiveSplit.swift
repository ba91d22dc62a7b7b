/// A Markdown body split at its `<!--update …-->` lines: the part before the
/// first (the story's introduction) and each update after one, as HTML, in
/// the order written; the markers themselves are removed.
struct LiveSplit: Sendable {
    /// One update as written: the time between `update` and `-->`, the file
    /// line of its marker, its HTML, and when its first block is a heading
    /// that heading's text and the HTML after it.
    struct Part: Sendable {
        var time: String
        var line: Int
        var html: String
        var heading: String?
        var bodyHTML = ""
    }

    /// A split made elsewhere: of an HTML body (see `LiveLines`).
    init(introHTML: String, parts: [Part]) {
        self.introHTML = introHTML
        self.parts = parts
    }

    /// The text of the heading that `html` starts with, and the HTML after
    /// it; `nil` when it starts with something else.
    static func leadingHeading(of html: String) -> (text: String, rest: String)? {
        let trimmed = String(html.trimmingWhitespace())
        guard isHeading(trimmed) else { return nil }
        let level = trimmed.dropFirst(2).prefix(1)
        guard let end = trimmed.range(of: "</h" + level + ">", options: .caseInsensitive) else { return nil }
        let heading = String(trimmed[..<end.upperBound])
        return (String(PlainText.fromHTML(heading).trimmingWhitespace()), String(trimmed[end.upperBound...]))
    }

    private static func isHeading(_ html: String) -> Bool {
        let bytes = Array(html.utf8.prefix(3))
        return bytes.count == 3 && bytes[0] == UInt8(ascii: "<") && (bytes[1] == UInt8(ascii: "h") || bytes[1] == UInt8(ascii: "H"))
            && (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[2])
    }

    var introHTML: String
    var parts: [Part]

    /// The time written in a marker (`<!--update 2025-07-04 14:30-->` gives
    /// `2025-07-04 14:30`); `nil` when `literal` is no update marker.
    static func markerTime(_ literal: Substring) -> Substring? {
        guard literal.hasPrefix("<!--"), literal.hasSuffix("-->") else { return nil }
        let inner = literal.dropFirst(4).dropLast(3).drop { $0 == " " }
        guard inner.hasPrefix("update") else { return nil }
        let rest = inner.dropFirst("update".count)
        // `<!--updated …-->` or `<!--updates-->` are other comments.
        guard rest.isEmpty || rest.first == " " else { return nil }
        return String(rest).trimmingWhitespace()
    }

    /// Splits `document` at its update `markers` (top-level HTML blocks)
    /// and removes them; `nil` without markers.
    init?(_ document: CMarkDocument, markers: [OpaquePointer], lineOffset: Int) {
        guard !markers.isEmpty else { return nil }
        var intro = ""
        var parts: [Part] = []
        for block in document.blocks {
            if markers.contains(block) {
                let literal = CMarkDocument.literal(of: block)?.trimmingWhitespace() ?? ""[...]
                parts.append(Part(time: String(Self.markerTime(literal) ?? ""), line: lineOffset + CMarkDocument.line(of: block), html: ""))
            } else if parts.isEmpty {
                intro += document.html(of: block)
            } else {
                let html = document.html(of: block)
                // By its HTML: a heading with an id is a custom block by now.
                if parts[parts.count - 1].html.isEmpty, Self.isHeading(html) {
                    parts[parts.count - 1].heading = String(PlainText.fromHTML(html).trimmingWhitespace())
                } else {
                    parts[parts.count - 1].bodyHTML += html
                }
                parts[parts.count - 1].html += html
            }
        }
        introHTML = intro
        self.parts = parts
        for marker in markers { document.remove(marker) }
    }
}
