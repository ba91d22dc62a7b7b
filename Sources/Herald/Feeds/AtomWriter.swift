/// Atom 1.0 (RFC 4287), written only through libxml2's xmlTextWriter.
enum AtomWriter {
    static let namespace = "http://www.w3.org/2005/Atom"
    /// RFC 5005's namespace (`fh:archive`).
    static let historyNamespace = "http://purl.org/syndication/history/1.0"

    static func render(_ feed: PreparedFeed) throws(XMLWriterFailure) -> [UInt8] {
        let w = XMLWriter()
        w.startDocument()
        if let href = feed.stylesheetHref {
            w.processingInstruction("xml-stylesheet", stylesheetPI(href))
        }
        w.start("feed")
        w.attribute("xmlns", namespace)
        w.attribute("xml:lang", feed.language)
        if feed.isArchive || feed.previousArchiveURL != nil { w.attribute("xmlns:fh", historyNamespace) }
        w.element("id", feed.id)
        title("title", feed.title, w)
        if let subtitle = feed.description {
            w.element("subtitle", subtitle, attributes: ["type": "text"])
        }
        w.element("updated", FeedDates.rfc3339(feed.updated, in: feed.timeZone))
        person("author", feed.author, w)
        w.empty("link", attributes: [("rel", "self"), ("type", FeedGenerator.mediaType(for: .atom)), ("href", feed.selfURL)])
        w.empty("link", attributes: [("rel", "alternate"), ("type", "text/html"), ("href", feed.homeURL)])
        for hub in feed.hubs { w.empty("link", attributes: [("rel", "hub"), ("href", hub)]) }
        let type = FeedGenerator.mediaType(for: .atom)
        if let current = feed.currentURL { w.empty("link", attributes: [("rel", "current"), ("type", type), ("href", current)]) }
        if let previous = feed.previousArchiveURL { w.empty("link", attributes: [("rel", "prev-archive"), ("type", type), ("href", previous)]) }
        if let next = feed.nextArchiveURL { w.empty("link", attributes: [("rel", "next-archive"), ("type", type), ("href", next)]) }
        if feed.isArchive {
            w.empty("fh:archive", attributes: [])
            // No version: an archive document keeps its bytes across upgrades.
            w.element("generator", feed.generator)
        } else {
            w.element("generator", feed.generator, attributes: ["version": feed.generatorVersion])
        }
        if let icon = feed.icon { w.element("icon", icon) }
        if let logo = feed.logo { w.element("logo", logo) }
        if let rights = feed.copyright { w.element("rights", rights, attributes: ["type": "text"]) }
        for entry in feed.entries {
            write(entry, feed, w)
        }
        w.end()
        return try w.finish()
    }

    private static func write(_ entry: PreparedEntry, _ feed: PreparedFeed, _ w: XMLWriter) {
        w.start("entry")
        w.element("id", entry.id)
        title("title", entry.title, w)
        w.empty("link", attributes: [("rel", "alternate"), ("type", "text/html"), ("href", entry.url)])
        w.element("published", FeedDates.rfc3339(entry.published, in: feed.timeZone))
        w.element("updated", FeedDates.rfc3339(entry.updated, in: feed.timeZone))
        for author in entry.authors { person("author", author, w) }
        for category in entry.categories {
            var attributes = [("term", category.term)]
            if let scheme = category.scheme { attributes.append(("scheme", scheme)) }
            attributes.append(("label", category.term))
            w.empty("category", attributes: attributes)
        }
        if let image = entry.image {
            var attributes = [("rel", "enclosure")]
            if let type = image.type { attributes.append(("type", type)) }
            if let length = image.length { attributes.append(("length", String(length))) }
            attributes.append(("href", image.url))
            w.empty("link", attributes: attributes)
        }
        if !entry.summaryHTML.isEmpty {
            w.element("summary", entry.summaryHTML, attributes: ["type": "html"])
        }
        if !entry.contentHTML.isEmpty {
            w.element("content", entry.contentHTML, attributes: ["type": "html", "xml:base": entry.url])
        }
        w.end()
    }

    /// A text construct for a title. Plain `type="text"`, unless the title looks
    /// like markup (`<b>`, `&amp;`): then `type="html"` with the text HTML-escaped
    /// once, so that no reader (nor the W3C validator) mistakes it for markup.
    private static func title(_ element: String, _ text: String, _ w: XMLWriter) {
        if looksLikeMarkup(text) {
            w.element(element, HTMLEscaping.escape(text), attributes: ["type": "html"])
        } else {
            w.element(element, text, attributes: ["type": "text"])
        }
    }

    /// True when plain text contains `<` or a character-reference-like `&name;` / `&#…;`.
    static func looksLikeMarkup(_ text: String) -> Bool {
        if text.contains("<") { return true }
        var scalars = text.unicodeScalars[...]
        while let amp = scalars.firstIndex(of: "&") {
            let rest = scalars[scalars.index(after: amp)...]
            let name = rest.prefix { $0 == "#" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
            if !name.isEmpty, name.endIndex < rest.endIndex, rest[name.endIndex] == ";" { return true }
            scalars = rest
        }
        return false
    }

    private static func person(_ element: String, _ person: Person, _ w: XMLWriter) {
        w.start(element)
        w.element("name", person.name)
        if let uri = person.uri { w.element("uri", uri) }
        if let email = person.email { w.element("email", email) }
        w.end()
    }

    /// Pseudo-attributes of `<?xml-stylesheet?>`; the href is escaped as an attribute value.
    static func stylesheetPI(_ href: String) -> String {
        #"type="text/xsl" href=""# + HTMLEscaping.escape(href).replacingOccurrences(of: "&#39;", with: "&apos;") + #"""#
    }
}
