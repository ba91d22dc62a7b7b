import Foundation
import Yams

/// Reads `site.yml` into a `SiteConfig` (DESIGN §2), reporting every problem
/// with its line and column, and rejecting unknown keys so a typo never
/// passes silently.
public enum SiteConfigLoader {
    static let topLevelKeys: Set<String> = [
        "title", "url", "description", "language", "timezone", "author", "paginate", "permalinks",
        "taxonomies", "feeds", "markdown", "params", "icon", "logo", "copyright",
        "images", "assets", "search", "corrections", "redirects", "pagination", "lists", "outputs",
    ]

    /// Loads `site.yml` from a site root.
    public static func load(root: URL, displayPath: String = "site.yml") throws(DiagnosticError) -> SiteConfig {
        let file = root.appendingPathComponent("site.yml")
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw DiagnosticError([.error("no site.yml here: a site root holds site.yml with at least 'title' and 'url' (run 'herald init' to start one)", at: displayPath)])
        }
        guard let text = String(validatingUTF8Data: data) else {
            throw DiagnosticError([.error("site.yml is not valid UTF-8; save it as UTF-8", at: displayPath)])
        }
        return try parse(text, path: displayPath)
    }

    /// Parses the text of a `site.yml`.
    public static func parse(_ text: String, path: String = "site.yml") throws(DiagnosticError) -> SiteConfig {
        var reader = YAMLReader(path: path)
        guard let root = reader.parse(text) else {
            if reader.diagnostics.isEmpty {
                throw DiagnosticError([.error("site.yml is empty: it needs at least 'title' and 'url'", at: path, line: 1, column: 1)])
            }
            throw DiagnosticError(reader.diagnostics)
        }
        guard let pairs = reader.mapping(root, what: "site.yml") else { throw DiagnosticError(reader.diagnostics) }

        var title: String?
        var url: SiteURL?
        var config = SiteConfig(title: "", url: SiteURL("https://example.invalid/")!)
        // Read once the taxonomies are known, wherever the key is: `where` names them.
        var listsNode: Yams.Node?
        for (key, keyNode, value) in pairs {
            switch key {
            case "title":
                title = reader.string(value, key: key)
            case "url":
                guard let text = reader.string(value, key: key) else { continue }
                if let parsed = SiteURL(text) {
                    url = parsed
                } else {
                    reader.error("'url' must be an absolute http(s) URL such as https://news.example.org/, not '\(text)'", at: value)
                }
            case "description":
                config.description = reader.optionalString(value, key: key) ?? ""
            case "language":
                config.language = reader.string(value, key: key) ?? config.language
            case "timezone":
                guard let name = reader.string(value, key: key) else { continue }
                if let zone = TimeZone(identifier: name) {
                    config.timeZone = zone
                } else {
                    reader.error("unknown time zone '\(name)': use an IANA name such as America/New_York or UTC", at: value)
                }
            case "author":
                if let person = person(value, key: key, reader: &reader) { config.author = person }
            case "paginate":
                config.paginate = reader.int(value, key: key, minimum: 1) ?? config.paginate
            case "permalinks":
                readPermalinks(value, into: &config.permalinks, reader: &reader)
            case "lists":
                listsNode = value
            case "outputs":
                OutputSettings.read(value, into: &config.outputs, reader: &reader)
            case "pagination":
                PaginationSettings.read(value, into: &config.pagination, reader: &reader)
            case "taxonomies":
                if let taxonomies = TaxonomySettings.read(value, reader: &reader) { config.taxonomies = taxonomies }
            case "feeds":
                readFeeds(value, into: &config.feeds, reader: &reader)
            case "markdown":
                readMarkdown(value, into: &config.markdown, reader: &reader)
            case "images":
                readImages(value, into: &config.images, reader: &reader)
            case "assets":
                AssetSettings.read(value, into: &config.assets, reader: &reader)
            case "search":
                SearchSettings.read(value, into: &config.search, reader: &reader)
            case "corrections":
                readCorrections(value, into: &config.corrections, reader: &reader)
            case "redirects":
                readRedirects(value, into: &config.redirects, reader: &reader)
            case "params":
                if reader.isNull(value) { continue }
                guard case .mapping = value else {
                    reader.error("'params' must be a mapping of 'key: value' lines", at: value)
                    continue
                }
                guard case .map(let params)? = reader.checkedValue(value, key: key) else { continue }
                config.params = params
            case "icon":
                config.icon = reader.link(value, key: key)
            case "logo":
                config.logo = reader.link(value, key: key)
            case "copyright":
                config.copyright = reader.optionalString(value, key: key)
            default:
                reader.error(unknownKeyMessage(key, known: topLevelKeys, in: "site.yml"), at: keyNode)
            }
        }
        if let listsNode {
            config.lists = ListSettings.read(listsNode, taxonomies: config.taxonomies, reader: &reader) ?? []
        }
        if title == nil && !reader.diagnostics.contains(where: { $0.message.contains("'title'") }) {
            reader.error("site.yml needs a 'title', e.g. 'title: Example News'", at: root)
        }
        if url == nil && !reader.diagnostics.contains(where: { $0.message.contains("'url'") }) {
            reader.error("site.yml needs a 'url', the absolute address the site is published at, e.g. 'url: https://news.example.org/'", at: root)
        }
        guard reader.diagnostics.isEmpty, let title, let url else { throw DiagnosticError(reader.diagnostics) }
        config.title = title
        config.url = url
        // One switch for every hashed name: the filter's copies and the images'.
        config.images.fingerprint = config.assets.fingerprint
        return config
    }

    static func unknownKeyMessage(_ key: String, known: Set<String>, in place: String) -> String {
        var message = "unknown key '\(key)' in \(place)"
        // Ties go to the alphabetically first key, so the message does not depend on set order.
        let sorted = known.sorted()
        // A suggestion only when most of the key is right: 'tags' is not a typo of 'page'.
        if let suggestion = sorted.min(by: { editDistance($0, key) < editDistance($1, key) }),
            case let distance = editDistance(suggestion, key), distance <= 2, distance * 2 < max(key.count, suggestion.count) {
            message += "; did you mean '\(suggestion)'?"
        }
        // Always every valid key: a key from another generator is rarely a typo of one.
        message += (message.hasSuffix("?") ? " " : "; ") + "valid keys: \(sorted.joined(separator: ", "))"
        return message
    }

    private static func person(_ node: Yams.Node, key: String, reader: inout YAMLReader) -> Person? {
        if case .scalar = node { return reader.string(node, key: key).map { Person(name: $0) } }
        guard let pairs = reader.mapping(node, what: "'\(key)'") else { return nil }
        var person = Person(name: "")
        for (name, keyNode, value) in pairs {
            switch name {
            case "name": person.name = reader.string(value, key: "\(key).name") ?? ""
            case "email": person.email = reader.optionalString(value, key: "\(key).email")
            case "uri", "url": person.uri = reader.link(value, key: "\(key).\(name)")
            default: reader.error(unknownKeyMessage(name, known: ["name", "email", "uri"], in: "'\(key)'"), at: keyNode)
            }
        }
        if person.name.isEmpty {
            reader.error("'\(key)' needs a 'name'", at: node)
            return nil
        }
        return person
    }

    private static func readPermalinks(_ node: Yams.Node, into permalinks: inout SiteConfig.Permalinks, reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, what: "'permalinks'") else { return }
        for (name, keyNode, value) in pairs {
            guard let pattern = reader.string(value, key: "permalinks.\(name)") else { continue }
            let allowed: Set<String> = name == "article" ? [":year", ":month", ":day", ":slug", ":section", ":filename"] : [":slug", ":filename"]
            if let problem = Permalink.problem(in: pattern, allowedTokens: allowed) {
                reader.error("permalinks.\(name) '\(pattern)': \(problem)", at: value)
                continue
            }
            switch name {
            case "article": permalinks.article = pattern
            case "page": permalinks.page = pattern
            default: reader.error(unknownKeyMessage(name, known: ["article", "page"], in: "'permalinks'"), at: keyNode)
            }
        }
    }

    private static func readFeeds(_ node: Yams.Node, into feeds: inout SiteConfig.FeedSettings, reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, what: "'feeds'") else { return }
        for (name, keyNode, value) in pairs {
            switch name {
            case "formats":
                feeds.formats = reader.names(value, key: "feeds.formats", what: "feed format", allowed: "atom, rss or json", parse: FeedFormat.init(rawValue:)) ?? feeds.formats
            case "limit":
                feeds.limit = reader.int(value, key: "feeds.limit", minimum: 0) ?? feeds.limit
            case "content":
                guard let text = reader.string(value, key: "feeds.content") else { continue }
                if let content = FeedContent(rawValue: text) {
                    feeds.content = content
                } else {
                    reader.error("feeds.content must be 'full' or 'summary', not '\(text)'", at: value)
                }
            case "taxonomies":
                feeds.taxonomies = reader.bool(value, key: "feeds.taxonomies") ?? feeds.taxonomies
            case "id_authority":
                feeds.idAuthority = reader.optionalString(value, key: "feeds.id_authority")
            case "hubs":
                feeds.hubs = readHubs(value, reader: &reader)
            case "archive":
                feeds.archive = reader.bool(value, key: "feeds.archive") ?? feeds.archive
            case "members_content":
                feeds.membersContent = reader.choice(value, key: "feeds.members_content", as: MembersFeedContent.self) ?? feeds.membersContent
            default:
                reader.error(unknownKeyMessage(name, known: ["formats", "limit", "content", "taxonomies", "id_authority", "hubs", "members_content", "archive"], in: "'feeds'"), at: keyNode)
            }
        }
    }

    private static func readMarkdown(_ node: Yams.Node, into markdown: inout SiteConfig.MarkdownSettings, reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, what: "'markdown'") else { return }
        for (name, keyNode, value) in pairs {
            switch name {
            case "smart": markdown.smart = reader.bool(value, key: "markdown.smart") ?? markdown.smart
            case "unsafe_html": markdown.unsafeHTML = reader.bool(value, key: "markdown.unsafe_html") ?? markdown.unsafeHTML
            case "extensions": markdown.extensions = readExtensions(value, reader: &reader) ?? markdown.extensions
            default: reader.error(unknownKeyMessage(name, known: ["smart", "unsafe_html", "extensions"], in: "'markdown'"), at: keyNode)
            }
        }
    }

    /// `markdown.extensions`: a list of extension names; an unknown one is an
    /// error at its entry, naming the ones there are.
    private static func readExtensions(_ node: Yams.Node, reader: inout YAMLReader) -> MarkdownExtensions? {
        guard let names = reader.stringList(node, key: "markdown.extensions") else { return nil }
        let entries: [Yams.Node] = if case .sequence(let sequence) = node { Array(sequence) } else { [node] }
        var extensions: MarkdownExtensions = []
        for (index, name) in names.enumerated() {
            if let value = MarkdownExtensions.named(name) {
                extensions.insert(value)
            } else {
                let known = MarkdownExtensions.names.map(\.name).joined(separator: ", ")
                reader.error("unknown Markdown extension '\(name)' in 'markdown.extensions'; the extensions are \(known)", at: index < entries.count ? entries[index] : node)
            }
        }
        return extensions
    }

    private static func readRedirects(_ node: Yams.Node, into redirects: inout RedirectSettings, reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, what: "'redirects'") else { return }
        for (name, keyNode, value) in pairs {
            switch name {
            case "formats":
                let formats = reader.names(value, key: "redirects.formats", what: "redirect format", allowed: "html, netlify, apache or nginx", parse: RedirectFormat.init(rawValue:))
                redirects.formats = formats.map(Set.init) ?? redirects.formats
            case "map":
                if reader.isNull(value) { continue }
                guard let entries = reader.mapping(value, what: "'redirects.map'") else { continue }
                for (from, fromNode, to) in entries {
                    guard let target = reader.string(to, key: "redirects.map '\(from)'") else { continue }
                    let mark = fromNode.mark
                    redirects.map.append(RedirectRule(from: from, to: target, line: reader.lineOffset + (mark?.line ?? 1), column: mark?.column ?? 1))
                }
            default:
                reader.error(unknownKeyMessage(name, known: ["formats", "map"], in: "'redirects'"), at: keyNode)
            }
        }
    }

    /// Levenshtein distance, for "did you mean" suggestions on short keys.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension String {
    /// Decodes UTF-8, returning `nil` for invalid bytes instead of repairing them.
    init?(validatingUTF8Data data: Data) {
        guard let text = String(validating: data, as: UTF8.self) else { return nil }
        self = text
    }
}
