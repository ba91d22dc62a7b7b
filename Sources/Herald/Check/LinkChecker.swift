import Foundation

/// Checks every internal link of a built site: `href`, `src`, `srcset` and
/// `poster` in every HTML file that point inside the site must lead to a
/// file (or a folder with `index.html`) in the output, and a `#fragment` must
/// name an `id` in the target page.
///
/// It works on any output folder, independent of the builder, so that a
/// hand-made folder of HTML can be checked as well.
public struct LinkChecker: Sendable {
    /// The built site.
    public let output: URL
    /// Where the site is served: links to this origin and below its base path are internal.
    public let siteURL: SiteURL

    public init(output: URL, siteURL: SiteURL) {
        self.output = output.standardizedFileURL
        self.siteURL = siteURL
    }

    /// A broken reference: the diagnostic, and the reference as the page has it.
    struct Problem: Sendable {
        var diagnostic: Diagnostic
        var reference: String
    }

    /// Every problem, as `path:line` diagnostics with the HTML file's path
    /// relative to the output and no column; sorted by file and line.
    public func check() -> [Diagnostic] {
        problems().map(\.diagnostic)
    }

    /// Every problem with its reference (what `LinkSources` looks for in the sources).
    func problems() -> [Problem] {
        let files = Self.files(under: output)
        let fileSet = Set(files)
        let htmlFiles = files.filter { $0.hasSuffix(".html") || $0.hasSuffix(".htm") }
        let output = self.output
        let scanned = htmlFiles.parallelMap { path -> [HTMLScanner.Tag] in
            guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(path).path) else { return [] }
            return HTMLScanner.tags(in: String(decoding: data, as: UTF8.self))
        }
        var tagsOf: [String: [HTMLScanner.Tag]] = [:]
        var idsOf: [String: Set<String>] = [:]
        for (path, tags) in zip(htmlFiles, scanned) {
            tagsOf[path] = tags
            var ids = Set<String>()
            for tag in tags {
                if let id = tag.value("id") { ids.insert(id) }
                if tag.name == "a", let name = tag.value("name") { ids.insert(name) }
            }
            idsOf[path] = ids
        }
        let context = Context(siteURL: siteURL, files: fileSet, idsOf: idsOf)
        var problems: [Problem] = []
        for path in htmlFiles {
            for tag in tagsOf[path] ?? [] where tag.name != "base" {
                for attribute in tag.attributes {
                    let isImage = tag.name == "img" || (tag.name == "source" && attribute.name == "srcset") || attribute.name == "poster"
                    let references: [String]
                    switch attribute.name {
                    case "href", "src", "poster": references = [attribute.value]
                    case "srcset": references = Self.srcsetURLs(attribute.value)
                    default: continue
                    }
                    for reference in references {
                        if let message = context.problem(with: reference, from: path, isImage: isImage) {
                            problems.append(Problem(
                                diagnostic: Diagnostic(path: path, line: attribute.line, column: 0, severity: .error, message: message),
                                reference: reference))
                        }
                    }
                }
            }
        }
        return problems
    }

    struct Context {
        let siteURL: SiteURL
        let files: Set<String>
        let idsOf: [String: Set<String>]

        /// A message for a broken reference, or nil when it is fine or external.
        func problem(with reference: String, from page: String, isImage: Bool) -> String? {
            let trimmed = reference.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { return nil }
            var rest = Substring(trimmed)
            var fragment: String?
            if let hash = rest.firstIndex(of: "#") {
                fragment = String(rest[rest.index(after: hash)...])
                rest = rest[..<hash]
            }
            if let question = rest.firstIndex(of: "?") { rest = rest[..<question] }

            // Where does it point? (nil: outside the site, not ours to check)
            var sitePath: String
            if let colon = rest.firstIndex(of: ":"), rest[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+.-".contains($0) }), rest[..<colon].first?.isLetter == true {
                let scheme = rest[..<colon].lowercased()
                guard scheme == "http" || scheme == "https" else { return nil }
                guard let absolute = internalPath(String(rest)) else { return nil }
                sitePath = absolute
            } else if rest.hasPrefix("//") {
                guard let absolute = internalPath(String(siteURL.origin.prefix { $0 != ":" }) + ":" + rest) else { return nil }
                sitePath = absolute
            } else if rest.hasPrefix("/") {
                sitePath = String(rest)
            } else if rest.isEmpty {
                sitePath = "/" + page  // a fragment-only link: this page
            } else {
                let folder = page.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
                sitePath = siteURL.basePath + (folder.isEmpty ? "" : folder + "/") + rest
            }
            if !rest.isEmpty {
                guard sitePath.hasPrefix(siteURL.basePath) || sitePath + "/" == siteURL.basePath else {
                    return "link '\(reference)' points outside the site's base path \(siteURL.basePath)"
                }
                sitePath = "/" + sitePath.dropFirst(min(siteURL.basePath.count, sitePath.count))
            }
            guard let normalized = Self.normalize(sitePath) else {
                return "link '\(reference)' leads above the site's root"
            }
            guard let target = resolve(normalized) else {
                let what = isImage ? "missing image" : "broken link"
                return "\(what) '\(reference)': nothing in the output at \(normalized)"
            }
            if let fragment, !fragment.isEmpty, fragment != "top", !fragment.hasPrefix(":~:"), let ids = idsOf[target] {
                let id = fragment.removingPercentEncoding ?? fragment
                if !ids.contains(id) {
                    return "broken anchor '\(reference)': \(target) has no element with id '\(id)'"
                }
            }
            return nil
        }

        /// The site path of an absolute URL of this site (`/x/` below the base path), or nil.
        func internalPath(_ url: String) -> String? {
            guard let schemeEnd = url.range(of: "://") else { return nil }
            let rest = url[schemeEnd.upperBound...]
            let authority = rest.prefix { $0 != "/" }.lowercased()
            let ourAuthority = siteURL.origin[siteURL.origin.range(of: "://")!.upperBound...].lowercased()
            guard authority == ourAuthority else { return nil }
            let path = rest.dropFirst(authority.count)
            return path.isEmpty ? "/" : String(path)
        }

        /// The output file a site path is served from, or nil.
        func resolve(_ path: String) -> String? {
            let decoded = path.removingPercentEncoding ?? path
            let relative = String(decoded.dropFirst())
            if relative.isEmpty || relative.hasSuffix("/") {
                let index = relative + "index.html"
                return files.contains(index) ? index : nil
            }
            if files.contains(relative) { return relative }
            if files.contains(relative + "/index.html") { return relative + "/index.html" }
            return nil
        }

        /// Removes `.` and `..` segments; nil when `..` climbs above the root.
        static func normalize(_ path: String) -> String? {
            var segments: [Substring] = []
            let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            for (offset, part) in parts.enumerated() {
                let isLast = offset == parts.count - 1
                switch part {
                case ".": if isLast { segments.append("") }
                case "..":
                    guard !segments.isEmpty else { return nil }
                    segments.removeLast()
                    if isLast { segments.append("") }
                default: segments.append(part)
                }
            }
            return "/" + segments.joined(separator: "/")
        }
    }

    /// The URLs of a `srcset` value (`a.jpg 1x, b.jpg 2x`).
    static func srcsetURLs(_ value: String) -> [String] {
        value.split(separator: ",").compactMap { candidate in
            candidate.split(whereSeparator: \.isWhitespace).first.map(String.init)
        }
    }

    /// Output-relative paths of every regular file, sorted.
    static func files(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        let prefix = folder.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        var paths: [String] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let full = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard full.hasPrefix(prefix) else { continue }
            paths.append(String(full.dropFirst(prefix.count)))
        }
        return paths.sorted()
    }
}
