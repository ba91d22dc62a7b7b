import Foundation

/// A WordPress post's content as the HTML WordPress would show: block-editor
/// comments removed, `[caption]` as `<figure>`, `[embed]` as a link, and
/// (for classic-editor content) automatic paragraphs as `wpautop` makes them.
/// Other shortcodes stay visible and are reported.
enum WordPressBody {
    struct Converted {
        var html: String
        /// Names of the shortcodes left as they were.
        var unknownShortcodes: [String]
    }

    static func convert(_ content: String) -> Converted {
        var text = content.replacingOccurrences(of: "\r\n", with: "\n")
        let blocks = text.contains("<!-- wp:")
        text = replace(#"<!--\s*/?wp:[^>]*?-->\n?"#, in: text) { _ in "" }
        text = replace(#"\[caption([^\]]*)\]\s*(.*?)\[/caption\]"#, in: text) { groups in
            // The image (possibly inside a link) first, then the caption text.
            let inner = groups[2]
            guard let end = inner.range(of: #"(</a>|<img[^>]*>)(?!.*(</a>|<img))"#, options: [.regularExpression]) else {
                return "<figure>\(inner)</figure>"
            }
            let media = inner[..<end.upperBound]
            let caption = inner[end.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
            return "<figure>\(media)" + (caption.isEmpty ? "" : "<figcaption>\(caption)</figcaption>") + "</figure>"
        }
        text = replace(#"\[embed[^\]]*\](.*?)\[/embed\]"#, in: text) { groups in
            let url = groups[1].trimmingCharacters(in: .whitespaces)
            return "<p><a href=\"\(url)\">\(url)</a></p>"
        }
        var unknown: [String] = []
        _ = replace(#"\[([a-zA-Z][a-zA-Z0-9_-]*)[^\]\n]*\]"#, in: text) { groups in
            if !unknown.contains(groups[1]) { unknown.append(groups[1]) }
            return groups[0]
        }
        if !blocks { text = autop(text) }
        return Converted(html: text.trimmingCharacters(in: .whitespacesAndNewlines) + "\n", unknownShortcodes: unknown)
    }

    /// Elements that wpautop never wraps in a paragraph.
    private static let blockTags: Set<String> = [
        "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "iframe", "script", "style", "video", "audio",
    ]

    /// Blank lines separate paragraphs, a single line break is `<br>`,
    /// and a chunk that is a block element is left as it is.
    static func autop(_ text: String) -> String {
        let chunks = text.components(separatedBy: "\n").split { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        var out: [String] = []
        for lines in chunks {
            let chunk = lines.joined(separator: "\n").trimmingCharacters(in: .whitespaces)
            if let tag = firstTag(of: chunk), blockTags.contains(tag) {
                out.append(chunk)
            } else {
                out.append("<p>" + lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "<br>\n") + "</p>")
            }
        }
        return out.joined(separator: "\n")
    }

    private static func firstTag(of chunk: String) -> String? {
        guard chunk.hasPrefix("<") else { return nil }
        let name = chunk.dropFirst().drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }
        return name.isEmpty ? nil : name.lowercased()
    }

    /// Replaces every match of `pattern` (dot matches line breaks) with what
    /// `transform` makes of its groups.
    private static func replace(_ pattern: String, in text: String, _ transform: ([String]) -> String) -> String {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return text }
        let source = text as NSString
        var result = ""
        var last = 0
        for match in regex.matches(in: text, range: NSRange(location: 0, length: source.length)) {
            result += source.substring(with: NSRange(location: last, length: match.range.location - last))
            let groups = (0..<match.numberOfRanges).map { index -> String in
                let range = match.range(at: index)
                return range.location == NSNotFound ? "" : source.substring(with: range)
            }
            result += transform(groups)
            last = match.range.location + match.range.length
        }
        result += source.substring(from: last)
        return result
    }
}
