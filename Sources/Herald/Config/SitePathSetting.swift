import Foundation

/// A folder of the site given in site.yml (`taxonomies.tags.path`,
/// `lists.blog.path`): read leniently (`articles/tags` is `/articles/tags/`),
/// refused when it could not be one folder inside the output.
enum SitePathSetting {
    struct Problem: Error {
        var message: String
    }

    /// The site path of the folder `text` names, with a leading and trailing `/`.
    static func folder(_ text: String) -> Result<String, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let segments = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        let inner = segments.dropFirst(trimmed.hasPrefix("/") ? 1 : 0).dropLast(trimmed.hasSuffix("/") ? 1 : 0)
        guard !inner.isEmpty, !(inner.count == 1 && inner.first!.isEmpty) else {
            return .failure(Problem(message: "the path must name a folder such as /articles/ (the home page is /)"))
        }
        for segment in inner {
            if segment.isEmpty { return .failure(Problem(message: "the path has an empty segment ('//')")) }
            if segment == "." || segment == ".." { return .failure(Problem(message: "'\(segment)' would leave the output folder")) }
            if segment.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || "?#\\:".unicodeScalars.contains($0) }) {
                return .failure(Problem(message: "a segment holds a character a folder name cannot (?, #, \\, : or a control character)"))
            }
        }
        return .success("/" + inner.joined(separator: "/") + "/")
    }
}
