import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What an incremental build reuses from the previous one, kept beside the
/// output folder (`.Public.herald-content`): every content file's metadata
/// with its decoded front matter, and for every output file the content
/// files whose body it showed.
///
/// Rendered bodies are not kept: they are most of a site's bytes, and an
/// edit needs few of them. A build after editing one article re-reads that
/// file, renders the outputs that showed its body, and renders from source
/// only the other bodies those outputs show (their recorded sources). This
/// holds provided nothing that every page may show has changed: the
/// configuration, the templates, and each item's metadata (title, date, URL,
/// terms, image, …), compared file by file for the files read again.
/// Otherwise the build renders everything.
struct ContentState: Sendable {
    static let magic = "herald-content 3"

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

    /// Digest of site.yml, Templates/, author files, options and version.
    var settings: UInt64 = 0
    var records: [String: Record] = [:]
    /// For each output file: the content files whose body it showed.
    var dependencies: [String: [String]] = [:]
    /// The file this state was loaded from, and where in it each record is:
    /// a build that reuses a record unchanged copies its bytes.
    private var file: [UInt8] = []
    private var encodedRecords: [String: Range<Int>] = [:]

    static func location(of output: URL) -> String {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().path + "/.\(output.lastPathComponent).herald-content"
    }

    /// Digest of what every page may show besides content bodies.
    static func settingsDigest(options: BuildOptions, files: [BuildCache.SourceFile]) -> UInt64 {
        // Static files count too: feeds give the size of lead images.
        BuildCache.sourcesDigest(options: options, files: files, folders: ["Templates", "Content/authors", "Content/static"]).digest
    }

    /// `item` without what is rendered from its Markdown body (the body,
    /// summary and word count), which the state does not keep.
    static func withoutBody(_ item: ContentItem) -> ContentItem {
        var item = item
        item.contentHTML = ""
        item.summaryHTML = ""
        item.summaryText = ""
        item.wordCount = 0
        return item
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
            path: path, metadata: fileMetadata, item: withoutBody(published ?? draft.item), published: published != nil,
            extraTerms: draft.extraTerms, warnings: content.warnings[path] ?? [])
    }

    /// The outputs that showed the body of one of `files`.
    func outputs(showing files: Set<String>) -> Set<String> {
        guard !files.isEmpty else { return [] }
        // Usually one file or a few: comparing with them is cheaper than
        // hashing each of the sources of every output.
        let few = files.count <= 8 ? Array(files) : nil
        var outputs = Set<String>()
        for (output, sources) in dependencies where sources.contains(where: { few?.contains($0) ?? files.contains($0) }) {
            outputs.insert(output)
        }
        return outputs
    }

    /// The content files, besides the `changed` ones, whose bodies the
    /// outputs showing a changed file showed: what rendering those outputs
    /// again needs.
    func bodiesNeeded(changed: Set<String>) -> Set<String> {
        var needed = Set<String>()
        for output in outputs(showing: changed) {
            needed.formUnion(dependencies[output] ?? [])
        }
        return needed.subtracting(changed)
    }

    /// Whether the files of `content` read again show every other page what
    /// the previous build's did: the same items published, with the same
    /// metadata and terms. Items not read again are the records' own.
    func keepsMetadata(of site: Site, content: LoadedContent) -> Bool {
        let read = content.changed.union(content.reread)
        for draft in content.drafts where read.contains(draft.item.sourcePath) {
            guard records[draft.item.sourcePath]?.extraTerms == draft.extraTerms else { return false }
        }
        var publishedNow = 0
        for items in [site.articles, site.pages] {
            for item in items where read.contains(item.sourcePath) {
                guard let record = records[item.sourcePath], record.published,
                    Self.metadataDigest(of: item) == Self.metadataDigest(of: record.item)
                else { return false }
                publishedNow += 1
            }
        }
        return publishedNow == read.filter { records[$0]?.published == true }.count
    }

    /// Digest of everything about a published item that a page other than
    /// its own may show: all but the body, summary and word count, which
    /// renders record as dependencies instead.
    static func metadataDigest(of item: ContentItem) -> UInt64 {
        var digest = Digest()
        digest.add(item.sourcePath)
        digest.add(item.kind.rawValue)
        digest.add(item.path)
        digest.add(item.title)
        digest.add(item.slug)
        for date in [item.date, item.updated, item.expires] {
            digest.add(date.map { String($0.timeIntervalSince1970) } ?? "-")
        }
        for person in item.authors {
            digest.add(person.name)
            digest.add(person.email ?? "-")
            digest.add(person.uri ?? "-")
        }
        digest.add("|")
        for term in item.tags + ["|"] + item.categories { digest.add(term) }
        digest.add(item.standfirstHTML ?? "-")
        digest.add(item.image.map { [$0.src, $0.alt ?? "-", $0.caption ?? "-", $0.credit ?? "-"].joined(separator: "\u{0}") } ?? "-")
        digest.add(item.layout ?? "-")
        digest.add(item.canonical ?? "-")
        var writer = BinaryWriter(capacity: 64)
        ValueCoding.write(.map(item.params), to: &writer)
        digest.add(String(decoding: writer.bytes, as: UTF8.self))
        return digest.value
    }

    // MARK: Reading and writing

    /// The file: the magic line, `settings`, the records sorted by path,
    /// then for each output its sources, as indices into the records (a
    /// source that is no record, such as a copied static file, as -1 and
    /// its path), so that the many repeated paths cost a few bytes each.
    static func load(for output: URL) -> ContentState? {
        guard let bytes = try? FileSystem.readFile(location(of: output)) else { return nil }
        var reader = BinaryReader(bytes)
        do {
            guard try reader.string() == magic else { return nil }
            var state = ContentState()
            state.settings = try reader.uint64()
            var paths: [String] = []
            let count = try reader.int()
            state.records.reserveCapacity(max(0, min(count, bytes.count)))
            state.encodedRecords.reserveCapacity(max(0, min(count, bytes.count)))
            // Each record follows its length, so that all of them are found
            // first and then decoded on every core.
            var ranges: [Range<Int>] = []
            ranges.reserveCapacity(max(0, min(count, bytes.count)))
            for _ in 0..<count {
                let length = try reader.int()
                let start = reader.offset
                try reader.skip(length)
                ranges.append(start..<reader.offset)
            }
            let records = ranges.parallelMap { range -> Record? in
                var recordReader = BinaryReader(bytes, range: range)
                guard let record = try? readRecord(&recordReader), recordReader.isAtEnd else { return nil }
                return record
            }
            for (range, record) in zip(ranges, records) {
                guard let record else { return nil }
                paths.append(record.path)
                state.records[record.path] = record
                state.encodedRecords[record.path] = range
            }
            for _ in 0..<(try reader.int()) {
                let output = try reader.string()
                var sources: [String] = []
                for _ in 0..<(try reader.int()) {
                    let index = try reader.int()
                    if index == -1 {
                        sources.append(try reader.string())
                    } else {
                        guard paths.indices.contains(index) else { return nil }
                        sources.append(paths[index])
                    }
                }
                state.dependencies[output] = sources
            }
            guard reader.isAtEnd else { return nil }
            state.file = bytes
            return state
        } catch {
            return nil
        }
    }

    /// The start of the file up to the dependencies, with the paths of the
    /// records in the order written: what `save` finishes. Apart so that a
    /// build can encode it while it writes the outputs.
    ///
    /// With `previous`, the state an incremental build started from, the
    /// records of files it took from there unchanged are copied as they
    /// were encoded: nothing about them changed (the same metadata, and
    /// the same publication, or the build would not have been incremental).
    static func encode(settings: UInt64, content: LoadedContent, site: Site, startedAt: Double, previous: ContentState?)
        -> (bytes: [UInt8], paths: [String])
    {
        let read = content.changed.union(content.reread)
        func reused(_ path: String) -> Range<Int>? {
            read.contains(path) ? nil : previous?.encodedRecords[path]
        }
        var published: [String: ContentItem] = [:]
        for items in [site.articles, site.pages] {
            for item in items where reused(item.sourcePath) == nil { published[item.sourcePath] = item }
        }
        // A file without metadata vanished while it was read: no record.
        let order = content.drafts.indices.filter { content.metadata[content.drafts[$0].item.sourcePath] != nil }
            .sorted { content.drafts[$0].item.sourcePath < content.drafts[$1].item.sourcePath }
        var writer = BinaryWriter(capacity: previous?.file.count ?? content.drafts.count * 512 + 64)
        writer.write(Self.magic)
        writer.write(settings)
        writer.write(order.count)
        var paths: [String] = []
        paths.reserveCapacity(order.count)
        for index in order {
            let draft = content.drafts[index]
            let path = draft.item.sourcePath
            if let previous, let range = reused(path) {
                writer.write(range.count)
                writer.write(encoded: previous.file[range])
            } else {
                var recordWriter = BinaryWriter(capacity: 1024)
                write(record(of: draft, published: published[path], content: content, startedAt: startedAt), to: &recordWriter)
                writer.write(recordWriter.bytes.count)
                writer.write(encoded: recordWriter.bytes[...])
            }
            paths.append(path)
        }
        return (writer.bytes, paths)
    }

    /// Writes the state: `encoded` (from `encode`) and `dependencies`.
    static func save(_ encoded: (bytes: [UInt8], paths: [String]), dependencies: [String: [String]], for output: URL) {
        // Written to a temporary file, then renamed: a torn state never loads.
        let path = location(of: output)
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        var failed = false
        var writer = BinaryWriter { bytes in
            guard !failed else { return }
            do { try FileSystem.write(bytes, to: descriptor) } catch { failed = true }
        }
        do { try FileSystem.write(encoded.bytes, to: descriptor) } catch { failed = true }
        var index: [String: Int] = [:]
        index.reserveCapacity(encoded.paths.count)
        for (position, path) in encoded.paths.enumerated() { index[path] = position }
        writer.write(dependencies.count)
        // In no particular order: sorting 16,000 paths took longer than
        // writing them, and the order means nothing to `load`.
        for (output, sources) in dependencies {
            writer.write(output)
            writer.write(sources.count)
            for source in sources {
                if let position = index[source] {
                    writer.write(position)
                } else {
                    writer.write(-1)
                    writer.write(source)
                }
            }
        }
        writer.flush()
        close(descriptor)
        if failed || rename(temporary, path) != 0 { unlink(temporary) }
    }

    private static func write(_ record: Record, to writer: inout BinaryWriter) {
        writer.write(record.path)
        writer.write(record.metadata.size)
        writer.write(record.metadata.seconds)
        writer.write(record.metadata.nanoseconds)
        writer.write(record.metadata.inode)
        writer.write(record.published)
        let item = record.item
        writer.write(item.kind.rawValue)
        writer.write(item.sourcePath)
        writer.write(item.title)
        writer.write(item.slug)
        writer.write(item.date)
        writer.write(item.updated)
        writer.write(item.expires)
        writer.write(item.draft)
        writer.write(item.authors.count)
        for person in item.authors {
            writer.write(person.name)
            writer.write(person.email)
            writer.write(person.uri)
        }
        writer.write(item.tags)
        writer.write(item.categories)
        writer.write(item.standfirstHTML)
        writer.write(item.image != nil)
        if let image = item.image {
            writer.write(image.src)
            writer.write(image.alt)
            writer.write(image.caption)
            writer.write(image.credit)
        }
        writer.write(item.layout)
        writer.write(item.canonical)
        ValueCoding.write(.map(item.params), to: &writer)
        writer.write(item.path)
        writer.write(item.url)
        writer.write(item.permalink)
        writer.write(record.extraTerms.count)
        for (name, terms) in record.extraTerms.sorted(by: { $0.key < $1.key }) {
            writer.write(name)
            writer.write(terms)
        }
        writer.write(record.warnings)
    }

    private static func readRecord(_ reader: inout BinaryReader) throws(BinaryReader.Failure) -> Record {
        let path = try reader.string()
        let metadata = FileMetadata(size: try reader.int(), seconds: try reader.int(), nanoseconds: try reader.int(), inode: try reader.int())
        let published = try reader.bool()
        guard let kind = ContentItem.Kind(rawValue: try reader.string()) else { throw BinaryReader.Failure() }
        var item = ContentItem(kind: kind, sourcePath: try reader.string(), title: try reader.string(), slug: try reader.string())
        item.date = try reader.date()
        item.updated = try reader.date()
        item.expires = try reader.date()
        item.draft = try reader.bool()
        for _ in 0..<(try reader.int()) {
            item.authors.append(Person(name: try reader.string(), email: try reader.optionalString(), uri: try reader.optionalString()))
        }
        item.tags = try reader.strings()
        item.categories = try reader.strings()
        item.standfirstHTML = try reader.optionalString()
        if try reader.bool() {
            item.image = LeadImage(src: try reader.string(), alt: try reader.optionalString(), caption: try reader.optionalString(), credit: try reader.optionalString())
        }
        item.layout = try reader.optionalString()
        item.canonical = try reader.optionalString()
        guard case .map(let params) = try ValueCoding.read(&reader) else { throw BinaryReader.Failure() }
        item.params = params
        item.path = try reader.string()
        item.url = try reader.string()
        item.permalink = try reader.string()
        var extraTerms: [String: [String]] = [:]
        for _ in 0..<(try reader.int()) {
            extraTerms[try reader.string()] = try reader.strings()
        }
        return Record(path: path, metadata: metadata, item: item, published: published, extraTerms: extraTerms, warnings: try reader.warnings())
    }
}

/// Size, modification time and inode of a file: what tells that it changed.
struct FileMetadata: Equatable, Sendable {
    var size: Int
    var seconds: Int
    var nanoseconds: Int
    var inode: Int

    init(size: Int, seconds: Int, nanoseconds: Int, inode: Int) {
        self.size = size
        self.seconds = seconds
        self.nanoseconds = nanoseconds
        self.inode = inode
    }

    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.init(status)
    }

    /// The modification time, in seconds since 1970.
    var modified: Double {
        Double(seconds) + Double(nanoseconds) / 1e9
    }

    init(_ status: stat) {
        self.init(size: Int(status.st_size), seconds: Int(status.st_mtim.tv_sec), nanoseconds: Int(status.st_mtim.tv_nsec), inode: Int(status.st_ino))
    }
}

/// Template values in the binary cache (front-matter `params`).
enum ValueCoding {
    static func write(_ value: Value, to writer: inout BinaryWriter) {
        switch value {
        case .none: writer.write(0)
        case .bool(let flag): writer.write(1); writer.write(flag)
        case .int(let number): writer.write(2); writer.write(number)
        case .double(let number): writer.write(3); writer.write(number)
        case .string(let text): writer.write(4); writer.write(text)
        case .html(let text): writer.write(5); writer.write(text)
        case .date(let date): writer.write(6); writer.write(date.timeIntervalSince1970)
        case .list(let values):
            writer.write(7)
            writer.write(values.count)
            for element in values { write(element, to: &writer) }
        case .map(let dictionary):
            writer.write(8)
            writer.write(dictionary.count)
            for (key, element) in dictionary.sorted(by: { $0.key < $1.key }) {
                writer.write(key)
                write(element, to: &writer)
            }
        case .object:
            // Front matter never holds computed objects.
            writer.write(0)
        }
    }

    static func read(_ reader: inout BinaryReader) throws(BinaryReader.Failure) -> Value {
        switch try reader.int() {
        case 0: return .none
        case 1: return .bool(try reader.bool())
        case 2: return .int(try reader.int())
        case 3: return .double(try reader.double())
        case 4: return .string(try reader.string())
        case 5: return .html(try reader.string())
        case 6: return .date(Date(timeIntervalSince1970: try reader.double()))
        case 7:
            var values: [Value] = []
            for _ in 0..<(try reader.int()) { values.append(try read(&reader)) }
            return .list(values)
        case 8:
            var dictionary: [String: Value] = [:]
            for _ in 0..<(try reader.int()) {
                let key = try reader.string()
                dictionary[key] = try read(&reader)
            }
            return .map(dictionary)
        default:
            throw BinaryReader.Failure()
        }
    }
}
