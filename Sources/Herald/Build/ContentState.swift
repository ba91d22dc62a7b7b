import Foundation

/// What an incremental build reuses from the previous one, kept beside the
/// output folder (`.Public.herald-content`): every content file's metadata
/// with its decoded front matter, the order in which the site listed the
/// published items, and for every output file the content files whose body
/// it showed.
///
/// Rendered bodies are not kept: they are most of a site's bytes, and an
/// edit needs few of them. A build after editing one article re-reads that
/// file, renders the outputs that showed its body, and renders from source
/// only the other bodies those outputs show (their recorded sources). This
/// holds provided nothing that every page may show has changed: the
/// configuration, the templates, and each item's metadata (title, date, URL,
/// terms, image, …), compared file by file for the files read again; then
/// the site is the previous one with those files' items in place of theirs
/// (see `IncrementalBuild`). Otherwise the build renders everything.
///
/// Reading and writing the file: `ContentStateFile.swift`.
struct ContentState: Sendable {
    static let magic = "herald-content 13"

    init(settings: BuildSettings) {
        self.settings = settings
    }

    /// A content file as the previous build read it.
    struct Record: Sendable {
        var path: String
        var metadata: FileMetadata
        /// The item as the site held it (with its URL) when it was published;
        /// as decoded from front matter otherwise. Without its body (see
        /// `withoutBody`).
        var item: ContentItem
        var published: Bool
        var extraTerms: [String: [String]]
        var warnings: [Diagnostic]
    }

    /// Digests of site.yml, Templates/, author files, static files,
    /// options and version.
    var settings: BuildSettings
    /// Every content file's record, sorted by path.
    var records: [Record] = []
    /// The published articles, newest first, and pages, by title: the
    /// site's order, as indices into `records`.
    var articleOrder: [Int] = []
    var pageOrder: [Int] = []
    /// For each output file: the content files whose body it showed.
    var dependencies = DependencyTable()
    /// The file this state was loaded from, and where in it each record is:
    /// a build that reuses a record unchanged copies its bytes.
    var file: [UInt8] = []
    var encodedRecords: [Range<Int>] = []

    static func location(of output: URL) -> String {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().path + "/.\(output.lastPathComponent).herald-content"
    }

    /// Whether a listed source is an article or page (what `ContentLoader`
    /// reads, and what has a record).
    static func isContentFile(_ path: String) -> Bool {
        (path.hasPrefix("Content/articles/") || path.hasPrefix("Content/pages/")) && SourceFiles.isContent(path)
    }

    /// The record of one content file of a build: its item as published
    /// (`nil` when it is not), or as decoded, without its body.
    static func record(of draft: ContentDraft, published: ContentItem?, content: LoadedContent, startedAt: Double) -> Record {
        let path = draft.item.sourcePath
        var fileMetadata = content.metadata[path] ?? FileMetadata(size: -1, seconds: 0, nanoseconds: 0, inode: 0)
        // File times are coarse: a file written just before it was read
        // could change again without its size, time or inode showing it
        // (git's "racily clean" problem). Such a record is kept but never
        // matches, so the next build reads the file again.
        if fileMetadata.modified >= startedAt - 2 {
            fileMetadata.size = -1
        }
        return Record(
            path: path, metadata: fileMetadata, item: ContentItemFields.withoutBody(published ?? draft.item), published: published != nil,
            extraTerms: draft.extraTerms, warnings: content.warnings[path] ?? [])
    }

    /// The index of the record of `path`.
    func index(of path: String) -> Int? {
        records.sortedIndex(of: path) { $0.path }
    }

    /// The records of the content files whose size, time or inode differ
    /// from `listed` (sorted by path, from `BuildCache.inputFiles`), with
    /// the file as listed; `nil` when a content file was added or removed.
    func changedRecords(listed: [BuildCache.SourceFile]) -> [(record: Int, file: BuildCache.SourceFile)]? {
        var position = 0
        var changed: [(record: Int, file: BuildCache.SourceFile)] = []
        for file in listed where Self.isContentFile(file.path) {
            guard position < records.count, records[position].path == file.path else { return nil }
            if file.metadata != records[position].metadata { changed.append((position, file)) }
            position += 1
        }
        return position == records.count ? changed : nil
    }

    /// Which records are among `indices`, as flags by record index.
    func flags(_ indices: some Sequence<Int>) -> [Bool] {
        var flags = Array(repeating: false, count: records.count)
        for index in indices { flags[index] = true }
        return flags
    }

    /// The positions in `dependencies` of the outputs that showed the body
    /// of one of the records `changed`, or read one of the data files `data`
    /// (paths; sources of the table that are no record).
    func outputs(showing changed: [Int], data: Set<String> = []) -> [Int] {
        guard !changed.isEmpty || !data.isEmpty else { return [] }
        var shown = flags(changed)
        if !data.isEmpty, dependencies.names.count > shown.count {
            shown += dependencies.names[shown.count...].map(data.contains)
        }
        return dependencies.outputs(showing: shown)
    }

    /// The records, besides the `changed` ones, whose bodies the outputs
    /// showing a changed one (or reading a changed data file) showed: what
    /// rendering those outputs again needs.
    func bodiesNeeded(changed: [Int], data: Set<String> = []) -> [Int] {
        var needed = flags([])
        for output in outputs(showing: changed, data: data) {
            for source in dependencies.sources(at: output) where Int(source) < records.count {
                needed[Int(source)] = true
            }
        }
        for index in changed { needed[index] = false }
        return needed.indices.filter { needed[$0] }
    }
}
