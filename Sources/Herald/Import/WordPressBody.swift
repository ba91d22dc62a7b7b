import Foundation

/// A WordPress post's content as the HTML WordPress would show: block-editor
/// comments removed, `[caption]` as `<figure>`, `[gallery]` as figures of its
/// images, `[embed]` and a URL alone on a line (what WordPress turns into an
/// oEmbed player) as a link, and (for classic-editor content) automatic
/// paragraphs as `wpautop` makes them. Other shortcodes stay visible and are
/// reported.
enum WordPressBody {
    struct Converted {
        var html: String
        /// Names of the shortcodes left as they were.
        var unknownShortcodes: [String]
        /// Attachment ids a `[gallery]` names that the export does not have.
        var missingMedia: [String] = []
        /// `[gallery]`s that show nothing: no ids, and no images uploaded to the post.
        var emptyGalleries = 0
    }

    /// `post` is the post's id, for a `[gallery]` of the images uploaded to it.
    static func convert(_ content: String, gallery: WordPressGallery? = nil, post: String = "") -> Converted {
        var text = content.replacingOccurrences(of: "\r\n", with: "\n")
        let blocks = text.contains("<!-- wp:")
        text = replace(blockComment, in: text) { _ in "" }
        text = replace(caption, in: text) { groups in
            // The image (possibly inside a link) first, then the caption text.
            let inner = groups[2]
            guard let end = inner.range(of: captionMedia, options: [.regularExpression]) else {
                return "<figure>\(inner)</figure>"
            }
            let media = inner[..<end.upperBound]
            let caption = inner[end.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
            return "<figure>\(media)" + (caption.isEmpty ? "" : "<figcaption>\(caption)</figcaption>") + "</figure>"
        }
        text = replace(embed, in: text) { groups in
            let url = groups[1].trimmingCharacters(in: .whitespaces)
            return link(url)
        }
        var missingMedia: [String] = []
        var emptyGalleries = 0
        if let gallery {
            text = replace(galleryShortcode, in: text) { groups in
                let rendered = gallery.render(attributes: groups[1], post: post)
                missingMedia += rendered.missing
                if rendered.empty { emptyGalleries += 1 }
                return rendered.html
            }
        }
        // In a classic body the link gets blank lines around it, so that
        // wpautop keeps it a paragraph of its own, as WordPress shows an embed.
        text = replace(oEmbedLine, in: text, ifContains: "http") { groups in
            groups[1] + (blocks ? "" : "\n") + link(groups[2]) + (blocks ? "" : "\n")
        }
        var unknown: [String] = []
        _ = replace(shortcode, in: text) { groups in
            if !unknown.contains(groups[1]) { unknown.append(groups[1]) }
            return groups[0]
        }
        if !blocks { text = autop(text) }
        return Converted(html: text.trimmingCharacters(in: .whitespacesAndNewlines) + "\n", unknownShortcodes: unknown, missingMedia: missingMedia, emptyGalleries: emptyGalleries)
    }

    /// A paragraph linking to `url`, the URL as its text. Content gives the
    /// URL as it was typed, so `&` is escaped here (an `&amp;` already
    /// written stays as it is).
    private static func link(_ url: String) -> String {
        let text = url.replacingOccurrences(of: "&amp;", with: "&")
        let escaped = HTMLEscaping.escape(text)
        return "<p><a href=\"\(escaped)\">\(escaped)</a></p>"
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

    /// The expressions, compiled once: compiling them for every post was
    /// most of an import's time.
    private static let compiled: [String: NSRegularExpression] = {
        var expressions: [String: NSRegularExpression] = [:]
        for pattern in [blockComment, caption, captionMedia, embed, galleryShortcode, shortcode] {
            expressions[pattern] = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        }
        // Line by line: `^` and `$` are the ends of each line.
        expressions[oEmbedLine] = try? NSRegularExpression(pattern: oEmbedLine, options: [.anchorsMatchLines])
        return expressions
    }()
    private static let blockComment = #"<!--\s*/?wp:[^>]*?-->\n?"#
    private static let caption = #"\[caption([^\]]*)\]\s*(.*?)\[/caption\]"#
    private static let captionMedia = #"(</a>|<img[^>]*>)(?!.*(</a>|<img))"#
    private static let embed = #"\[embed[^\]]*\](.*?)\[/embed\]"#
    private static let galleryShortcode = #"\[gallery(\s[^\]]*)?\]"#
    /// A line holding only an http(s) URL, its indentation kept.
    private static let oEmbedLine = #"^([ \t]*)(https?://[^\s<>"]+)[ \t]*$"#
    private static let shortcode = #"\[([a-zA-Z][a-zA-Z0-9_-]*)[^\]\n]*\]"#

    /// Replaces every match of `pattern` (dot matches line breaks) with what
    /// `transform` makes of its groups. A text without `ifContains` (or,
    /// by default, without `[` and `<!--`) cannot match and is returned as
    /// it is, which spares most bodies the expression.
    private static func replace(_ pattern: String, in text: String, ifContains hint: String? = nil, _ transform: ([String]) -> String) -> String {
        let mayMatch = hint.map { text.contains($0) } ?? (text.contains("[") || text.contains("<!--"))
        guard mayMatch, let regex = compiled[pattern] else { return text }
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
