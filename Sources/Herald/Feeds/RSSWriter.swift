/// RSS 2.0 with the Atom, Dublin Core and content namespaces, written through
/// libxml2's xmlTextWriter like Atom.
enum RSSWriter {
    static func render(_ feed: PreparedFeed) throws(XMLWriterFailure) -> [UInt8] {
        let w = XMLWriter()
        w.startDocument()
        if let href = feed.stylesheetHref {
            w.processingInstruction("xml-stylesheet", AtomWriter.stylesheetPI(href))
        }
        w.start("rss")
        w.attribute("version", "2.0")
        w.attribute("xmlns:atom", AtomWriter.namespace)
        w.attribute("xmlns:content", "http://purl.org/rss/1.0/modules/content/")
        w.attribute("xmlns:dc", "http://purl.org/dc/elements/1.1/")
        w.start("channel")
        title(feed.title, w)
        w.element("link", feed.homeURL)
        title(feed.description ?? feed.title, w, element: "description")
        w.empty("atom:link", attributes: [("href", feed.selfURL), ("rel", "self"), ("type", FeedGenerator.mediaType(for: .rss))])
        for hub in feed.hubs { w.empty("atom:link", attributes: [("href", hub), ("rel", "hub")]) }
        w.element("language", feed.language)
        if let copyright = feed.copyright { w.element("copyright", copyright) }
        if !feed.entries.isEmpty {
            w.element("lastBuildDate", FeedDates.rfc822(feed.updated, in: feed.timeZone))
        }
        w.element("generator", "\(feed.generator) \(feed.generatorVersion)")
        if let image = rssImage(feed) {
            w.start("image")
            w.element("url", image)
            title(feed.title, w)
            w.element("link", feed.homeURL)
            w.end()
        }
        for entry in feed.entries {
            write(entry, feed, w)
        }
        w.end()
        w.end()
        return try w.finish()
    }

    /// The channel image: the logo, else the icon, but only one in a format
    /// RSS 2.0 allows (GIF, JPEG or PNG); an SVG logo is left out of RSS (Atom
    /// and JSON Feed still carry it) rather than written as an invalid image.
    static func rssImage(_ feed: PreparedFeed) -> String? {
        [feed.logo, feed.icon].lazy.compactMap { $0 }.first(where: isRSSImageURL)
    }

    static func isRSSImageURL(_ url: String) -> Bool {
        var path = Substring(url)
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return ["gif", "jpg", "jpeg", "png"].contains(path[path.index(after: dot)...].lowercased())
    }

    /// An RSS `title` (or the channel's plain-text `description`). RSS does not say whether a title is text or HTML, and most
    /// readers treat one that looks like HTML as HTML. So a title that looks
    /// like markup (`<`, `&amp;`) is HTML-escaped once (it then shows as
    /// written), and, as the RSS Best Practices Profile asks for character
    /// data, its `&`, `<` and `>` are written as hexadecimal character
    /// references. Other titles are plain text.
    private static func title(_ text: String, _ w: XMLWriter, element: String = "title") {
        w.start(element)
        if AtomWriter.looksLikeMarkup(text) {
            var escaped = ""
            for scalar in HTMLEscaping.escape(text).unicodeScalars {
                switch scalar {
                case "&": escaped += "&#x26;"
                case "<": escaped += "&#x3C;"
                case ">": escaped += "&#x3E;"
                case "\r": escaped += "&#xD;"
                default: escaped.unicodeScalars.append(scalar)
                }
            }
            w.raw(escaped)
        } else {
            w.text(text)
        }
        w.end()
    }

    private static func write(_ entry: PreparedEntry, _ feed: PreparedFeed, _ w: XMLWriter) {
        w.start("item")
        title(entry.title, w)
        w.element("link", entry.url)
        w.element("guid", entry.id, attributes: ["isPermaLink": "false"])
        w.element("pubDate", FeedDates.rfc822(entry.published, in: feed.timeZone))
        for author in entry.authors { w.element("dc:creator", author.name) }
        for category in entry.categories {
            if let scheme = category.scheme {
                w.element("category", category.term, attributes: ["domain": scheme])
            } else {
                w.element("category", category.term)
            }
        }
        // The summary; without one, the content (readers show description first,
        // and the RSS profile wants it before content:encoded).
        let description = entry.summaryHTML.isEmpty ? entry.contentHTML : entry.summaryHTML
        if !description.isEmpty {
            w.element("description", description)
        }
        if !entry.contentHTML.isEmpty {
            w.element("content:encoded", entry.contentHTML)
        }
        // RSS requires url, length and type; the RSS Advisory Board's profile
        // says to write 0 for an unknown length.
        if let image = entry.image, let type = image.type {
            w.empty("enclosure", attributes: [("url", image.url), ("length", String(image.length ?? 0)), ("type", type)])
        }
        w.end()
    }
}
