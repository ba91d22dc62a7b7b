import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The content state's file: the magic line, `settings`, the records sorted
/// by path (each after its length, so that all of them are found first and
/// then decoded on every core), the site's order of articles and pages, the
/// dependencies (see `DependencyTable.write`), then the `Checksum` of all
/// that: a file damaged anywhere is not used.
extension ContentState {
    /// The file up to the dependencies, with the paths of the records in the
    /// order written: what `save` finishes. Apart so that a build can encode
    /// it while it writes the outputs. In pieces, which may be runs of the
    /// file a state was loaded from: written as they are, never copied into
    /// one array (10 MB for 10,000 articles).
    struct Encoded: Sendable {
        var pieces: [ArraySlice<UInt8>]
        var paths: [String]
    }

    /// The state kept for `output`; `nil` when there is none, it cannot be
    /// read, or (before its records are decoded) its settings are not
    /// `settings`, when given.
    static func load(for output: URL, settings: UInt64? = nil) -> ContentState? {
        guard let bytes = try? FileSystem.readFile(location(of: output)), var reader = BinaryReader(checked: bytes) else { return nil }
        do {
            guard try reader.string() == magic else { return nil }
            var state = ContentState()
            state.settings = try reader.uint64()
            if let settings, settings != state.settings { return nil }
            let count = try reader.count()
            var entries: [Range<Int>] = []
            var bodies: [Range<Int>] = []
            entries.reserveCapacity(count)
            bodies.reserveCapacity(count)
            for _ in 0..<count {
                let start = reader.offset
                let length = try reader.int()
                let body = reader.offset
                try reader.skip(length)
                entries.append(start..<reader.offset)
                bodies.append(body..<reader.offset)
            }
            let records = bodies.parallelMap { range -> Record? in
                var recordReader = BinaryReader(bytes, range: range)
                guard let record = try? readRecord(&recordReader), recordReader.isAtEnd else { return nil }
                return record
            }
            state.records.reserveCapacity(count)
            for record in records {
                // Sorted by path, as written: `index(of:)` searches them.
                guard let record, state.records.last.map({ $0.path < record.path }) ?? true else { return nil }
                state.records.append(record)
            }
            state.articleOrder = try readOrder(&reader, count: count)
            state.pageOrder = try readOrder(&reader, count: count)
            state.dependencies = try DependencyTable.read(&reader, recordPaths: state.records.map(\.path))
            guard reader.isAtEnd else { return nil }
            state.file = bytes
            state.encodedRecords = entries
            return state
        } catch {
            return nil
        }
    }

    private static func readOrder(_ reader: inout BinaryReader, count: Int) throws(BinaryReader.Failure) -> [Int] {
        var order: [Int] = []
        for _ in 0..<(try reader.count()) {
            let index = try reader.int()
            guard index >= 0, index < count else { throw BinaryReader.Failure() }
            order.append(index)
        }
        return order
    }

    /// The records and the site's order of a build that read every file.
    static func encode(settings: UInt64, content: LoadedContent, site: Site, startedAt: Double) -> Encoded {
        var published: [String: ContentItem] = [:]
        for items in [site.articles, site.pages] {
            for item in items { published[item.sourcePath] = item }
        }
        // A file without metadata vanished while it was read: no record.
        let drafts = content.drafts.filter { content.metadata[$0.item.sourcePath] != nil }
            .sorted { $0.item.sourcePath < $1.item.sourcePath }
        let records = drafts.map { record(of: $0, published: published[$0.item.sourcePath], content: content, startedAt: startedAt) }
        var index: [String: Int] = [:]
        index.reserveCapacity(records.count)
        for (position, record) in records.enumerated() { index[record.path] = position }
        var writer = BinaryWriter(capacity: records.count * 1024 + 64)
        writer.write(Self.magic)
        writer.write(settings)
        writer.write(records.count)
        var recordWriter = BinaryWriter(capacity: 4096)
        for record in records {
            write(record, to: &recordWriter)
            writer.write(recordWriter.bytes.count)
            writer.write(encoded: recordWriter.bytes[...])
            recordWriter = BinaryWriter(capacity: 4096)
        }
        for items in [site.articles, site.pages] {
            let order = items.compactMap { index[$0.sourcePath] }
            writer.write(order.count)
            for position in order { writer.write(position) }
        }
        return Encoded(pieces: [writer.bytes[...]], paths: records.map(\.path))
    }

    /// This state's records and order with the records `replaced` (by
    /// index) encoded anew: the state of a build that read those files
    /// again and kept every item's metadata and publication. The other
    /// records are copied as they were encoded, whole runs at a time.
    func encode(replacing replaced: [Int: Record]) -> Encoded {
        var header = BinaryWriter(capacity: 64)
        header.write(Self.magic)
        header.write(settings)
        header.write(records.count)
        var pieces = [header.bytes[...]]
        var run = 0
        for index in replaced.keys.sorted() {
            if run < index { pieces.append(file[encodedRecords[run].lowerBound..<encodedRecords[index - 1].upperBound]) }
            var recordWriter = BinaryWriter(capacity: 4096)
            Self.write(replaced[index]!, to: &recordWriter)
            var writer = BinaryWriter(capacity: recordWriter.bytes.count + 8)
            writer.write(recordWriter.bytes.count)
            writer.write(encoded: recordWriter.bytes[...])
            pieces.append(writer.bytes[...])
            run = index + 1
        }
        if run < records.count { pieces.append(file[encodedRecords[run].lowerBound..<encodedRecords[records.count - 1].upperBound]) }
        var orders = BinaryWriter(capacity: (articleOrder.count + pageOrder.count) * 3 + 16)
        for order in [articleOrder, pageOrder] {
            orders.write(order.count)
            for position in order { orders.write(position) }
        }
        pieces.append(orders.bytes[...])
        return Encoded(pieces: pieces, paths: records.map(\.path))
    }

    /// Writes the state: `encoded` (from `encode`) and `dependencies`.
    static func save(_ encoded: Encoded, dependencies: DependencyTable, for output: URL) {
        // Written to a temporary file, then renamed: a torn state never loads.
        let path = location(of: output)
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        var failed = false
        var checksum = Checksum()
        var writer = BinaryWriter { bytes in
            guard !failed else { return }
            checksum.add(bytes)
            do { try FileSystem.write(bytes, to: descriptor) } catch { failed = true }
        }
        for piece in encoded.pieces where !failed {
            checksum.add(piece)
            failed = !writeAll(piece, to: descriptor)
        }
        dependencies.write(to: &writer)
        writer.flush()
        var trailer = BinaryWriter(capacity: 8)
        trailer.write(checksum.value)
        if !failed { failed = !writeAll(trailer.bytes[...], to: descriptor) }
        close(descriptor)
        if failed || rename(temporary, path) != 0 { unlink(temporary) }
    }

    /// Writes all of `piece` to an open file; `false` when that fails.
    private static func writeAll(_ piece: ArraySlice<UInt8>, to descriptor: Int32) -> Bool {
        piece.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
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
        // A summary from front matter shows without the body (see `withoutBody`).
        if item.standfirstHTML != nil { writer.write(item.summaryText) }
        writer.write(item.image != nil)
        if let image = item.image {
            writer.write(image.src)
            writer.write(image.alt)
            writer.write(image.caption)
            writer.write(image.credit)
        }
        writer.write(item.layout)
        writer.write(item.canonical)
        writer.write(item.corrections.count)
        for correction in item.corrections {
            writer.write(correction.date)
            writer.write(correction.text)
        }
        writer.write(item.aliases)
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
        for _ in 0..<(try reader.count()) {
            item.authors.append(Person(name: try reader.string(), email: try reader.optionalString(), uri: try reader.optionalString()))
        }
        item.tags = try reader.strings()
        item.categories = try reader.strings()
        item.standfirstHTML = try reader.optionalString()
        if let standfirst = item.standfirstHTML {
            item.summaryHTML = standfirst
            item.summaryText = try reader.string()
        }
        if try reader.bool() {
            item.image = LeadImage(src: try reader.string(), alt: try reader.optionalString(), caption: try reader.optionalString(), credit: try reader.optionalString())
        }
        item.layout = try reader.optionalString()
        item.canonical = try reader.optionalString()
        for _ in 0..<(try reader.count()) {
            guard let date = try reader.date() else { throw BinaryReader.Failure() }
            item.corrections.append(Correction(date: date, text: try reader.string()))
        }
        item.aliases = try reader.strings()
        guard case .map(let params) = try ValueCoding.read(&reader) else { throw BinaryReader.Failure() }
        item.params = params
        item.path = try reader.string()
        item.url = try reader.string()
        item.permalink = try reader.string()
        var extraTerms: [String: [String]] = [:]
        for _ in 0..<(try reader.count()) {
            extraTerms[try reader.string()] = try reader.strings()
        }
        return Record(path: path, metadata: metadata, item: item, published: published, extraTerms: extraTerms, warnings: try reader.warnings())
    }
}
