import Foundation

/// `herald new`: a new article or page with its front matter filled in.
public enum ContentScaffold {
    public enum Kind: Sendable {
        case article, page
    }

    /// Writes `Content/articles/YYYY-MM-DD-slug.md` (or `Content/pages/slug.md`)
    /// into the site at `root` and returns its URL. The date is `now` in the
    /// site's time zone; an existing file is never overwritten.
    public static func create(title: String, kind: Kind, root: URL, now: Date = BuildOptions.defaultNow()) throws(DiagnosticError) -> URL {
        let config = try SiteConfigLoader.load(root: root)
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        let slug = Slug.make(trimmed)
        guard !slug.isEmpty else {
            throw DiagnosticError([.error("the title '\(title)' has no letters or digits to make a file name from", at: "command line")])
        }
        let stamp = timestamp(now, in: config.timeZone)
        let relative: String
        switch kind {
        case .article: relative = "Content/articles/\(stamp.prefix(10))-\(slug).md"
        case .page: relative = "Content/pages/\(slug).md"
        }
        let url = root.appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: url.path) {
            throw DiagnosticError([.error("the file already exists; choose another title or edit it", at: relative)])
        }
        var text = "---\n"
        text += "title: \(yamlString(trimmed))\n"
        if kind == .article {
            // A page is not dated, bylined or tagged: it gets only the keys a page uses.
            text += "date: \(stamp)\n"
            text += "author: \(yamlString(config.author.name))\n"
            text += "tags: []\n"
            text += "categories: []\n"
        }
        text += "draft: true\n"
        text += "---\n\n"
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // `withoutOverwriting` closes the race between the check above and the write.
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            throw DiagnosticError([.error("cannot write the file: \(error.localizedDescription)", at: relative)])
        }
        return url
    }

    /// `2025-07-04T09:14:00-04:00`: RFC 3339 in `zone`, with its offset at that instant.
    public static func timestamp(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = zone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        func two(_ value: Int?) -> String { let v = value ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        let year = String(parts.year ?? 1970)
        let paddedYear = String(repeating: "0", count: max(0, 4 - year.count)) + year
        return "\(paddedYear)-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))\(sign)\(two(minutes / 60)):\(two(minutes % 60))"
    }

    /// A YAML double-quoted scalar, so any title (with `:` or `#`) stays a string.
    static func yamlString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
