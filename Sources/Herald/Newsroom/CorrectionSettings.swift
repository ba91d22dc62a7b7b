import Yams

/// `corrections:` in site.yml: where the site-wide corrections page and its
/// feeds are, and the page of the newsroom's corrections policy.
public struct CorrectionSettings: Sendable, Equatable {
    /// Site path of the corrections page; its feeds are beside it.
    public var path = "/corrections/"
    /// Site path or URL of the corrections policy, linked from every
    /// correction and named in JSON-LD (`correctionsPolicy`).
    public var policy: String?
    /// Whether the corrections page has feeds (in `feeds.formats`).
    public var feeds = true

    public init() {}
}

extension SiteConfigLoader {
    /// `corrections: { path: /corrections/, policy: /corrections-policy/, feeds: true }`.
    static func readCorrections(_ node: Yams.Node, into settings: inout CorrectionSettings, reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, what: "'corrections'") else { return }
        for (name, keyNode, value) in pairs {
            switch name {
            case "policy":
                settings.policy = reader.link(value, key: "corrections.policy")
            case "feeds":
                settings.feeds = reader.bool(value, key: "corrections.feeds") ?? settings.feeds
            case "path":
                guard let path = reader.string(value, key: "corrections.path") else { continue }
                if !path.hasPrefix("/") || !path.hasSuffix("/") || path.contains("..") || path.contains("//") {
                    reader.error("corrections.path must be a folder on the site such as /corrections/, not '\(path)'", at: value)
                } else {
                    settings.path = path
                }
            default:
                reader.error(unknownKeyMessage(name, known: ["path", "policy", "feeds"], in: "'corrections'"), at: keyNode)
            }
        }
    }
}
