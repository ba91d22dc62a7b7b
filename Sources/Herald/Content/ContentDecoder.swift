import Foundation
import Yams

/// Turns the front matter of one file into a `ContentDraft` (DESIGN §3),
/// collecting every problem with the line and column of its key.
struct ContentDecoder {
    let config: SiteConfig
    let dateParser: DateParser

    init(config: SiteConfig) {
        self.config = config
        self.dateParser = DateParser(timeZone: config.timeZone)
    }

    static let knownKeys: Set<String> = [
        "title", "date", "updated", "author", "authors", "tags", "categories", "summary", "image",
        "image_alt", "image_caption", "image_credit", "image_focus", "slug", "draft", "expires", "layout", "canonical",
        "corrections", "aliases", "access", "live", "live_until", "render", "list",
    ]

    /// Decodes the text of a content file; `nil` plus diagnostics when it is unusable.
    func decode(_ text: String, kind: ContentItem.Kind, sourcePath: String) -> (ContentDraft?, [Diagnostic]) {
        let frontMatter: FrontMatter
        switch FrontMatter.split(text, path: sourcePath) {
        case .success(let split): frontMatter = split
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
        var reader = YAMLReader(path: sourcePath, lineOffset: frontMatter.textLineOffset)
        guard let root = FrontMatterNodes.root(of: frontMatter, reader: &reader) else {
            if reader.diagnostics.isEmpty {
                return (nil, [.error("front matter is empty: it needs at least 'title'\(kind == .article ? " and 'date'" : "")", at: sourcePath, line: 1, column: 1)])
            }
            return (nil, reader.diagnostics)
        }
        guard let pairs = reader.mapping(root, what: "front matter") else { return (nil, reader.diagnostics) }

        var item = ContentItem(kind: kind, sourcePath: sourcePath, title: "", slug: Self.defaultSlug(for: sourcePath))
        var draft = ContentDraft(item: item, body: String(frontMatter.body), bodyLineOffset: frontMatter.bodyLineOffset)
        var title: String?
        var image = LeadImage(src: "")
        var hasImage = false
        var authors: [String]?
        var liveUntilNode: Yams.Node?
        var focusNode: Yams.Node?

        for (key, keyNode, value) in pairs {
            switch key {
            case "title":
                guard case .scalar = value, !reader.isNull(value) else {
                    reader.error("'title' must be a string, not \(reader.isNull(value) ? "empty" : reader.kindName(value))", at: value)
                    continue
                }
                title = reader.string(value, key: key)
            case "date":
                item.date = date(value, key: key, reader: &reader)
            case "updated":
                item.updated = date(value, key: key, reader: &reader)
            case "expires":
                item.expires = date(value, key: key, reader: &reader)
            case "author", "authors":
                if authors != nil {
                    reader.error("both 'author' and 'authors' are set; keep one", at: keyNode)
                }
                authors = terms(value, key: key, taxonomy: "authors", reader: &reader)
            case "tags":
                item.tags = terms(value, key: key, taxonomy: key, reader: &reader) ?? []
            case "categories":
                item.categories = terms(value, key: key, taxonomy: key, reader: &reader) ?? []
            case "summary":
                draft.summaryMarkdown = reader.optionalString(value, key: key)
            case "image":
                if let src = reader.link(value, key: key) {
                    image.src = src
                    hasImage = true
                    draft.imageLocation = (reader.lineOffset + (value.mark?.line ?? 1), value.mark?.column ?? 1)
                }
            case "image_alt": image.alt = reader.optionalString(value, key: key)
            case "image_caption": image.caption = reader.optionalString(value, key: key)
            case "image_credit": image.credit = reader.optionalString(value, key: key)
            case "image_focus":
                focusNode = keyNode
                item.imageFocus = Self.focus(value, reader: &reader)
            case "slug":
                guard let slug = reader.string(value, key: key) else { continue }
                if let problem = Self.slugProblem(slug) {
                    reader.error("slug '\(slug)' \(problem)", at: value)
                } else {
                    item.slug = slug
                }
            case "draft":
                item.draft = reader.bool(value, key: key) ?? false
            case "render":
                item.render = reader.bool(value, key: key) ?? true
            case "list":
                item.listed = reader.bool(value, key: key) ?? true
            case "layout":
                guard let layout = reader.string(value, key: key) else { continue }
                if layout.contains("..") || layout.hasPrefix("/") {
                    reader.error("layout '\(layout)' must name a template inside Templates/, such as 'feature'", at: value)
                } else {
                    item.layout = layout
                    draft.layoutLocation = (reader.lineOffset + (value.mark?.line ?? 1), value.mark?.column ?? 1)
                }
            case "canonical":
                guard let canonical = reader.optionalString(value, key: key) else { continue }
                if SiteURL(canonical) == nil {
                    reader.error("'canonical' must be an absolute http(s) URL, not '\(canonical)'", at: value)
                } else {
                    item.canonical = canonical
                }
            case "live":
                item.live = reader.bool(value, key: key) ?? false
            case "live_until":
                item.liveUntil = date(value, key: key, reader: &reader)
                liveUntilNode = value
            case "access":
                item.access = reader.choice(value, key: key, as: Access.self) ?? item.access
            case "corrections":
                item.corrections = Correction.decodeList(value, reader: &reader, dateParser: dateParser)
            case "aliases":
                guard let aliases = reader.stringList(value, key: key) else { continue }
                for (index, alias) in aliases.enumerated() {
                    switch RedirectPath.parse(alias, siteURL: config.url) {
                    case .success: item.aliases.append(alias)
                    case .failure(let problem): reader.error("alias '\(alias)' \(problem.message)", at: reader.entry(index, of: value))
                    }
                }
            default:
                if config.taxonomy(named: key) != nil {
                    draft.extraTerms[key] = terms(value, key: key, taxonomy: key, reader: &reader) ?? []
                }
                item.params[key] = reader.checkedValue(value, key: key)
            }
        }
        if let title {
            item.title = title
        } else if !reader.diagnostics.contains(where: { $0.message.hasPrefix("'title'") }) {
            reader.error("missing 'title': add a line such as 'title: Council approves the budget' to the front matter", at: root)
        }
        if kind == .article && item.date == nil && !reader.diagnostics.contains(where: { $0.message.hasPrefix("'date'") }) {
            reader.error("missing 'date': an article needs its publication date, such as 'date: 2025-07-04 09:14'", at: root)
        }
        if let liveUntilNode, let until = item.liveUntil {
            if let date = item.date, until < date {
                reader.error("'live_until' (\(FeedDates.rfc3339(until, in: config.timeZone))) is before the story's 'date' (\(FeedDates.rfc3339(date, in: config.timeZone))): coverage ends after it starts", at: liveUntilNode)
            } else if !item.live {
                reader.warning("'live_until' in a story without 'live: true' is ignored: add 'live: true' to the front matter, or remove it", at: liveUntilNode)
            }
        }
        if let focusNode, !hasImage {
            reader.error("'image_focus' without 'image': it says which point of the lead image the share crops keep; add 'image' or remove it", at: focusNode)
        }
        if hasImage {
            if image.alt == nil || image.alt?.isEmpty == true {
                reader.warning("'image' has no 'image_alt': describe the picture for readers who cannot see it", at: root)
            }
            item.image = image
        }
        item.authors = (authors ?? []).map { Person(name: $0) }
        if item.slug.isEmpty {
            reader.error("the file name gives an empty slug; add 'slug: some-words' to the front matter", at: root)
        }
        draft.item = item
        let failed = reader.diagnostics.contains { $0.severity == .error }
        return (failed ? nil : draft, reader.diagnostics)
    }

    /// `image_focus: [x, y]`, each a number from 0 to 1.
    private static func focus(_ node: Yams.Node, reader: inout YAMLReader) -> ImageFocus? {
        let usage = "'image_focus' must be two numbers from 0 to 1, across then down, such as [0.3, 0.25] (0.5, 0.5 is the centre)"
        guard case .sequence(let parts) = node, parts.count == 2 else {
            reader.error(usage, at: node)
            return nil
        }
        var numbers: [Double] = []
        for part in parts {
            guard case .scalar(let scalar) = part, scalar.style == .plain, let number = Double(scalar.string), number.isFinite else {
                reader.error(usage, at: part)
                return nil
            }
            numbers.append(number)
        }
        for (part, number) in zip(parts, numbers) where !(0...1).contains(number) {
            reader.error("\(number) in 'image_focus' is outside 0–1: 0 is the left (or top) edge and 1 the right (or bottom)", at: part)
            return nil
        }
        return ImageFocus(x: numbers[0], y: numbers[1])
    }

    /// The terms under `key`; when the site has the taxonomy, a term that
    /// slugifies to nothing ("!") is an error at its entry: it would have
    /// no page, and silently dropping it hides the writer's mistake.
    private func terms(_ node: Yams.Node, key: String, taxonomy: String, reader: inout YAMLReader) -> [String]? {
        guard let names = reader.stringList(node, key: key) else { return nil }
        guard config.taxonomy(named: taxonomy) != nil else { return names }
        for (index, name) in names.enumerated() where Slug.make(name).isEmpty {
            reader.error("'\(name)' in '\(key)' has no letter or digit to make its URL of (its slug is empty); spell it with at least one", at: reader.entry(index, of: node))
        }
        return names
    }

    private func date(_ node: Yams.Node, key: String, reader: inout YAMLReader) -> Date? {
        guard case .scalar(let scalar) = node, !reader.isNull(node) else {
            reader.error("'\(key)' must be a date such as 2025-07-04, 2025-07-04 09:14 or 2025-07-04T09:14:00-04:00", at: node)
            return nil
        }
        guard let date = dateParser.parse(scalar.string) else {
            reader.error("'\(key)' is not a date: '\(scalar.string)'; write 2025-07-04, 2025-07-04 09:14 or 2025-07-04T09:14:00-04:00", at: node)
            return nil
        }
        return date
    }

    /// The file name without `.md` and without a leading `YYYY-MM-DD-` or digits prefix.
    static func defaultSlug(for sourcePath: String) -> String {
        var name = Substring(sourcePath)
        if let slash = name.utf8.lastIndex(of: UInt8(ascii: "/")) { name = name[name.utf8.index(after: slash)...] }
        if name.hasSuffix(".md") { name = name.dropLast(3) } else if name.hasSuffix(".html") { name = name.dropLast(5) }
        let bytes = Array(name.utf8)
        func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        // YYYY-MM-DD-
        if bytes.count > 11, (0..<4).allSatisfy(isDigit), bytes[4] == 0x2D, isDigit(5), isDigit(6), bytes[7] == 0x2D,
            isDigit(8), isDigit(9), bytes[10] == 0x2D
        {
            name = name.dropFirst(11)
        } else if bytes.allSatisfy({ $0 < 0x80 }) {
            // File names are nearly always ASCII, where characters are bytes:
            // comparing characters cost more than the rest of decoding a file.
            let digits = bytes.prefix(while: { $0 >= 0x30 && $0 <= 0x39 }).count
            if digits > 0, digits + 1 < bytes.count, bytes[digits] == 0x2D, !isDigit(digits + 1) {
                name = name.dropFirst(digits + 1)
            }
        } else {
            let digits = name.prefix { $0.isASCII && $0.isNumber }
            let rest = name.dropFirst(digits.count + 1)
            // "042-budget" loses its number, but "2025-07-04" is kept whole.
            if !digits.isEmpty, name.dropFirst(digits.count).first == "-", let first = rest.first, !first.isNumber {
                name = name.dropFirst(digits.count + 1)
            }
        }
        return Slug.make(String(name))
    }

    static func slugProblem(_ slug: String) -> String? {
        if slug.isEmpty { return "is empty" }
        if slug.contains("/") || slug.contains("\\") { return "contains '/': a slug is one URL segment" }
        if slug == "." || slug == ".." || slug.contains("..") { return "would leave the output folder; use words and hyphens" }
        if slug.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " || $0 == "?" || $0 == "#" || $0 == "%" }) {
            return "contains spaces or characters that do not belong in a URL; use words and hyphens"
        }
        return nil
    }
}
