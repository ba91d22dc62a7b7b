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
