import Foundation
import Yams

/// `pagination:` of site.yml: where page N of every listing is (the home
/// page, term pages, `lists:`), relative to the listing's own path.
public struct PaginationSettings: Sendable, Equatable {
    /// With `:n` for the page number: `page/:n/` gives `/articles/page/2/`.
    public var path = "page/:n/"

    public init() {}

    /// Site path of page `number` (2 or more) of the listing at `base`.
    func path(of number: Int, under base: String) -> String {
        base + path.replacingOccurrences(of: ":n", with: String(number))
    }

    static let keys: Set<String> = ["path"]

    static func read(_ node: Yams.Node, into settings: inout PaginationSettings, reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, what: "'pagination'") else { return }
        for (key, keyNode, value) in pairs {
            guard key == "path" else {
                reader.error(SiteConfigLoader.unknownKeyMessage(key, known: keys, in: "'pagination'"), at: keyNode)
                continue
            }
            guard let text = reader.string(value, key: "pagination.path") else { continue }
            switch pattern(text) {
            case .success(let pattern): settings.path = pattern
            case .failure(let problem): reader.error("pagination.path '\(text)': \(problem.message)", at: value)
            }
        }
    }

    /// The pattern `text` gives: a folder below the listing's, with `:n`
    /// once; a bare word (`seite`) is that word and the number (`seite/:n/`).
    static func pattern(_ text: String) -> Result<String, SitePathSetting.Problem> {
        var pattern = text.trimmingCharacters(in: .whitespaces)
        while pattern.hasPrefix("/") { pattern.removeFirst() }
        if !pattern.contains(":") { pattern = (pattern.hasSuffix("/") ? pattern : pattern + "/") + ":n" }
        if !pattern.hasSuffix("/") { pattern += "/" }
        let tokens = pattern.split(separator: "/").flatMap { Permalink.tokens(in: $0) }
        guard tokens == [":n"] else {
            return .failure(.init(message: "the path must hold the page number ':n' once, and no other token, as in 'page/:n/'"))
        }
        // Checked as a folder with a number in place of `:n`.
        if case .failure(let problem) = SitePathSetting.folder(pattern.replacingOccurrences(of: ":n", with: "2")) {
            return .failure(problem)
        }
        return .success(pattern)
    }
}
