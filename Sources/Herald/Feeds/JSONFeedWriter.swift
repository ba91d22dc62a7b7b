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
        if !feed.hubs.isEmpty {
            top.append(("hubs", .array(feed.hubs.map { .object([("type", .string("WebSub")), ("url", .string($0))]) })))
        }
        top.append(("items", .array(feed.entries.map { item($0, feed) })))
        var out: [UInt8] = []
        out.reserveCapacity(feed.entries.reduce(4096) { $0 + $1.contentHTML.utf8.count + 1024 })
        JSON.object(top).write(to: &out, indent: 0)
        out.append(UInt8(ascii: "\n"))
        return out
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

    /// Appends the value as UTF-8, indented by two spaces a level.
    func write(to out: inout [UInt8], indent: Int) {
        func newline(_ level: Int) {
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
        }
        switch self {
        case .string(let text):
            JSON.writeString(text, to: &out)
        case .array(let values):
            guard !values.isEmpty else { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                newline(indent + 1)
                value.write(to: &out, indent: indent + 1)
                if index < values.count - 1 { out.append(UInt8(ascii: ",")) }
            }
            newline(indent)
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            guard !fields.isEmpty else { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in fields.enumerated() {
                newline(indent + 1)
                JSON.writeString(key, to: &out)
                out.append(contentsOf: ": ".utf8)
                value.write(to: &out, indent: indent + 1)
                if index < fields.count - 1 { out.append(UInt8(ascii: ",")) }
            }
            newline(indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends a JSON string. Works on UTF-8 bytes, copying runs that need
    /// no escape at once: feeds carry whole articles in `content_html`.
    static func writeString(_ text: String, to out: inout [UInt8]) {
        var text = XMLText.sanitized(text)
        out.append(UInt8(ascii: "\""))
        text.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            func escape(_ replacement: String, skipping length: Int) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                out.append(contentsOf: replacement.utf8)
                index += length
                runStart = index
            }
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""): escape("\\\"", skipping: 1)
                case UInt8(ascii: "\\"): escape("\\\\", skipping: 1)
                case UInt8(ascii: "\n"): escape("\\n", skipping: 1)
                case UInt8(ascii: "\r"): escape("\\r", skipping: 1)
                case UInt8(ascii: "\t"): escape("\\t", skipping: 1)
                case 0..<0x20:
                    let hex = String(byte, radix: 16)
                    escape("\\u" + String(repeating: "0", count: 4 - hex.count) + hex, skipping: 1)
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    // U+2028 and U+2029, which some JavaScript parsers take for line ends.
                    escape(bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029", skipping: 3)
                default:
                    index += 1
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
