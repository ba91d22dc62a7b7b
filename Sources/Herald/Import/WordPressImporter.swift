import Foundation

/// `herald import wordpress`: a new Herald site from a WordPress export
/// (DESIGN §9). Posts become `.html` articles, pages `.html` pages, with
/// their authors, terms, excerpts, statuses and every old address (the
/// permalink and `/?p=ID`) as aliases. The site is written into a temporary
/// folder beside the destination and moved into place at the end, so a
/// failed import leaves nothing half-written.
public struct WordPressImporter {
    public let export: URL
    public let destination: URL
    /// A copy of the old site's `wp-content/uploads`, or nil to leave media at their URLs.
    public let uploads: URL?

    public init(export: URL, destination: URL, uploads: URL? = nil) {
        self.export = export
        self.destination = destination
        self.uploads = uploads
    }

    /// Runs the import; the report says what was written and what was not.
    public func run() throws(DiagnosticError) -> ImportReport {
        let fileManager = FileManager.default
        let exportPath = export.path
        guard fileManager.fileExists(atPath: exportPath) else {
            throw DiagnosticError([.error("no such file: give the path of the export (Tools → Export in WordPress)", at: exportPath)])
        }
        if let contents = try? fileManager.contentsOfDirectory(atPath: destination.path), !contents.isEmpty {
            throw DiagnosticError([.error("the folder is not empty: import into a new folder", at: destination.path)])
        }
        var uploadsFolder = uploads
        if let folder = uploads {
            var isFolder: ObjCBool = false
            guard fileManager.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
                throw DiagnosticError([.error("no such folder: give --uploads a copy of the old site's wp-content/uploads", at: folder.path)])
            }
            // A copy of the whole wp-content (or of the WordPress folder) is taken too.
            for inner in ["uploads", "wp-content/uploads"] {
                let candidate = folder.appendingPathComponent(inner)
                if fileManager.fileExists(atPath: candidate.path, isDirectory: &isFolder), isFolder.boolValue { uploadsFolder = candidate }
            }
        }
        let staging = destination.deletingLastPathComponent().appendingPathComponent(".herald-import-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: staging) }
        var report = ImportReport()
        do {
            let attachments = try Self.attachments(in: exportPath)
            var writer = WordPressSiteWriter(root: staging, attachments: attachments, uploads: uploadsFolder)
            guard let reader = WXRReader(path: exportPath) else {
                throw WXRReader.Failure(message: "cannot open the export", line: 0)
            }
            try reader.read(channel: { writer.channel = $0 }) { item, authors in
                try writer.write(item, authors: authors, report: &report)
            }
            try writer.finish(report: &report)
        } catch let failure as WXRReader.Failure {
            throw DiagnosticError([.error(failure.message, at: exportPath, line: failure.line, column: failure.line > 0 ? 1 : 0)])
        } catch {
            throw DiagnosticError([.error("cannot write the site: \(error)", at: staging.path)])
        }
        do {
            if fileManager.fileExists(atPath: destination.path) { try fileManager.removeItem(at: destination) }
            try fileManager.moveItem(at: staging, to: destination)
        } catch {
            throw DiagnosticError([.error("cannot move the imported site into place: \(error)", at: destination.path)])
        }
        return report
    }

    /// Each attachment's URL, alt text and caption by post id: a featured
    /// image may come later in the export than its post, so a first pass
    /// (as streaming as the second) collects them.
    static func attachments(in path: String) throws -> [String: WordPressSiteWriter.Attachment] {
        guard let reader = WXRReader(path: path) else { throw WXRReader.Failure(message: "cannot open the export", line: 0) }
        var found: [String: WordPressSiteWriter.Attachment] = [:]
        try reader.read(channel: { _ in }) { item, _ in
            guard item.fields["wp:post_type"] == "attachment", let id = item.fields["wp:post_id"], let url = item.fields["wp:attachment_url"] else { return }
            found[id] = .init(
                url: url, alt: item.meta["_wp_attachment_image_alt"], caption: item.fields["excerpt:encoded"].flatMap { $0.isEmpty ? nil : $0 },
                parent: item.fields["wp:post_parent"], order: Int(item.fields["wp:menu_order"] ?? "") ?? 0)
        }
        return found
    }
}

/// What an import did: counts per kind, what was skipped and why, and
/// each shortcode left unconverted with its post.
public struct ImportReport: Sendable {
    public var articles = 0
    public var drafts = 0
    public var pages = 0
    public var attachments = 0
    public var aliases = 0
    public var authors = 0
    public var terms = 0
    /// `(what, why)` of every item not imported.
    public var skipped: [(item: String, reason: String)] = []
    /// `(post, shortcode)` of every shortcode left visible.
    public var shortcodes: [(post: String, name: String)] = []
    /// `(post, problem)` of every image that could not be brought along.
    public var media: [(post: String, problem: String)] = []
    /// Renamed slugs and other changes worth checking.
    public var notes: [String] = []
    /// Files copied from `--uploads`; nil without it.
    public var uploadsCopied: Int?

    public var lines: [String] {
        var lines = ["Imported \(articles) articles (\(drafts) of them drafts), \(pages) pages, \(authors) authors, \(terms) terms, \(aliases) old addresses as aliases; " + (uploadsCopied.map { "\(attachments) attachments; \($0) files copied from the uploads folder into Content/static/." } ?? "\(attachments) attachments left at their URLs.")]
        if !skipped.isEmpty {
            lines.append("Not imported (\(skipped.count)):")
            lines += skipped.map { "  \($0.item): \($0.reason)" }
        }
        if !shortcodes.isEmpty {
            lines.append("Shortcodes left as they were (\(shortcodes.count)); edit these posts:")
            lines += shortcodes.map { "  [\($0.name)] in \($0.post)" }
        }
        if !media.isEmpty {
            lines.append("Media to check (\(media.count)):")
            lines += media.map { "  \($0.post): \($0.problem)" }
        }
        lines += notes
        return lines
    }
}
