import Foundation

/// `--uploads DIR`: the files of a copy of `wp-content/uploads` that the
/// imported posts use, copied into `Content/static/wp-content/uploads/`
/// (their paths kept, so the old media URLs answer on the new site too),
/// and the posts' URLs of them rewritten to site paths. Files no post
/// names stay behind: an uploads folder is mostly resized copies and
/// media of deleted posts.
struct WordPressUploads {
    /// The folder holding `YYYY/MM/…`.
    let folder: URL
    /// Where the copies go: the new site's `Content/static/`.
    let staticFolder: URL
    /// Host names the old site served its media from (lowercased, no `www.`).
    private(set) var hosts: Set<String> = []
    /// Paths below the uploads folder already copied (or found missing).
    private var copied: Set<String> = []
    private var missing: Set<String> = []
    private(set) var count = 0

    init(folder: URL, staticFolder: URL) {
        self.folder = folder
        self.staticFolder = staticFolder
    }

    /// The old site's addresses (`<link>`, `wp:base_site_url`, …): only
    /// media on these hosts, or written as `/wp-content/uploads/…`, are
    /// the site's own.
    mutating func addSite(_ address: String?) {
        guard let address, let host = URL(string: address.trimmingCharacters(in: .whitespaces))?.host else { return }
        hosts.insert(Self.normalised(host))
    }

    /// `html` with each URL of an upload that exists in the folder turned
    /// into its site path, the file copied; `problems` gets one line per
    /// upload the folder does not have (its URL is left as it was).
    mutating func rewrite(_ html: String, problems: inout [String]) throws -> String {
        guard html.contains("/wp-content/uploads/") else { return html }
        let source = html as NSString
        var result = ""
        var last = 0
        for match in Self.candidate.matches(in: html, range: NSRange(location: 0, length: source.length)) {
            var range = match.range
            // Punctuation after a URL in running text is not part of it.
            while range.length > 0, ".,;:)!".contains(source.substring(with: NSRange(location: range.location + range.length - 1, length: 1))) {
                range.length -= 1
            }
            let url = source.substring(with: range)
            // `/blog/wp-content/uploads/…` is a subfolder install's path, not one of this site's.
            if url.hasPrefix("/wp-content/"), range.location > 0,
                let before = source.substring(with: NSRange(location: range.location - 1, length: 1)).unicodeScalars.first,
                CharacterSet.alphanumerics.contains(before) || "-_.~%/".unicodeScalars.contains(before) {
                continue
            }
            guard let sitePath = try sitePath(of: url, problems: &problems) else { continue }
            result += source.substring(with: NSRange(location: last, length: range.location - last)) + sitePath
            last = range.location + range.length
        }
        return result + source.substring(from: last)
    }

    /// The site path for one URL, copying its file; nil for a URL that is
    /// not one of the site's uploads, or whose file is missing.
    mutating func sitePath(of url: String, problems: inout [String]) throws -> String? {
        let withoutQuery = String(url.prefix { $0 != "?" && $0 != "#" })
        guard let marker = withoutQuery.range(of: "/wp-content/uploads/") else { return nil }
        let before = withoutQuery[..<marker.lowerBound]
        if !before.isEmpty {
            // `https://host/…` or `//host/…`; a subfolder install (`/blog/wp-content/…`) is kept out of the host.
            guard before.hasPrefix("//") || before.hasPrefix("http://") || before.hasPrefix("https://") else { return nil }
            let authority = before.split(separator: "/", omittingEmptySubsequences: true).dropFirst(before.hasPrefix("//") ? 0 : 1).first ?? ""
            let host = authority.split(separator: ":").first.map(String.init) ?? ""
            guard hosts.contains(Self.normalised(host)) else { return nil }
        }
        let encoded = String(withoutQuery[marker.upperBound...])
        let relative = encoded.removingPercentEncoding ?? encoded
        let components = relative.split(separator: "/", omittingEmptySubsequences: false)
        // A path that would leave the uploads folder is no upload.
        guard !relative.isEmpty, !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else { return nil }
        if missing.contains(relative) { return nil }
        if !copied.contains(relative) {
            let file = folder.appendingPathComponent(relative)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder), !isFolder.boolValue else {
                missing.insert(relative)
                problems.append("\(url) is not in the uploads folder (\(file.path)); its URL is left as it was")
                return nil
            }
            let copy = staticFolder.appendingPathComponent("wp-content/uploads/" + relative)
            try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: file, to: copy)
            copied.insert(relative)
            count += 1
        }
        return "/wp-content/uploads/" + encoded
    }

    private static func normalised(_ host: String) -> String {
        let lower = host.lowercased()
        return lower.hasPrefix("www.") ? String(lower.dropFirst(4)) : lower
    }

    /// A URL in HTML: absolute, protocol-relative, or a site path starting
    /// at the uploads folder. Leftmost matching takes a whole absolute URL
    /// before its `/wp-content/uploads/…` tail could match on its own.
    private static let candidate = try! NSRegularExpression(
        pattern: #"(?:(?:https?:)?//[^\s"'<>]+|/wp-content/uploads/[^\s"'<>]+)"#)
}
