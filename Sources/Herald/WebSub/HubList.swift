import Yams

extension SiteConfigLoader {
    /// `feeds.hubs`: a list of absolute http(s) URLs of WebSub hubs; every
    /// entry that is not one is an error at that entry.
    static func readHubs(_ node: Yams.Node, reader: inout YAMLReader) -> [String] {
        guard let texts = reader.stringList(node, key: "feeds.hubs") else { return [] }
        var hubs: [String] = []
        for (index, text) in texts.enumerated() {
            if SiteURL(text) != nil, !text.contains(" ") {
                hubs.append(text)
            } else {
                var entry = node
                if case .sequence(let sequence) = node, index < sequence.count { entry = sequence[index] }
                reader.error("feeds.hubs: '\(text)' is not a hub's address; write an absolute http(s) URL such as https://hub.example.org/", at: entry)
            }
        }
        return hubs
    }
}
