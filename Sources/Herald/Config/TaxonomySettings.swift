import Yams

/// One taxonomy of `taxonomies:` in site.yml, with its options.
///
/// Both forms are read: the list `[tags, categories]` gives every taxonomy
/// its defaults; the mapping `tags: { path: /articles/tags/, paginate: 5,
/// feeds: false }` sets options per taxonomy (a taxonomy without options is
/// `categories: {}` or `categories:`).
public struct TaxonomySettings: Sendable, Equatable {
    /// The front-matter key of its terms (`tags`), also `site.taxonomies.NAME`.
    public var name: String
    /// Site path of its index page; its terms are at PATH + slug + `/`.
    public var path: String
    /// Articles per term page; `nil`: the site's `paginate`.
    public var paginate: Int?
    /// One feed per term; `nil`: `feeds.taxonomies`.
    public var feeds: Bool?

    public init(name: String, path: String? = nil, paginate: Int? = nil, feeds: Bool? = nil) {
        self.name = name
        // `book_reviews` is at /book-reviews/, as its terms' slugs would be.
        self.path = path ?? "/\(Slug.make(name).isEmpty ? name : Slug.make(name))/"
        self.paginate = paginate
        self.feeds = feeds
    }

    static let optionKeys: Set<String> = ["path", "paginate", "feeds"]

    /// Why `name` cannot name a taxonomy, or `nil`. A name is its own URL
    /// segment and a front-matter key, so it must be a slug: lower-case
    /// letters, digits and hyphens (underscores are kept for YAML's habit).
    static func nameProblem(_ name: String) -> String? {
        let hyphenated = name.replacingOccurrences(of: "_", with: "-")
        if !hyphenated.isEmpty && Slug.make(hyphenated) == hyphenated { return nil }
        let slug = Slug.make(name.split(separator: "/").last.map(String.init) ?? name)
        var message = "taxonomy name '\(name)' is not a slug (lower-case letters, digits and hyphens)"
        if name.contains("/"), !slug.isEmpty {
            message += "; to put its pages under another folder, give it a path: '\(slug): { path: /\(name.split(separator: "/").map { Slug.make(String($0)) }.joined(separator: "/"))/ }'"
        } else if !slug.isEmpty {
            message += "; name it '\(slug)'"
        }
        return message
    }

    /// `taxonomies:` in either form; problems are recorded on `reader`.
    static func read(_ node: Yams.Node, reader: inout YAMLReader) -> [TaxonomySettings]? {
        if reader.isNull(node) { return [] }
        var result: [TaxonomySettings] = []
        func add(_ settings: TaxonomySettings, at node: Yams.Node, reader: inout YAMLReader) {
            if let problem = nameProblem(settings.name) {
                reader.error(problem, at: node)
            } else if result.contains(where: { $0.name == settings.name }) {
                reader.error("taxonomy '\(settings.name)' is listed twice; keep one", at: node)
            } else if let other = result.first(where: { $0.path == settings.path }) {
                reader.error("taxonomies '\(other.name)' and '\(settings.name)' both have the path \(settings.path); give one another 'path'", at: node)
            } else {
                result.append(settings)
            }
        }
        if case .mapping = node {
            guard let pairs = reader.mapping(node, what: "'taxonomies'") else { return nil }
            for (name, keyNode, value) in pairs {
                guard let settings = options(of: name, value, reader: &reader) else { continue }
                add(settings, at: keyNode, reader: &reader)
            }
            return result
        }
        guard let names = reader.stringList(node, key: "taxonomies") else { return nil }
        for (index, name) in names.enumerated() {
            add(TaxonomySettings(name: name), at: reader.entry(index, of: node), reader: &reader)
        }
        return result
    }

    /// The options of one taxonomy of the mapping form.
    private static func options(of name: String, _ node: Yams.Node, reader: inout YAMLReader) -> TaxonomySettings? {
        var settings = TaxonomySettings(name: name)
        if reader.isNull(node) { return settings }
        guard let pairs = reader.mapping(node, what: "'taxonomies.\(name)'") else { return nil }
        for (key, keyNode, value) in pairs {
            switch key {
            case "path":
                guard let text = reader.string(value, key: "taxonomies.\(name).path") else { continue }
                switch SitePathSetting.folder(text) {
                case .success(let path): settings.path = path
                case .failure(let problem): reader.error("taxonomies.\(name).path '\(text)': \(problem.message)", at: value)
                }
            case "paginate":
                settings.paginate = reader.int(value, key: "taxonomies.\(name).paginate", minimum: 1)
            case "feeds":
                settings.feeds = reader.bool(value, key: "taxonomies.\(name).feeds")
            default:
                reader.error(SiteConfigLoader.unknownKeyMessage(key, known: optionKeys, in: "'taxonomies.\(name)'"), at: keyNode)
            }
        }
        return settings
    }
}
