import Testing

@testable import Herald

/// `PlainText.fromHTML` works on bytes; the scalar-by-scalar version it
/// replaced is kept here as the reference it must agree with.
@Suite struct PlainTextTests {
    static let pieces = [
        "<p>", "</P>", "<br/>", "<BR />", "<!-- note -->", "<!-->", "<!--", "-->", "&amp;", "&#x41;", "&#32;", "&#x20;",
        "&nbsp;", "&bogus;", "&hellip;", "&#1114112;", "&#X1F600;", "&", "<", ">", ";", " ", "  ", "\n", "\t", "\r",
        "\u{0C}", "text", "Wörter", "é", "\u{00A0}", "<é>", "< p>", "<div\u{00A0}class=x>", "&am\u{00A0};", "<a href='x'>",
        "<li", "</", "<!", "&#;", "&#x;", "&abcdefghijklm;", "&ldquo;", "東京", "<h2 id=\"a\">", "</h2>",
    ]

    @Test func agreesWithTheScalarVersion() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let html = (0..<Int.random(in: 0..<12, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            #expect(PlainText.fromHTML(html) == ReferencePlainText.fromHTML(html), "\(html.debugDescription)")
        }
    }
}

enum ReferencePlainText {
    static func fromHTML(_ html: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var scalars = html.unicodeScalars[...]
        func emit(_ scalar: Unicode.Scalar) {
            // Only white space of the markup collapses; a decoded &nbsp; stays.
            if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{0C}" {
                pendingSpace = !out.isEmpty
                return
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(scalar)
        }
        while let scalar = scalars.first {
            scalars = scalars.dropFirst()
            if scalar == "<" {
                // Skip a comment or a tag; block-level tags separate words.
                if scalars.starts(with: "!--".unicodeScalars) {
                    if let end = scalars.indices.first(where: { scalars[$0...].starts(with: "-->".unicodeScalars) }) {
                        scalars = scalars[end...].dropFirst(3)
                    } else { scalars = scalars[scalars.endIndex...] }
                } else if let next = scalars.first, next.properties.isAlphabetic || next == "/" || next == "!" {
                    let name = scalars.prefix { $0 != ">" && !$0.properties.isWhitespace }
                    if let end = scalars.firstIndex(of: ">") { scalars = scalars[scalars.index(after: end)...] } else {
                        scalars = scalars[scalars.endIndex...]
                    }
                    var tag = String(String.UnicodeScalarView(name)).lowercased()
                    if tag.hasPrefix("/") { tag.removeFirst() }
                    if tag.hasSuffix("/") { tag.removeLast() }
                    if blockTags.contains(tag) { pendingSpace = !out.isEmpty }
                } else {
                    emit(scalar)
                }
            } else if scalar == "&" {
                let ref = scalars.prefix(while: { $0 != ";" && $0 != "<" && $0 != "&" && !$0.properties.isWhitespace }).prefix(12)
                let after = scalars.index(scalars.startIndex, offsetBy: ref.count)
                if after < scalars.endIndex, scalars[after] == ";", let decoded = decode(String(String.UnicodeScalarView(ref))) {
                    if decoded == " " { emit(decoded) } else {
                        if pendingSpace { out.append(" "); pendingSpace = false }
                        out.append(decoded)
                    }
                    scalars = scalars[scalars.index(after: after)...]
                } else {
                    emit(scalar)
                }
            } else {
                emit(scalar)
            }
        }
        return String(out)
    }

    private static let blockTags: Set<String> = [
        "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
        "figure", "figcaption", "table", "tr", "td", "th", "hr", "section", "article", "dd", "dt",
    ]

    private static func decode(_ reference: String) -> Unicode.Scalar? { PlainText.decode(reference) }
}
