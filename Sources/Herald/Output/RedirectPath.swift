import Foundation

/// An old address that redirects (an alias or a `redirects.map` source), or
/// the target of a redirect, read from what the user wrote.
///
/// Paths may be written percent-encoded (`/caf%C3%A9/`, as copied from a
/// browser) or as text (`/café/`); both read as the same decoded path. A
/// query (`/?p=12`, WordPress's short links) is kept: no static file can
/// answer it, so only the host files redirect it.
struct RedirectPath: Hashable, Sendable {
    /// The decoded site path, starting with `/` (without the site's subpath).
    var path: String
    /// The query after `?`, as written; nil when there is none.
    var query: String?
    /// The fragment after `#` (targets only), as written.
    var fragment: String?

    struct Problem: Error {
        var message: String
    }

    /// Reads `text`; a site's own absolute URLs are taken as their paths.
    /// `target` allows a fragment, which a browser keeps across a redirect.
    static func parse(_ text: String, siteURL: SiteURL, target: Bool = false) -> Result<RedirectPath, Problem> {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if rest.isEmpty { return .failure(Problem(message: "is empty")) }
        let lowered = rest.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || rest.hasPrefix("//") {
            let base = siteURL.description
            guard lowered.hasPrefix(base.lowercased()) else {
                return .failure(Problem(message: "is outside the site (\(base)); write a path on this site such as /2019/05/old-slug/"))
            }
            rest = "/" + rest.dropFirst(base.count)
        }
        if !rest.hasPrefix("/") { rest = "/" + rest }
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            guard target else {
                return .failure(Problem(message: "has a fragment ('#…'), which browsers never send to the server; remove it"))
            }
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        var query: String?
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        guard let decoded = decode(rest) else {
            return .failure(Problem(message: "has a '%' that is not followed by two hex digits of UTF-8 text"))
        }
        if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) {
            return .failure(Problem(message: "contains a control character or a backslash"))
        }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if segments.contains(where: { $0 == "." || $0 == ".." }) {
            return .failure(Problem(message: "would leave the site ('.' or '..' segments)"))
        }
        if segments.dropLast().contains(where: \.isEmpty) {
            return .failure(Problem(message: "has an empty segment ('//')"))
        }
        if let query, query.contains(where: { $0 == " " || $0.isNewline }) {
            return .failure(Problem(message: "has a space or line break in its query; percent-encode it"))
        }
        return .success(RedirectPath(path: decoded, query: query.flatMap { $0.isEmpty ? nil : $0 }, fragment: fragment))
    }

    /// The file of the output folder a redirect page for this path is, such
    /// as `2019/05/old/index.html`; nil for a query, which only host files
    /// answer. A last segment with a dot (`old.html`, `feed.php`) is a file.
    var pageFile: String? {
        guard query == nil else { return nil }
        if path.hasSuffix("/") { return String(path.dropFirst()) + "index.html" }
        let last = path.split(separator: "/").last ?? ""
        return last.contains(".") ? String(path.dropFirst()) : String(path.dropFirst()) + "/index.html"
    }

    /// Equal for two addresses a host answers alike (`/a` and `/a/`).
    var key: String {
        var key = path
        if let last = key.split(separator: "/").last, !last.contains("."), !key.hasSuffix("/") { key += "/" }
        if let query { key += "?" + query }
        return key
    }

    /// The path as served, with the site's subpath, percent-encoded
    /// (ASCII: what a request line carries).
    func served(in siteURL: SiteURL) -> String {
        PercentEncoding.encode(siteURL.relative(path))
    }

    /// `served` with the query and fragment, for a redirect's target.
    func servedTarget(in siteURL: SiteURL) -> String {
        var text = served(in: siteURL)
        if let query { text += "?" + query }
        if let fragment { text += "#" + fragment }
        return text
    }

    /// How the user would write it: the decoded path and its query.
    var display: String {
        query.map { path + "?" + $0 } ?? path
    }

    /// Percent-decodes `text`; nil when a `%` is not followed by two hex
    /// digits or the bytes are not UTF-8.
    private static func decode(_ text: Substring) -> String? {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard iterator.count >= 2, let high = hex(iterator.popFirst()!), let low = hex(iterator.popFirst()!) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
