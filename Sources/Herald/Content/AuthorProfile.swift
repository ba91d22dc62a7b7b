/// What `Content/authors/SLUG.md` says about a byline: shown on the author's
/// page (`term.bio`, `term.role`, `term.photo`).
struct AuthorProfile: Sendable {
    var slug: String
    var name: String?
    var role: String?
    var photo: String?
    var email: String?
    var uri: String?
    /// The body, as Markdown.
    var bioMarkdown: String

    static let knownKeys: Set<String> = ["name", "role", "photo", "email", "uri"]

    static func decode(_ text: String, path: String) -> (AuthorProfile?, [Diagnostic]) {
        let frontMatter: FrontMatter
        switch FrontMatter.split(text, path: path) {
        case .success(let split): frontMatter = split
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
        var profile = AuthorProfile(slug: ContentDecoder.defaultSlug(for: path), bioMarkdown: String(frontMatter.body))
        var reader = YAMLReader(path: path, lineOffset: frontMatter.textLineOffset)
        if let root = FrontMatterNodes.root(of: frontMatter, reader: &reader), let pairs = reader.mapping(root, what: "front matter") {
            for (key, keyNode, value) in pairs {
                switch key {
                case "name": profile.name = reader.optionalString(value, key: key)
                case "role": profile.role = reader.optionalString(value, key: key)
                case "photo": profile.photo = reader.link(value, key: key)
                case "email": profile.email = reader.optionalString(value, key: key)
                case "uri", "url": profile.uri = reader.link(value, key: key)
                default: reader.error(SiteConfigLoader.unknownKeyMessage(key, known: knownKeys, in: "an author file"), at: keyNode)
                }
            }
        }
        return (reader.diagnostics.isEmpty ? profile : nil, reader.diagnostics)
    }
}
