import Foundation

/// Permalink patterns such as `/:year/:month/:slug/` (DESIGN §2).
public enum Permalink {
    /// Why `pattern` is not usable, or `nil` when it is.
    static func problem(in pattern: String, allowedTokens: Set<String>) -> String? {
        guard pattern.hasPrefix("/") else { return "a permalink starts with '/'" }
        guard pattern.contains(":slug") || pattern.contains(":filename") else {
            return "a permalink must contain :slug or :filename so that two items never share a URL"
        }
        for segment in pattern.split(separator: "/") {
            if segment == ".." || segment == "." { return "'\(segment)' would leave the output folder" }
            for token in tokens(in: segment) where !allowedTokens.contains(token) {
                return "unknown token '\(token)'; use \(allowedTokens.sorted().joined(separator: " "))"
            }
        }
        return nil
    }

    /// The tokens of one segment: every `:` and the ASCII letters after it.
    static func tokens(in segment: Substring) -> [String] {
        var result: [String] = []
        var rest = segment[...]
        while let colon = rest.firstIndex(of: ":") {
            let name = rest[rest.index(after: colon)...].prefix { $0.isASCII && $0.isLetter }
            result.append(":" + name)
            rest = rest[rest.index(colon, offsetBy: 1 + name.count)...]
        }
        return result
    }

    /// The site path of an item: tokens replaced, always ending with `/`.
    static func expand(_ pattern: String, slug: String, fileName: String = "", date: Date?, section: String?, timeZone: TimeZone) -> String {
        var parts: [String] = []
        var fields: CivilDate.Fields?
        if let date {
            fields = CivilDate.fields(of: date, in: timeZone)
        }
        func value(of token: String) -> String {
            switch token {
            case ":slug": return slug
            case ":filename": return fileName
            case ":year": return fields.map { $0.year.zeroPadded(4) } ?? ""
            case ":month": return fields.map { $0.month.zeroPadded(2) } ?? ""
            case ":day": return fields.map { $0.day.zeroPadded(2) } ?? ""
            case ":section": return section.map(Slug.make) ?? ""
            default: return token
            }
        }
        for segment in pattern.split(separator: "/", omittingEmptySubsequences: true) {
            // Tokens may share a segment with text or other tokens: `/:year-:month/`.
            var expanded = ""
            var rest = segment[...]
            while let colon = rest.firstIndex(of: ":") {
                expanded += rest[..<colon]
                let name = rest[rest.index(after: colon)...].prefix { $0.isASCII && $0.isLetter }
                let token = ":" + name
                expanded += value(of: String(token))
                rest = rest[rest.index(colon, offsetBy: token.count)...]
            }
            expanded += rest
            parts.append(expanded)
        }
        let path = "/" + parts.filter { !$0.isEmpty }.joined(separator: "/")
        return path.hasSuffix("/") ? path : path + "/"
    }
}
