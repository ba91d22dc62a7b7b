/// The site's absolute base URL, such as `https://x.github.io/news/`.
///
/// Output paths inside the site are written as site-relative paths starting
/// with `/` (`/2025/07/slug/`); this type turns them into links that honour
/// the subpath, so that a site deployed under `/news/` links correctly.
public struct SiteURL: Sendable, Hashable, CustomStringConvertible {
    /// `scheme://host[:port]`, without a trailing slash.
    public let origin: String
    /// The subpath, always starting and ending with `/` (`/` or `/news/`).
    public let basePath: String

    /// Parses an absolute http(s) URL; `nil` when it is not one.
    public init?(_ text: String) {
        guard let schemeEnd = text.range(of: "://") else { return nil }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = text[schemeEnd.upperBound...]
        let hostPart = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !hostPart.isEmpty, !hostPart.contains(" ") else { return nil }
        var path = String(rest.dropFirst(hostPart.count).prefix { $0 != "?" && $0 != "#" })
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        origin = "\(scheme)://\(hostPart.lowercased())"
        basePath = path
    }

    /// The host without port, the default authority of `tag:` ids.
    public var host: String {
        let afterScheme = origin[origin.range(of: "://")!.upperBound...]
        return String(afterScheme.prefix { $0 != ":" })
    }

    /// The link to a site path as served: `/2025/x/` becomes `/news/2025/x/`.
    public func relative(_ sitePath: String) -> String {
        if sitePath.hasPrefix("/") { return basePath + sitePath.dropFirst() }
        return basePath + sitePath
    }

    /// The absolute URL of a site path: `https://host/news/2025/x/`.
    public func absolute(_ sitePath: String) -> String {
        origin + relative(sitePath)
    }

    public var description: String { origin + basePath }
}
