/// Links written to other content files (`[x](../pages/about.md#team)`),
/// resolved to the URLs those files are published at (DESIGN §4); and
/// root-relative links (`/images/a.jpg`, `/about/`), which are site paths,
/// moved under the subpath of a site deployed below its host's root.
enum ContentLinks {
    static let staticFolder = "Content/static/"

    static func resolve(_ url: String, from sourcePath: String, pathOf: [String: String], siteURL: SiteURL) -> LinkResolution {
        let end = url.firstIndex { $0 == "#" || $0 == "?" } ?? url.endIndex
        let target = url[..<end]
        guard target.hasSuffix(".md"), !target.contains("://"), !target.hasPrefix("mailto:") else {
            if siteURL.basePath != "/", url.hasPrefix("/"), !url.hasPrefix("//") {
                return .replace(siteURL.relative(url))
            }
            return .keep
        }
        var segments: [Substring]
        if target.hasPrefix("/") {
            segments = []
        } else {
            segments = sourcePath.split(separator: "/").dropLast()
        }
        for segment in target.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        let written = segments.joined(separator: "/")
        // `[x](<my file.md>)` and `[x](my%20file.md)` name the same file.
        let resolved = pathOf[written] == nil ? (written.removingPercentEncoding ?? written) : written
        if resolved.hasPrefix(staticFolder) {
            // A Markdown file shipped as it is, for download.
            return .replace(siteURL.relative(String(written.dropFirst(staticFolder.count - 1))) + url[end...])
        }
        guard let path = pathOf[resolved] else {
            return .missing("link to '\(target)' points at \(resolved), which is not a published article or page; fix the path, or publish it")
        }
        return .replace(siteURL.relative(path) + url[end...])
    }
}
