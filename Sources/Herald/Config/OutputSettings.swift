import Yams

/// `outputs:` of site.yml: the files a site may do without. Each is on by
/// default; `false` leaves the file out of the build.
public struct OutputSettings: Sendable, Equatable {
    /// `/sitemap.xml` (and the `Sitemap:` line of robots.txt).
    public var sitemap = true
    /// `/news-sitemap.xml`.
    public var newsSitemap = true
    /// `/robots.txt`, unless `Content/static/` has one.
    public var robots = true
    /// `/feed.xsl`, and the `<?xml-stylesheet?>` line of every feed.
    public var feedStylesheet = true
    /// `/archive/` (with an `archive.html` in the theme).
    public var archive = true
    /// `/404.html` (with a `404.html` in the theme).
    public var notFound = true

    public init() {}

    static let keys: [(name: String, field: WritableKeyPath<OutputSettings, Bool> & Sendable)] = [
        ("sitemap", \.sitemap), ("news_sitemap", \.newsSitemap), ("robots", \.robots),
        ("feed_stylesheet", \.feedStylesheet), ("archive", \.archive), ("not_found", \.notFound),
    ]

    static func read(_ node: Yams.Node, into settings: inout OutputSettings, reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, what: "'outputs'") else { return }
        for (name, keyNode, value) in pairs {
            guard let field = keys.first(where: { $0.name == name })?.field else {
                reader.error(SiteConfigLoader.unknownKeyMessage(name, known: Set(keys.map(\.name)), in: "'outputs'"), at: keyNode)
                continue
            }
            settings[keyPath: field] = reader.bool(value, key: "outputs.\(name)") ?? settings[keyPath: field]
        }
    }
}
