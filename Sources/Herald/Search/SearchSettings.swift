import Yams

/// `search:` in site.yml: which search the site gets.
public struct SearchSettings: Sendable, Equatable {
    public enum Engine: String, Sendable {
        /// No search page and no index.
        case none
        /// Herald's own static, sharded index at `/search/index/` and the
        /// page at `/search/`.
        case herald
    }

    public var engine: Engine = .none

    public init() {}

    static func read(_ node: Yams.Node, into settings: inout SearchSettings, reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, what: "'search'") else { return }
        for (name, keyNode, value) in pairs {
            switch name {
            case "engine":
                guard let text = reader.string(value, key: "search.engine") else { continue }
                if let engine = Engine(rawValue: text) {
                    settings.engine = engine
                } else {
                    reader.error("unknown search engine '\(text)' in search.engine: use none or herald", at: value)
                }
            default:
                reader.error(SiteConfigLoader.unknownKeyMessage(name, known: ["engine"], in: "'search'"), at: keyNode)
            }
        }
    }
}
