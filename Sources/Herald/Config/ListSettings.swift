import Foundation
import Yams

/// One listing of `lists:` in site.yml: a paginated list of articles at a
/// path of its own (`/articles/`), of every article or of those filed under
/// some terms (`where: { categories: Politics }`), with its own template,
/// page size and feeds.
public struct ListSettings: Sendable, Equatable {
    /// The key in `lists:`; templates see it as `list.name` and `site.lists.NAME`.
    public var name: String
    /// Site path of page 1; page N per `pagination.path`; feeds at PATH + `feed.xml` …
    public var path: String
    /// Shown by templates (`list.title`) and in the feeds' titles.
    public var title: String
    /// Template file in `Templates/`.
    public var template = "list.html"
    /// Articles per page; `nil`: the site's `paginate`.
    public var paginate: Int?
    public var feeds = true
    /// The articles filed under every one of these terms; none: every article.
    public var filter: [TermCondition] = []
    /// Where `template` is written in site.yml (its key when not given),
    /// to report a template the theme lacks.
    public var templateLine = 0
    public var templateColumn = 0

    public struct TermCondition: Sendable, Equatable {
        /// The name of a taxonomy of the site.
        public var taxonomy: String
        /// As written; matched by slug, as term pages are.
        public var term: String
    }

    public init(name: String, path: String? = nil, title: String? = nil) {
        self.name = name
        self.path = path ?? "/\(Slug.make(name).isEmpty ? name : Slug.make(name))/"
        self.title = title ?? name.prefix(1).uppercased() + name.dropFirst()
    }

    /// An error at site.yml when the theme has no template for this list.
    func templateProblem(exists: (String) -> Bool) -> Diagnostic? {
        guard !exists(template) else { return nil }
        return .error(
            "the list '\(name)' needs Templates/\(template), which the theme does not have; add it, or name another with 'template:'",
            at: "site.yml", line: templateLine, column: templateColumn)
    }

    static let keys: Set<String> = ["path", "title", "template", "paginate", "feeds", "where"]

    /// `lists:`, a mapping of names to options. `where` names taxonomies,
    /// so the site's `taxonomies` must be read first.
    static func read(_ node: Yams.Node, taxonomies: [TaxonomySettings], reader: inout YAMLReader) -> [ListSettings]? {
        if reader.isNull(node) { return [] }
        guard let pairs = reader.mapping(node, what: "'lists'") else { return nil }
        var lists: [ListSettings] = []
        for (name, keyNode, value) in pairs {
            guard var list = options(of: name, value, keyNode: keyNode, taxonomies: taxonomies, reader: &reader) else { continue }
            if let other = lists.first(where: { $0.path == list.path }) {
                reader.error("lists '\(other.name)' and '\(name)' both have the path \(list.path); give one another 'path'", at: keyNode)
                continue
            }
            if list.templateLine == 0 {
                list.templateLine = reader.lineOffset + (keyNode.mark?.line ?? 1)
                list.templateColumn = keyNode.mark?.column ?? 1
            }
            lists.append(list)
        }
        return lists
    }

    private static func options(
        of name: String, _ node: Yams.Node, keyNode: Yams.Node, taxonomies: [TaxonomySettings], reader: inout YAMLReader
    ) -> ListSettings? {
        var list = ListSettings(name: name)
        if reader.isNull(node) { return list }
        guard let pairs = reader.mapping(node, what: "'lists.\(name)'") else { return nil }
        for (key, optionKey, value) in pairs {
            let qualified = "lists.\(name).\(key)"
            switch key {
            case "path":
                guard let text = reader.string(value, key: qualified) else { continue }
                switch SitePathSetting.folder(text) {
                case .success(let path): list.path = path
                case .failure(let problem): reader.error("\(qualified) '\(text)': \(problem.message)", at: value)
                }
            case "title":
                list.title = reader.string(value, key: qualified) ?? list.title
            case "template":
                guard let text = reader.string(value, key: qualified) else { continue }
                if text.contains("..") || text.hasPrefix("/") || text.isEmpty {
                    reader.error("\(qualified) '\(text)' must name a template inside Templates/, such as 'list.html'", at: value)
                    continue
                }
                list.template = text.hasSuffix(".html") ? text : text + ".html"
                list.templateLine = reader.lineOffset + (value.mark?.line ?? 1)
                list.templateColumn = value.mark?.column ?? 1
            case "paginate":
                list.paginate = reader.int(value, key: qualified, minimum: 1)
            case "feeds":
                list.feeds = reader.bool(value, key: qualified) ?? list.feeds
            case "where":
                list.filter = conditions(value, key: qualified, taxonomies: taxonomies, reader: &reader)
            default:
                reader.error(SiteConfigLoader.unknownKeyMessage(key, known: keys, in: "'lists.\(name)'"), at: optionKey)
            }
        }
        return list
    }

    /// `where: { TAXONOMY: TERM, … }`: every condition must hold.
    private static func conditions(
        _ node: Yams.Node, key: String, taxonomies: [TaxonomySettings], reader: inout YAMLReader
    ) -> [TermCondition] {
        guard let pairs = reader.mapping(node, what: "'\(key)'") else { return [] }
        var conditions: [TermCondition] = []
        for (taxonomy, taxonomyNode, value) in pairs {
            guard taxonomies.contains(where: { $0.name == taxonomy }) else {
                let known = taxonomies.map(\.name).joined(separator: ", ")
                reader.error("'\(taxonomy)' in '\(key)' is not a taxonomy of the site; the taxonomies are \(known.isEmpty ? "none" : known)", at: taxonomyNode)
                continue
            }
            guard let term = reader.string(value, key: "\(key).\(taxonomy)") else { continue }
            if Slug.make(term).isEmpty {
                reader.error("'\(term)' in '\(key).\(taxonomy)' has no letter or digit, so no article can be filed under it", at: value)
                continue
            }
            conditions.append(TermCondition(taxonomy: taxonomy, term: term))
        }
        return conditions
    }
}
