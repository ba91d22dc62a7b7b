import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What an incremental build reuses from the previous one, kept beside the
/// output folder (`.Public.herald-content`): every content file's metadata
/// with its decoded front matter and rendered Markdown, and for every output
/// file the content files whose body it showed.
///
/// With it, a build after editing one article re-reads only that file and
/// renders only the outputs that showed its body, provided nothing that every
/// page may show has changed: the configuration, the templates, and each
/// item's metadata (title, date, URL, terms, image, …), summarized in
/// `metadata`. Otherwise the build renders everything.
struct ContentState {
    static let magic = "herald-content 1"

    /// A content file as the previous build read it.
    struct Record {
        var path: String
        var metadata: FileMetadata
        /// The item as the site held it (rendered, with its URL) when it was
        /// published; as decoded from front matter otherwise.
        var item: ContentItem
        var published: Bool
        var extraTerms: [String: [String]]
        var warnings: [Diagnostic]
    }

    /// Digest of site.yml, Templates/, author files, options and version.
    var settings: UInt64 = 0
    /// Digest of every published item's metadata (see `metadataDigest`).
    var metadata: UInt64 = 0
    var records: [String: Record] = [:]
    /// For each output file: the content files whose body it showed.
    var dependencies: [String: [String]] = [:]

    static func location(of output: URL) -> String {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().path + "/.\(output.lastPathComponent).herald-content"
    }

    /// Digest of what every page may show besides content bodies.
    static func settingsDigest(options: BuildOptions) -> UInt64 {
        // Static files count too: feeds give the size of lead images.
        BuildCache.sourcesDigest(options: options, folders: ["Templates", "Content/authors", "Content/static"]).digest
    }

    /// Digest of everything about the published items that a page other than
    /// an item's own may show: all but the body, summary and word count,
    /// which renders record as dependencies instead.
    static func metadataDigest(_ site: Site) -> UInt64 {
        var digest = Digest()
        for item in site.articles + site.pages {
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
        }
        return digest.value
    }

    // MARK: Reading and writing

    static func load(for output: URL) -> ContentState? {
        guard let data = FileManager.default.contents(atPath: location(of: output)) else { return nil }
        var reader = BinaryReader([UInt8](data))
        do {
            guard try reader.string() == magic else { return nil }
            var state = ContentState()
            state.settings = try reader.uint64()
            state.metadata = try reader.uint64()
            for _ in 0..<(try reader.int()) {
                let record = try readRecord(&reader)
                state.records[record.path] = record
            }
            for _ in 0..<(try reader.int()) {
                let output = try reader.string()
                state.dependencies[output] = try reader.strings()
            }
            return reader.isAtEnd ? state : nil
        } catch {
            return nil
        }
    }

    func save(for output: URL) {
        // Written to a temporary file, then renamed: a torn state never loads.
        let path = Self.location(of: output)
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        var failed = false
        var writer = BinaryWriter { bytes in
            guard !failed else { return }
            do { try FileSystem.write(bytes, to: descriptor) } catch { failed = true }
        }
        writer.write(Self.magic)
        writer.write(settings)
        writer.write(metadata)
        writer.write(records.count)
        for path in records.keys.sorted() {
            Self.write(records[path]!, to: &writer)
        }
        writer.write(dependencies.count)
        for (output, sources) in dependencies.sorted(by: { $0.key < $1.key }) {
            writer.write(output)
            writer.write(sources)
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
        writer.write(item.summaryHTML)
        writer.write(item.summaryText)
        writer.write(item.standfirstHTML)
        writer.write(item.contentHTML)
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
        writer.write(item.wordCount)
        writer.write(item.path)
        writer.write(item.url)
        writer.write(item.permalink)
        writer.write(record.extraTerms.count)
        for (name, terms) in record.extraTerms.sorted(by: { $0.key < $1.key }) {
            writer.write(name)
            writer.write(terms)
        }
        writer.write(record.warnings.count)
        for warning in record.warnings {
            writer.write(warning.path)
            writer.write(warning.line)
            writer.write(warning.column)
            writer.write(warning.message)
        }
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
        item.summaryHTML = try reader.string()
        item.summaryText = try reader.string()
        item.standfirstHTML = try reader.optionalString()
        item.contentHTML = try reader.string()
        if try reader.bool() {
            item.image = LeadImage(src: try reader.string(), alt: try reader.optionalString(), caption: try reader.optionalString(), credit: try reader.optionalString())
        }
        item.layout = try reader.optionalString()
        item.canonical = try reader.optionalString()
        guard case .map(let params) = try ValueCoding.read(&reader) else { throw BinaryReader.Failure() }
        item.params = params
        item.wordCount = try reader.int()
        item.path = try reader.string()
        item.url = try reader.string()
        item.permalink = try reader.string()
        var extraTerms: [String: [String]] = [:]
        for _ in 0..<(try reader.int()) {
            extraTerms[try reader.string()] = try reader.strings()
        }
        var warnings: [Diagnostic] = []
        for _ in 0..<(try reader.int()) {
            let path = try reader.string()
            let line = try reader.int()
            let column = try reader.int()
            warnings.append(.warning(try reader.string(), at: path, line: line, column: column))
        }
        return Record(path: path, metadata: metadata, item: item, published: published, extraTerms: extraTerms, warnings: warnings)
    }
}

/// Size, modification time and inode of a file: what tells that it changed.
struct FileMetadata: Equatable {
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
