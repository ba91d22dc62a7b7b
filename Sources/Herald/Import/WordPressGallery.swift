import Foundation

/// A WordPress `[gallery]` shortcode as plain HTML: a `<div class="gallery">`
/// of one `<figure>` per image, with the attachment's alt text and caption.
/// WordPress draws galleries with its own script and styles at page view;
/// an imported body has to carry the images itself.
struct WordPressGallery {
    /// Everything the export says about its media, by attachment id.
    let attachments: [String: WordPressSiteWriter.Attachment]
    /// The ids of each post's attachments in gallery order, by post id: a
    /// `[gallery]` without `ids` shows the images uploaded to its post.
    let children: [String: [String]]

    init(attachments: [String: WordPressSiteWriter.Attachment]) {
        self.attachments = attachments
        var children: [String: [(order: Int, id: String)]] = [:]
        for (id, attachment) in attachments {
            guard let parent = attachment.parent, parent != "0" else { continue }
            children[parent, default: []].append((attachment.order, id))
        }
        // WordPress orders them by menu_order, then id; the dictionary has no order of its own.
        self.children = children.mapValues { list in
            list.sorted { ($0.order, Int($0.id) ?? 0, $0.id) < ($1.order, Int($1.id) ?? 0, $1.id) }.map(\.id)
        }
    }

    struct Rendered {
        var html: String
        /// Ids the shortcode names that the export has no attachment for.
        var missing: [String]
        /// True when the gallery names no images at all (no `ids`, nothing uploaded to the post).
        var empty = false
    }

    /// The HTML for a gallery with these shortcode attributes (the text
    /// between `[gallery` and `]`) in post `post`.
    func render(attributes: String, post: String) -> Rendered {
        let values = Self.attributes(attributes)
        let ids: [String]
        // An empty `ids=""` means none given, as in WordPress.
        if let list = (values["ids"] ?? values["include"]).flatMap({ $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }) {
            ids = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        } else {
            ids = children[values["id"] ?? post] ?? []
        }
        let linkToFile = values["link"] == "file"
        var figures: [String] = []
        var missing: [String] = []
        for id in ids {
            guard let image = attachments[id] else {
                missing.append(id)
                continue
            }
            let url = HTMLEscaping.escape(image.url)
            var figure = "<img src=\"\(url)\" alt=\"\(HTMLEscaping.escape(image.alt ?? ""))\">"
            if linkToFile { figure = "<a href=\"\(url)\">\(figure)</a>" }
            if let caption = image.caption { figure += "<figcaption>\(caption)</figcaption>" }
            figures.append("<figure>\(figure)</figure>")
        }
        guard !figures.isEmpty else { return Rendered(html: "", missing: missing, empty: missing.isEmpty) }
        return Rendered(html: "<div class=\"gallery\">\n" + figures.joined(separator: "\n") + "\n</div>", missing: missing)
    }

    /// `ids="1,2" link=file columns='3'` as a dictionary: WordPress accepts
    /// double, single or no quotes.
    static func attributes(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        let pattern = #"([a-zA-Z_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return values }
        let source = text as NSString
        for match in regex.matches(in: text, range: NSRange(location: 0, length: source.length)) {
            let name = source.substring(with: match.range(at: 1)).lowercased()
            for group in 2...4 where match.range(at: group).location != NSNotFound {
                values[name] = source.substring(with: match.range(at: group))
            }
        }
        return values
    }
}
