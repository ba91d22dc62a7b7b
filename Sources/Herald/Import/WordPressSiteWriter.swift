import Foundation

/// Writes the files of an imported site, one WordPress item at a time.
struct WordPressSiteWriter {
    struct Attachment {
        var url: String
        var alt: String?
        var caption: String?
        /// The post it was uploaded to, and its place among that post's media.
        var parent: String? = nil
        var order = 0
    }

    let root: URL
    let attachments: [String: Attachment]
    private let gallery: WordPressGallery
    var channel = WXRReader.Item() {
        didSet {
            for key in ["link", "wp:base_site_url", "wp:base_blog_url"] { uploads?.addSite(channel.fields[key]) }
        }
    }
    /// With `--uploads`, the media the posts use are copied into the site.
    private(set) var uploads: WordPressUploads?
    private var slugs: [String: Set<String>] = ["article": [], "page": []]
    private var authorNames: Set<String> = []
    private var terms: Set<String> = []

    init(root: URL, attachments: [String: Attachment], uploads: URL? = nil) {
        self.root = root
        self.uploads = uploads.map { WordPressUploads(folder: $0, staticFolder: root.appendingPathComponent("Content/static")) }
        self.attachments = attachments
        self.gallery = WordPressGallery(attachments: attachments)
    }

    mutating func write(_ item: WXRReader.Item, authors: [String: String], report: inout ImportReport) throws {
        let fields = item.fields
        let id = fields["wp:post_id"] ?? "?"
        let label = "item \(id) (line \(item.line))"
        guard let type = fields["wp:post_type"], !type.isEmpty else {
            report.skipped.append((label, "it has no post type"))
            return
        }
        switch type {
        case "post", "page": break
        case "attachment":
            report.attachments += 1
            return
        case "nav_menu_item":
            report.skipped.append((label, "a menu item: menus are the theme's (Templates/)"))
            return
        default:
            report.skipped.append((label, "post type '\(type)' is not imported"))
            return
        }
        let status = fields["wp:status"] ?? "publish"
        guard ["publish", "draft", "pending", "private", "future"].contains(status) else {
            report.skipped.append((label, "status '\(status)'"))
            return
        }
        let kind = type == "post" ? "article" : "page"
        let content = fields["content:encoded"] ?? ""
        var body = WordPressBody.convert(content, gallery: gallery, post: id)
        var mediaProblems: [String] = []
        body.html = try uploads?.rewrite(body.html, problems: &mediaProblems) ?? body.html
        let date = Self.date(local: fields["wp:post_date"], gmt: fields["wp:post_date_gmt"])
        var title = PlainText.fromHTML(fields["title"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var slugSource = title
        if title.isEmpty {
            let words = PlainText.fromHTML(body.html).split(separator: " ").prefix(6).joined(separator: " ")
            slugSource = words
            title = [date.map { String($0.prefix(10)) }, words.isEmpty ? nil : words].compactMap { $0 }.joined(separator: ": ")
            if title.isEmpty { title = "Untitled \(id)" }
            report.notes.append("\(label) has no title; it is now '\(title)'")
        }
        let postName = fields["wp:post_name"].flatMap { $0.removingPercentEncoding ?? $0 } ?? ""
        var slug = Slug.make(postName.isEmpty ? slugSource : postName)
        if slug.isEmpty { slug = "\(kind)-\(id)" }
        let year = date.map { String($0.prefix(4)) } ?? "0000"
        let month = date.map { String($0.dropFirst(5).prefix(2)) } ?? "00"
        // Slugs are unique per month for articles (their URLs hold the month), and site-wide for pages.
        let scope = kind == "article" ? "\(year)/\(month)" : "pages"
        var unique = slug
        var number = 2
        while slugs[scope, default: []].contains(unique) {
            unique = "\(slug)-\(number)"
            number += 1
        }
        if unique != slug { report.notes.append("\(label): slug '\(slug)' was taken; it is '\(unique)'") }
        slug = unique
        slugs[scope, default: []].insert(slug)

        var front: [(String, String)] = [("title", Self.quoted(title))]
        if kind == "article" {
            guard let date else {
                report.skipped.append((label, "it has no date"))
                return
            }
            front.append(("date", Self.quoted(date)))
            if let modified = Self.date(local: fields["wp:post_modified"], gmt: fields["wp:post_modified_gmt"]), modified > date {
                front.append(("updated", Self.quoted(modified)))
            }
        }
        if let login = fields["dc:creator"], !login.isEmpty {
            let name = authors[login] ?? login
            authorNames.insert(name)
            front.append(("author", Self.quoted(name)))
        }
        let categories = item.categories.filter { $0.domain == "category" }.map(\.name)
        let tags = item.categories.filter { $0.domain == "post_tag" }.map(\.name)
        if kind == "article" {
            if !categories.isEmpty { front.append(("categories", Self.list(categories))) }
            if !tags.isEmpty { front.append(("tags", Self.list(tags))) }
            for term in categories { terms.insert("c:" + term) }
            for term in tags { terms.insert("t:" + term) }
        }
        front.append(("slug", Self.quoted(slug)))
        if let excerpt = fields["excerpt:encoded"], !excerpt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            front.append(("summary", Self.quoted(PlainText.fromHTML(excerpt))))
        }
        if ["draft", "pending", "private"].contains(status) {
            front.append(("draft", "true"))
            report.drafts += 1
        }
        if fields["wp:is_sticky"] == "1" { front.append(("sticky", "true")) }
        if let thumbnail = item.meta["_thumbnail_id"], let image = attachments[thumbnail] {
            let url = try uploads?.sitePath(of: image.url, problems: &mediaProblems) ?? image.url
            front.append(("image", Self.quoted(url)))
            if let alt = image.alt, !alt.isEmpty { front.append(("image_alt", Self.quoted(alt))) }
            if let caption = image.caption { front.append(("image_caption", Self.quoted(PlainText.fromHTML(caption)))) }
        }
        let newPath = kind == "article" ? "/\(year)/\(month)/\(slug)/" : "/\(slug)/"
        var aliases: [String] = []
        if let link = fields["link"], let path = Self.path(of: link, base: channel.fields["link"] ?? ""), path != newPath, path != "/" {
            aliases.append(path)
        }
        aliases.append(kind == "article" ? "/?p=\(id)" : "/?page_id=\(id)")
        front.append(("aliases", Self.list(aliases)))
        report.aliases += aliases.count
        if item.comments > 0 { report.notes.append("\(label): \(item.comments) comments not imported") }
        for name in body.unknownShortcodes { report.shortcodes.append(("\(kind) '\(title)' (\(id))", name)) }
        for missing in body.missingMedia {
            report.media.append(("\(kind) '\(title)' (\(id))", "[gallery] names attachment \(missing), which the export does not have; it is left out"))
        }
        if body.emptyGalleries > 0 {
            report.media.append(("\(kind) '\(title)' (\(id))", "[gallery] names no images and none were uploaded to the post; it is left out"))
        }
        for problem in mediaProblems { report.media.append(("\(kind) '\(title)' (\(id))", problem)) }

        let file = kind == "article" ? "Content/articles/\(year)/\(year)-\(month)-\(slug).html" : "Content/pages/\(slug).html"
        var text = "---\n"
        for (key, value) in front { text += "\(key): \(value)\n" }
        // An imported page is HTML; as a file in Content/pages/ it is a template page.
        text += "---\n" + (kind == "article" ? body.html : TemplatePageSource.literal(body.html))
        try writeFile(file, text)
        if kind == "article" { report.articles += 1 } else { report.pages += 1 }
    }

    mutating func finish(report: inout ImportReport) throws {
        let fields = channel.fields
        var url = fields["link"] ?? fields["wp:base_blog_url"] ?? "https://example.org/"
        if SiteURL(url) == nil { url = "https://example.org/" }
        if !url.hasSuffix("/") { url += "/" }
        var yaml = "# Imported from a WordPress export by herald import wordpress.\n"
        yaml += "title: \(Self.quoted((fields["title"] ?? "").isEmpty ? "Imported site" : fields["title"]!))\n"
        yaml += "url: \(Self.quoted(url))\n"
        if let description = fields["description"], !description.isEmpty { yaml += "description: \(Self.quoted(description))\n" }
        if let language = fields["language"], !language.isEmpty { yaml += "language: \(Self.quoted(language))\n" }
        yaml += "timezone: UTC\n"
        try writeFile("site.yml", yaml)
        for (path, bytes) in SiteScaffold.embeddedTheme() {
            try writeFile("Templates/" + path, String(decoding: bytes, as: UTF8.self))
        }
        try writeFile("Public/.gitkeep", "")
        report.authors = authorNames.count
        report.terms = terms.count
        report.uploadsCopied = uploads?.count
    }

    private func writeFile(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// `2019-05-02 10:00:00` with the offset that `post_date_gmt` implies
    /// (the export's timezone), as RFC 3339; without a GMT time (drafts),
    /// the local time alone.
    static func date(local: String?, gmt: String?) -> String? {
        guard let local, local.count >= 19, !local.hasPrefix("0000") else { return nil }
        let text = local.prefix(10) + "T" + local.dropFirst(11).prefix(8)
        guard let gmt, gmt.count >= 19, !gmt.hasPrefix("0000") else { return String(text) }
        guard let l = Self.minutes(local), let g = Self.minutes(gmt) else { return String(text) }
        let minutes = l - g
        if minutes == 0 { return text + "Z" }
        return text + String(format: "%@%02d:%02d", minutes < 0 ? "-" : "+", abs(minutes) / 60, abs(minutes) % 60)
    }

    /// Minutes since 1970 of `YYYY-MM-DD HH:MM:SS` read as UTC, by hand: a
    /// DateFormatter per post was a visible cost of an import.
    static func minutes(_ text: String) -> Int? {
        let parts = text.prefix(19).split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).compactMap { Int($0) }
        guard parts.count == 6 else { return nil }
        return CivilDate.days(year: parts[0], month: parts[1], day: parts[2]) * 1440 + parts[3] * 60 + parts[4]
    }

    /// The path of an old permalink on the old site, without its host.
    static func path(of link: String, base: String) -> String? {
        guard let url = URL(string: link.trimmingCharacters(in: .whitespaces)) ?? URL(string: link.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed) ?? "") else { return nil }
        var path = url.path.isEmpty ? "/" : url.path
        if link.hasSuffix("/") && !path.hasSuffix("/") { path += "/" }
        if let query = url.query { path += "?" + query }
        return path
    }

    /// A YAML double-quoted string, as `herald new` writes titles.
    static func quoted(_ text: String) -> String {
        ContentScaffold.yamlString(text)
    }

    static func list(_ values: [String]) -> String {
        "[" + values.map(quoted).joined(separator: ", ") + "]"
    }
}
