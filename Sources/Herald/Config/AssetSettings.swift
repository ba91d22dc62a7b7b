import Yams

/// `assets:` of site.yml: how theme and static files are published.
public struct AssetSettings: Sendable, Equatable {
    /// Whether the `fingerprint` filter links a copy with a hash of the
    /// file's bytes in its name (`/assets/site.3f2a9c1e.css`), and processed
    /// images carry the hash of their source. Off, the filter links the file
    /// itself (still with its `integrity`).
    public var fingerprint = true

    public init() {}

    static func read(_ node: Yams.Node, into settings: inout AssetSettings, reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, what: "'assets'") else { return }
        for (name, keyNode, value) in pairs {
            switch name {
            case "fingerprint":
                settings.fingerprint = reader.bool(value, key: "assets.fingerprint") ?? settings.fingerprint
            default:
                reader.error(SiteConfigLoader.unknownKeyMessage(name, known: ["fingerprint"], in: "'assets'"), at: keyNode)
            }
        }
    }
}
