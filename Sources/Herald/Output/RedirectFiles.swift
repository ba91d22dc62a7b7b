import Foundation

/// The text of the redirect outputs: the page left at an old address and
/// the host files (`_redirects`, `.htaccess`, `nginx-redirects.conf`), all
/// answering 301.
struct RedirectFiles {
    let config: SiteConfig
    /// Sources and their final targets, sorted by source.
    let redirects: [(source: RedirectPath, target: RedirectPath)]

    /// A page that sends a browser on at once and tells search engines
    /// where the content is now (canonical link, not indexed itself), with
    /// a plain link for anything that follows no refresh.
    func page(to target: RedirectPath) -> [UInt8] {
        let url = HTMLEscaping.escape(config.url.origin + target.servedTarget(in: config.url))
        let html = """
            <!DOCTYPE html>
            <html lang="\(HTMLEscaping.escape(config.language))">
            <head>
            <meta charset="utf-8">
            <title>Moved to \(url)</title>
            <link rel="canonical" href="\(url)">
            <meta name="robots" content="noindex">
            <meta http-equiv="refresh" content="0; url=\(url)">
            </head>
            <body>
            <p>This page has moved to <a href="\(url)">\(url)</a>.</p>
            </body>
            </html>

            """
        return Array(html.utf8)
    }

    /// The output path and bytes of one host file.
    func hostFile(_ format: RedirectFormat) -> (String, [UInt8]) {
        switch format {
        case .html, .netlify: return ("_redirects", netlify())
        case .apache: return (".htaccess", apache())
        case .nginx: return ("nginx-redirects.conf", nginx())
        }
    }

    /// Netlify and Cloudflare Pages: `FROM TO 301!`. The `!` makes Netlify
    /// redirect although a redirect page exists at FROM (without it, the
    /// page would be served); a query is matched as `key=value` pairs.
    private func netlify() -> [UInt8] {
        var text = "# Written by Herald: every old address of this site, redirected (301) to where it is now.\n"
        for (source, target) in redirects {
            var from = source.served(in: config.url)
            if let query = source.query {
                guard let pairs = Self.netlifyQuery(query) else { continue }
                from += " " + pairs
            }
            text += "\(from) \(target.servedTarget(in: config.url)) 301!\n"
        }
        return Array(text.utf8)
    }

    /// `a=1&b=2` as `_redirects` writes a query (`a=1 b=2`); nil when a
    /// part is not a `key=value` pair.
    static func netlifyQuery(_ query: String) -> String? {
        let parts = query.split(separator: "&")
        guard !parts.isEmpty, parts.allSatisfy({ $0.contains("=") && !$0.hasPrefix("=") }) else { return nil }
        return parts.joined(separator: " ")
    }

    /// Apache (mod_rewrite in `.htaccess` at the site's root folder): the
    /// pattern is matched against the decoded path relative to that
    /// folder; the target is already percent-encoded (`NE`), and a query
    /// source drops the old query (`QSD`).
    private func apache() -> [UInt8] {
        var text = "# Written by Herald: every old address of this site, redirected (301) to where it is now.\n"
        text += "RewriteEngine On\n"
        for (source, target) in redirects {
            let relative = String(source.path.dropFirst())
            // A folder's address answers with and without its last slash.
            let pattern = relative.hasSuffix("/")
                ? "^" + Self.regexEscaped(String(relative.dropLast())) + "/?$"
                : "^" + Self.regexEscaped(relative) + "$"
            var flags = "R=301,L,NE"
            if let query = source.query {
                text += "RewriteCond %{QUERY_STRING} \(Self.apacheQuoted("^" + Self.regexEscaped(query) + "$"))\n"
                flags += ",QSD"
            }
            text += "RewriteRule \(Self.apacheQuoted(pattern)) \(Self.apacheQuoted(target.servedTarget(in: config.url))) [\(flags)]\n"
        }
        return Array(text.utf8)
    }

    /// nginx: exact `location`s (matched against the decoded path, so
    /// written decoded), with and without the trailing slash; a query
    /// source is matched on the request line as sent.
    private func nginx() -> [UInt8] {
        var text = "# Written by Herald: every old address of this site, redirected (301) to where it is now.\n"
        text += "# Include it inside the server block of the site: include /path/to/nginx-redirects.conf;\n"
        for (source, target) in redirects {
            let to = Self.quoted(target.servedTarget(in: config.url))
            if let query = source.query {
                text += "if ($request_uri = \(Self.quoted(source.served(in: config.url) + "?" + query))) { return 301 \(to); }\n"
                continue
            }
            let served = config.url.relative(source.path)
            text += "location = \(Self.quoted(served)) { return 301 \(to); }\n"
            if served.hasSuffix("/") && served.count > 1 {
                text += "location = \(Self.quoted(String(served.dropLast()))) { return 301 \(to); }\n"
            }
        }
        return Array(text.utf8)
    }

    /// `text` with the characters that regular expressions treat specially
    /// escaped by a backslash.
    static func regexEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if ".^$*+?()[]{}|\\".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    /// Double-quoted for Apache, which unescapes only `\"` (a `\\` would
    /// stay two backslashes in the regular expression).
    static func apacheQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Double-quoted for nginx, which takes `\"` and `\\`.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
