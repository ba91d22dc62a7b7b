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
    /// The file up to the dependencies, written to its staged file, with
    /// the paths of the records in the order written: what `save` finishes.
    /// Apart so that a build can encode it while it writes the outputs.
    struct Encoded: Sendable {
        /// `nil` when no file could be made: no state is kept then.
        var file: StagedStateFile?
        var paths: [String]
    }

    /// The state kept for `output`. Throws why it cannot be used: there is
    /// none, it cannot be read, or (found before its records are decoded)
    /// its settings differ from `settings`, when given.
    static func load(for output: URL, settings: BuildSettings? = nil) throws(FullBuildReason) -> ContentState {
        guard let bytes = try? FileSystem.readFile(location(of: output)) else { throw FullBuildReason("no state kept by a previous build") }
        guard let state = decode(bytes, settings: settings) else { throw FullBuildReason("the previous build's state could not be read") }
        return try state.get()
    }

    /// The state in `bytes`; `nil` when damaged or of another format.
    private static func decode(_ bytes: [UInt8], settings: BuildSettings?) -> Result<ContentState, FullBuildReason>? {
        guard var reader = BinaryReader(checked: bytes) else { return nil }
        do {
            guard try reader.string() == magic else { return nil }
            var state = ContentState(settings: try BuildSettings.read(from: &reader))
            if let settings, let change = settings.change(since: state.settings) { return .failure(FullBuildReason(change)) }
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
            return .success(state)
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

    /// The records and the site's order of a build that read every file,
    /// written to `file` one record at a time.
    static func encode(settings: BuildSettings, content: LoadedContent, site: Site, startedAt: Double, into file: StagedStateFile?) -> Encoded {
        // Where each published item is in the site, rather than a copy of
        // every item: on a large archive that copy was megabytes.
        var published: [String: (articles: Bool, index: Int)] = [:]
        published.reserveCapacity(site.articles.count + site.pages.count)
        for (index, item) in site.articles.enumerated() { published[item.sourcePath] = (true, index) }
        for (index, item) in site.pages.enumerated() { published[item.sourcePath] = (false, index) }
        // A file without metadata vanished while it was read: no record.
        let drafts = content.drafts
        let order = drafts.indices.filter { content.metadata[drafts[$0].item.sourcePath] != nil }
            .sorted { drafts[$0].item.sourcePath < drafts[$1].item.sourcePath }
        var writer = BinaryWriter { bytes in file?.write(bytes) }
        writer.write(Self.magic)
        settings.write(to: &writer)
        writer.write(order.count)
        var paths: [String] = []
        paths.reserveCapacity(order.count)
        var position: [String: Int] = [:]
        position.reserveCapacity(order.count)
        var recordWriter = BinaryWriter(capacity: 4096)
        for index in order {
            let draft = drafts[index]
            let place = published[draft.item.sourcePath]
            let item = place.map { $0.articles ? site.articles[$0.index] : site.pages[$0.index] }
            let record = record(of: draft, published: item, content: content, startedAt: startedAt)
            write(record, to: &recordWriter)
            writer.write(recordWriter.bytes.count)
            writer.write(encoded: recordWriter.bytes[...])
            recordWriter = BinaryWriter(capacity: 4096)
            position[record.path] = paths.count
            paths.append(record.path)
        }
        for items in [site.articles, site.pages] {
            let positions = items.compactMap { position[$0.sourcePath] }
            writer.write(positions.count)
            for position in positions { writer.write(position) }
        }
        writer.flush()
        return Encoded(file: file, paths: paths)
    }

    /// This state's records and order with the records `replaced` (by
    /// index) encoded anew: the state of a build that read those files
    /// again and kept every item's metadata and publication. The other
    /// records are copied as they were encoded, whole runs at a time.
    /// `settings` are this build's (the same as the state's but for the
    /// digests of data files).
    func encode(replacing replaced: [Int: Record], settings: BuildSettings, into staged: StagedStateFile?) -> Encoded {
        var header = BinaryWriter(capacity: 64)
        header.write(Self.magic)
        settings.write(to: &header)
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
        for piece in pieces { staged?.write(piece) }
        return Encoded(file: staged, paths: records.map(\.path))
    }

    /// Writes the state: `encoded` (from `encode`) and `dependencies`.
    static func save(_ encoded: Encoded, dependencies: DependencyTable) {
        guard let file = encoded.file else { return }
        var writer = BinaryWriter { bytes in file.write(bytes) }
        dependencies.write(to: &writer)
        writer.flush()
        file.finish()
    }

    private static func write(_ record: Record, to writer: inout BinaryWriter) {
        writer.write(record.path)
        writer.write(record.metadata.size)
        writer.write(record.metadata.seconds)
        writer.write(record.metadata.nanoseconds)
        writer.write(record.metadata.inode)
        writer.write(record.published)
        ContentItemFields.write(record.item, to: &writer)
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
        let item = try ContentItemFields.read(&reader)
        var extraTerms: [String: [String]] = [:]
        for _ in 0..<(try reader.count()) {
            extraTerms[try reader.string()] = try reader.strings()
        }
        return Record(path: path, metadata: metadata, item: item, published: published, extraTerms: extraTerms, warnings: try reader.warnings())
    }
}
