/// JSON Feed 1.1 (https://jsonfeed.org/version/1.1), written by hand so that the
/// key order and number/string formatting are fixed: two-space indentation, keys
/// in the order of the specification, `/` not escaped.
enum JSONFeedWriter {
    static func render(_ feed: PreparedFeed) -> [UInt8] {
        var top: [(String, JSON)] = [
            ("version", .string("https://jsonfeed.org/version/1.1")),
            ("title", .string(feed.title)),
            ("home_page_url", .string(feed.homeURL)),
            ("feed_url", .string(feed.selfURL)),
        ]
        top.append(("description", .string(feed.description ?? feed.title)))
        if let icon = feed.icon {
            top.append(("icon", .string(icon)))
            top.append(("favicon", .string(icon)))
        }
        top.append(("authors", .array([person(feed.author)])))
        top.append(("language", .string(feed.language)))
        top.append(("items", .array(feed.entries.map { item($0, feed) })))
        var out = ""
        JSON.object(top).write(to: &out, indent: 0)
        out += "\n"
        return Array(out.utf8)
    }

    private static func item(_ entry: PreparedEntry, _ feed: PreparedFeed) -> JSON {
        var fields: [(String, JSON)] = [
            ("id", .string(entry.id)),
            ("url", .string(entry.url)),
            ("title", .string(entry.title)),
        ]
        // JSON Feed 1.1 requires content_html or content_text: always written.
        fields.append(("content_html", .string(entry.contentHTML)))
        let summary = PlainText.fromHTML(entry.summaryHTML)
        if !summary.isEmpty { fields.append(("summary", .string(summary))) }
        if let image = entry.image { fields.append(("image", .string(image.url))) }
        fields.append(("date_published", .string(FeedDates.rfc3339(entry.published, in: feed.timeZone))))
        fields.append(("date_modified", .string(FeedDates.rfc3339(entry.updated, in: feed.timeZone))))
        fields.append(("authors", .array(entry.authors.map(person))))
        if !entry.categories.isEmpty {
            var tags: [String] = []
            for category in entry.categories where !tags.contains(category.term) { tags.append(category.term) }
            fields.append(("tags", .array(tags.map(JSON.string))))
        }
        return .object(fields)
    }

    private static func person(_ person: Person) -> JSON {
        var fields: [(String, JSON)] = [("name", .string(person.name))]
        if let uri = person.uri { fields.append(("url", .string(uri))) }
        return .object(fields)
    }
}

/// A minimal ordered JSON value and its serializer.
enum JSON {
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    func write(to out: inout String, indent: Int) {
        switch self {
        case .string(let text):
            JSON.writeString(text, to: &out)
        case .array(let values):
            guard !values.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, value) in values.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                value.write(to: &out, indent: indent + 1)
                out += index == values.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .object(let fields):
            guard !fields.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, (key, value)) in fields.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                JSON.writeString(key, to: &out)
                out += ": "
                value.write(to: &out, indent: indent + 1)
                out += index == fields.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        }
    }

    static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in XMLText.sanitized(text).unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

/// Plain text of an HTML fragment: tags and comments dropped, block-level tags
/// turned into word breaks, common character references decoded, runs of
/// ASCII white space collapsed to one space.
enum PlainText {
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

    private static func decode(_ reference: String) -> Unicode.Scalar? {
        switch reference {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return "\u{00A0}"
        case "mdash": return "\u{2014}"
        case "ndash": return "\u{2013}"
        case "hellip": return "\u{2026}"
        case "lsquo": return "\u{2018}"
        case "rsquo": return "\u{2019}"
        case "ldquo": return "\u{201C}"
        case "rdquo": return "\u{201D}"
        default:
            guard reference.hasPrefix("#") else { return nil }
            let digits = reference.dropFirst()
            let value: UInt32?
            if digits.hasPrefix("x") || digits.hasPrefix("X") {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            guard let v = value, let scalar = Unicode.Scalar(v), XMLText.isAllowed(scalar) else { return nil }
            return scalar
        }
    }
}
