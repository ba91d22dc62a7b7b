import Yams

/// Which link targets from front matter and `site.yml` may reach an `href`
/// or `src` attribute of the pages and feeds.
enum LinkSafety {
    /// True for paths on the site (`/images/a.jpg`, `a.jpg`, `../x/`),
    /// `http(s)://` and `mailto:` URLs and protocol-relative `//host/…`;
    /// false for `javascript:`, `data:`, `vbscript:` and every other scheme.
    /// Browsers drop tabs and line breaks inside a URL and leading control
    /// characters and spaces, so those are ignored before the scheme is read.
    static func isSafe(_ link: String) -> Bool {
        var scheme = ""
        for scalar in link.unicodeScalars {
            if scalar == "\t" || scalar == "\n" || scalar == "\r" { continue }
            if scheme.isEmpty && scalar.value <= 0x20 { continue }
            if scalar == ":" {
                return ["http", "https", "mailto"].contains(scheme.lowercased())
            }
            let isSchemeCharacter = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "+" || scalar == "-" || scalar == ".")
            if !isSchemeCharacter { return true }  // `/`, `?`, `#` or any other: a path, not a scheme
            scheme.unicodeScalars.append(scalar)
        }
        return true
    }
}

extension YAMLReader {
    /// Like `optionalString`, for a link that templates write into `href` or
    /// `src`: an error for `javascript:` and other schemes (`key` names the setting).
    mutating func link(_ node: Yams.Node, key: String) -> String? {
        guard let text = optionalString(node, key: key) else { return nil }
        guard LinkSafety.isSafe(text) else {
            error("'\(key)' must be a path on the site or an http(s) URL, not '\(text)'", at: node)
            return nil
        }
        return text
    }
}
