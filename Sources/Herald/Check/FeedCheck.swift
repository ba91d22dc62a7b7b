import Foundation

/// Feed conformance: every feed the site publishes (`feed.xml`, `rss.xml`,
/// `feed.json` in any folder, for the formats in `feeds.formats`) is parsed
/// and checked for what every reader needs. Atom and RSS are parsed with
/// libxml2, JSON Feed with JSONSerialization.
public struct FeedCheck: OutputCheck {
    public init() {}

    public func check(_ context: OutputCheckContext) -> [Diagnostic] {
        var formatOf: [String: FeedFormat] = [:]
        for format in context.config.feeds.formats { formatOf[format.fileName] = format }
        let formats = formatOf
        let output = context.output
        let feeds = LinkChecker.files(under: output).filter { formats[Self.fileName(of: $0)] != nil }
        return feeds.parallelMap { path -> [Diagnostic] in
            guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(path).path) else {
                return [Diagnostic(path: path, severity: .error, message: "cannot read the feed")]
            }
            return FeedConformance.check(Array(data), as: formats[Self.fileName(of: path)]!, path: path)
        }.flatMap { $0 }
    }

    static func fileName(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

/// The rules `FeedCheck` applies to one feed document.
enum FeedConformance {
    static let atomNamespace = "http://www.w3.org/2005/Atom"

    static func check(_ bytes: [UInt8], as format: FeedFormat, path: String) -> [Diagnostic] {
        var problems = Problems(path: path)
        switch format {
        case .atom, .rss:
            do {
                let root = try FeedDocument.parse(bytes)
                if format == .atom { atom(root, &problems) } else { rss(root, &problems) }
            } catch {
                problems.add(error.message, line: error.line)
            }
        case .json:
            json(bytes, &problems)
        }
        return problems.list
    }

    struct Problems {
        var path: String
        var list: [Diagnostic] = []

        mutating func add(_ message: String, line: Int) {
            list.append(Diagnostic(path: path, line: line, column: 0, severity: .error, message: message))
        }
    }

    // MARK: Atom

    static func atom(_ feed: FeedDocument.Element, _ problems: inout Problems) {
        let ns = atomNamespace
        guard feed.name == "feed", feed.namespace == ns else {
            problems.add("the root element is <\(feed.name)>, not an Atom <feed> in the \(ns) namespace", line: feed.line)
            return
        }
        requireText(["id", "title", "updated"], of: feed, ns: ns, owner: "the feed", &problems)
        checkAbsolute(feed.first("id", in: ns), "the feed's <id>", &problems)
        checkRFC3339(feed.first("updated", in: ns), &problems)
        for name in ["icon", "logo"] { checkAbsolute(feed.first(name, in: ns), "<\(name)>", &problems) }
        let links = feed.all("link", in: ns)
        if !links.contains(where: { $0.attributes["rel"] == "self" && !($0.attributes["href"] ?? "").isEmpty }) {
            problems.add("the feed has no <link rel=\"self\">", line: feed.line)
        }
        checkLinks(links, &problems)
        let feedHasAuthor = !feed.all("author", in: ns).isEmpty
        checkPeople(feed, ns: ns, &problems)

        var firstLineOfID: [String: Int] = [:]
        for entry in feed.all("entry", in: ns) {
            requireText(["id", "title", "updated"], of: entry, ns: ns, owner: "an entry", &problems)
            if let id = entry.first("id", in: ns) {
                checkAbsolute(id, "the entry's <id>", &problems)
                checkUnique(id.text, line: id.line, &firstLineOfID, &problems)
            }
            checkRFC3339(entry.first("updated", in: ns), &problems)
            checkRFC3339(entry.first("published", in: ns), &problems)
            let entryLinks = entry.all("link", in: ns)
            if !entryLinks.contains(where: { ($0.attributes["rel"] ?? "alternate") == "alternate" && !($0.attributes["href"] ?? "").isEmpty }) {
                problems.add("an entry has no <link rel=\"alternate\"> to its page", line: entry.line)
            }
            checkLinks(entryLinks, &problems)
            if !feedHasAuthor && entry.all("author", in: ns).isEmpty {
                problems.add("an entry has no <author>, and neither has the feed", line: entry.line)
            }
            checkPeople(entry, ns: ns, &problems)
            let bodies = [entry.first("content", in: ns), entry.first("summary", in: ns)].compactMap { $0 }
            if bodies.isEmpty {
                problems.add("an entry has neither <content> nor <summary>", line: entry.line)
            }
            for body in bodies where body.attributes["type"] == "html" {
                checkHTML(body.text, startingAt: body.line, in: "<\(body.name)>", &problems)
            }
        }
    }

    private static func checkLinks(_ links: [FeedDocument.Element], _ problems: inout Problems) {
        for link in links {
            guard let href = link.attributes["href"] else {
                problems.add("a <link> has no href", line: link.line)
                continue
            }
            if !isAbsoluteURL(href) {
                problems.add("the URL \"\(href)\" of a <link rel=\"\(link.attributes["rel"] ?? "alternate")\"> is not absolute", line: link.line)
            }
        }
    }

    private static func checkPeople(_ parent: FeedDocument.Element, ns: String, _ problems: inout Problems) {
        for person in parent.all("author", in: ns) + parent.all("contributor", in: ns) {
            if (person.first("name", in: ns)?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.add("an <\(person.name)> has no <name>", line: person.line)
            }
            checkAbsolute(person.first("uri", in: ns), "the <\(person.name)>'s <uri>", &problems)
        }
    }

    // MARK: RSS

    static let contentNamespace = "http://purl.org/rss/1.0/modules/content/"

    static func rss(_ rss: FeedDocument.Element, _ problems: inout Problems) {
        guard rss.name == "rss", rss.namespace == nil else {
            problems.add("the root element is <\(rss.name)>, not an RSS <rss>", line: rss.line)
            return
        }
        if rss.attributes["version"] != "2.0" {
            problems.add("<rss> has version \"\(rss.attributes["version"] ?? "")\", not \"2.0\"", line: rss.line)
        }
        guard let channel = rss.first("channel", in: nil) else {
            problems.add("<rss> has no <channel>", line: rss.line)
            return
        }
        requireText(["title", "link", "description"], of: channel, ns: nil, owner: "the channel", &problems)
        checkAbsolute(channel.first("link", in: nil), "the channel's <link>", &problems)
        let selfLinks = channel.all("link", in: atomNamespace).filter { $0.attributes["rel"] == "self" }
        if selfLinks.isEmpty {
            problems.add("the channel has no <atom:link rel=\"self\">", line: channel.line)
        }
        checkLinks(channel.all("link", in: atomNamespace), &problems)
        if let image = channel.first("image", in: nil) {
            checkAbsolute(image.first("url", in: nil), "the channel image's <url>", &problems)
        }
        checkRFC822(channel.first("lastBuildDate", in: nil), &problems)
        checkRFC822(channel.first("pubDate", in: nil), &problems)

        var firstLineOfID: [String: Int] = [:]
        for item in channel.all("item", in: nil) {
            requireText(["title", "link", "guid", "pubDate"], of: item, ns: nil, owner: "an item", &problems)
            checkAbsolute(item.first("link", in: nil), "the item's <link>", &problems)
            if let guid = item.first("guid", in: nil), !guid.text.isEmpty {
                checkUnique(guid.text, line: guid.line, &firstLineOfID, &problems)
                if guid.attributes["isPermaLink"] ?? "true" == "true" {
                    checkAbsolute(guid, "the permalink <guid>", &problems)
                }
            }
            checkRFC822(item.first("pubDate", in: nil), &problems)
            for enclosure in item.all("enclosure", in: nil) {
                let url = enclosure.attributes["url"] ?? ""
                if !isAbsoluteURL(url) { problems.add("the <enclosure> URL \"\(url)\" is not absolute", line: enclosure.line) }
                if Int(enclosure.attributes["length"] ?? "") == nil { problems.add("an <enclosure> has no numeric length", line: enclosure.line) }
                if (enclosure.attributes["type"] ?? "").isEmpty { problems.add("an <enclosure> has no type", line: enclosure.line) }
            }
            for body in [item.first("description", in: nil), item.first("encoded", in: contentNamespace)].compactMap({ $0 }) {
                checkHTML(body.text, startingAt: body.line, in: body.name == "encoded" ? "<content:encoded>" : "<description>", &problems)
            }
        }
    }

    // MARK: JSON Feed

    static func json(_ bytes: [UInt8], _ problems: inout Problems) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            problems.add("not valid JSON: \(error.localizedDescription)", line: 0)
            return
        }
        guard let feed = object as? [String: Any] else {
            problems.add("a JSON Feed is an object, not \(type(of: object))", line: 1)
            return
        }
        let lines = JSONLines(bytes)
        let version = feed["version"] as? String ?? ""
        if !version.hasPrefix("https://jsonfeed.org/version/") {
            problems.add("\"version\" is \"\(version)\", not a JSON Feed version URL (https://jsonfeed.org/version/1.1)", line: lines.line(ofKey: "version"))
        }
        if ((feed["title"] as? String) ?? "").isEmpty {
            problems.add("the feed has no \"title\"", line: 1)
        }
        for key in ["home_page_url", "feed_url", "icon", "favicon", "next_url"] {
            checkAbsoluteJSON(feed[key], key: key, line: lines.line(ofKey: key), &problems)
        }
        checkJSONAuthors(feed["authors"], line: lines.line(ofKey: "authors"), &problems)
        guard let items = feed["items"] as? [Any] else {
            problems.add("the feed has no \"items\" array", line: 1)
            return
        }
        var firstLineOfID: [String: Int] = [:]
        for (index, value) in items.enumerated() {
            let line = lines.lineOfItem(index)
            guard let item = value as? [String: Any] else {
                problems.add("item \(index + 1) is not an object", line: line)
                continue
            }
            if let id = item["id"] as? String, !id.isEmpty {
                checkUnique(id, line: line, &firstLineOfID, &problems)
            } else {
                problems.add("item \(index + 1) has no string \"id\"", line: line)
            }
            for key in ["url", "content_html"] where ((item[key] as? String) ?? "").isEmpty {
                problems.add("item \(index + 1) has no \"\(key)\"", line: line)
            }
            for key in ["url", "external_url", "image", "banner_image"] {
                checkAbsoluteJSON(item[key], key: key, line: line, &problems)
            }
            for key in ["date_published", "date_modified"] {
                if let date = item[key] as? String, parseRFC3339(date) == nil {
                    problems.add("\"\(key)\" \"\(date)\" is not an RFC 3339 date-time", line: line)
                }
            }
            if let html = item["content_html"] as? String {
                checkHTML(html, startingAt: 0, in: "\"content_html\" of item \(index + 1)", &problems, lineOverride: line)
            }
            checkJSONAuthors(item["authors"], line: line, &problems)
        }
    }

    private static func checkAbsoluteJSON(_ value: Any?, key: String, line: Int, _ problems: inout Problems) {
        guard let value else { return }
        guard let url = value as? String, isAbsoluteURL(url) else {
            problems.add("\"\(key)\" \"\(value)\" is not an absolute URL", line: line)
            return
        }
    }

    private static func checkJSONAuthors(_ value: Any?, line: Int, _ problems: inout Problems) {
        guard let value else { return }
        guard let authors = value as? [[String: Any]] else {
            problems.add("\"authors\" is not an array of objects", line: line)
            return
        }
        for author in authors {
            checkAbsoluteJSON(author["url"], key: "url", line: line, &problems)
            checkAbsoluteJSON(author["avatar"], key: "avatar", line: line, &problems)
        }
    }

    /// Lines of keys in the JSON text, found by scanning it: good enough for
    /// pointing at the place of a problem in a feed Herald wrote (one key a line).
    struct JSONLines {
        var keyLines: [(key: String, line: Int)] = []
        var itemsLine = 0

        init(_ bytes: [UInt8]) {
            var line = 1
            var index = 0
            var depth = 0
            var string: [UInt8] = []
            var inString = false
            var lastString: (String, Int)?
            while index < bytes.count {
                let byte = bytes[index]
                if inString {
                    if byte == UInt8(ascii: "\\") {
                        string.append(byte)
                        if index + 1 < bytes.count { string.append(bytes[index + 1]) }
                        index += 2
                        continue
                    }
                    if byte == UInt8(ascii: "\"") {
                        inString = false
                        lastString = (String(decoding: string, as: UTF8.self), line)
                    } else {
                        string.append(byte)
                        if byte == UInt8(ascii: "\n") { line += 1 }
                    }
                } else {
                    switch byte {
                    case UInt8(ascii: "\""): inString = true; string = []
                    case UInt8(ascii: ":"):
                        if let (key, keyLine) = lastString {
                            keyLines.append((key, keyLine))
                            if key == "items" && depth == 1 { itemsLine = keyLine }
                        }
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                    case UInt8(ascii: "\n"): line += 1
                    default: break
                    }
                    if byte != UInt8(ascii: "\"") && byte != UInt8(ascii: ":") && !(byte == 32 || byte == 9 || byte == 10 || byte == 13) {
                        lastString = nil
                    }
                }
                index += 1
            }
        }

        func line(ofKey key: String) -> Int {
            keyLines.first { $0.key == key }?.line ?? 0
        }

        /// The line of the `"id"` key of the item at `index` (0 when unknown).
        func lineOfItem(_ index: Int) -> Int {
            let ids = keyLines.filter { $0.key == "id" && $0.line > itemsLine }
            return index < ids.count ? ids[index].line : itemsLine
        }
    }

    // MARK: Shared rules

    private static func requireText(_ names: [String], of parent: FeedDocument.Element, ns: String?, owner: String, _ problems: inout Problems) {
        for name in names {
            guard let element = parent.first(name, in: ns) else {
                problems.add("\(owner) has no <\(name)>", line: parent.line)
                continue
            }
            if element.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && element.children.isEmpty {
                problems.add("<\(name)> of \(owner) is empty", line: element.line)
            }
        }
    }

    private static func checkUnique(_ id: String, line: Int, _ firstLine: inout [String: Int], _ problems: inout Problems) {
        if let first = firstLine[id] {
            problems.add("the entry id \"\(id)\" is used twice (first on line \(first))", line: line)
        } else {
            firstLine[id] = line
        }
    }

    private static func checkAbsolute(_ element: FeedDocument.Element?, _ what: String, _ problems: inout Problems) {
        guard let element else { return }
        let url = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !url.isEmpty && !isAbsoluteURL(url) {
            problems.add("\(what) \"\(url)\" is not an absolute URL", line: element.line)
        }
    }

    private static func checkRFC3339(_ element: FeedDocument.Element?, _ problems: inout Problems) {
        guard let element, !element.text.isEmpty else { return }
        if parseRFC3339(element.text) == nil {
            problems.add("<\(element.name)> \"\(element.text)\" is not an RFC 3339 date-time", line: element.line)
        }
    }

    private static func checkRFC822(_ element: FeedDocument.Element?, _ problems: inout Problems) {
        guard let element, !element.text.isEmpty else { return }
        if parseRFC822(element.text) == nil {
            problems.add("<\(element.name)> \"\(element.text)\" is not an RFC 822 date (like \"Fri, 04 Jul 2025 09:14:00 -0400\")", line: element.line)
        }
    }

    /// Relative URLs in HTML content: readers and RSS-to-email services
    /// resolve them against the wrong page or not at all.
    private static func checkHTML(_ html: String, startingAt line: Int, in what: String, _ problems: inout Problems, lineOverride: Int? = nil) {
        guard html.contains("=") else { return }
        for tag in HTMLScanner.tags(in: html) {
            for attribute in tag.attributes {
                let urls: [String]
                switch attribute.name {
                case "href", "src", "poster", "cite": urls = [attribute.value]
                case "srcset": urls = LinkChecker.srcsetURLs(attribute.value)
                default: continue
                }
                for url in urls where !isAbsoluteURL(url.trimmingCharacters(in: .whitespacesAndNewlines)) {
                    problems.add("the \(attribute.name) \"\(url)\" of <\(tag.name)> in \(what) is not an absolute URL", line: lineOverride ?? line + attribute.line - 1)
                }
            }
        }
    }

    /// A URI with a scheme (`https:`, `mailto:`, `tag:`); an `http(s)` URL also needs a host.
    static func isAbsoluteURL(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic,
              scheme.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)) })
        else { return false }
        let lower = scheme.lowercased()
        if lower == "http" || lower == "https" {
            let rest = text[text.index(after: colon)...]
            return rest.hasPrefix("//") && rest.count > 2 && !rest.dropFirst(2).hasPrefix("/")
        }
        return true
    }

    static func parseRFC3339(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    static func parseRFC822(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        for format in ["EEE, dd MMM yyyy HH:mm:ss Z", "dd MMM yyyy HH:mm:ss Z", "EEE, dd MMM yyyy HH:mm Z"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
