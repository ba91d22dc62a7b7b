import Foundation

/// The previous build's search documents, kept beside the output folder
/// (`.Public.herald-search`): an incremental build does not render the
/// bodies of the articles it did not read, so their documents come from
/// here, and a full build analyses again only the articles whose text
/// changed. Written after the output is published, before the content
/// state: a state that vouches for an article never outlives its document.
struct SearchCache: Sendable {
    static let magic = "herald-search 2"

    /// By source path.
    var documents: [String: SearchDocument] = [:]

    static func location(of output: URL) -> String {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().path + "/.\(output.lastPathComponent).herald-search"
    }

    /// The cache for `output`, built for `language`; empty when there is
    /// none, it is damaged or it was made for another language or version.
    static func load(for output: URL, language: String) -> SearchCache {
        guard let file = try? FileSystem.readFile(location(of: output)), var reader = BinaryReader(checked: file) else { return SearchCache() }
        do {
            guard try reader.string() == magic, try reader.string() == HeraldVersion.current, try reader.string() == language else {
                return SearchCache()
            }
            var cache = SearchCache()
            let count = try reader.count()
            for _ in 0..<count {
                let document = try read(&reader)
                cache.documents[document.sourcePath] = document
            }
            return cache
        } catch {
            return SearchCache()
        }
    }

    /// The cache of `documents`, written now to a scratch file beside the
    /// output (see `StagedStateFile`) a megabyte at a time, so that the
    /// build holds neither the documents nor their encoding while it writes
    /// the outputs; `save` puts it in place once the output is published.
    /// `nil` when no scratch file can be made.
    static func stage(_ documents: [SearchDocument], language: String, for output: URL) -> StagedStateFile? {
        guard let file = StagedStateFile(path: location(of: output)) else { return nil }
        var writer = BinaryWriter(sink: { file.write($0) })
        writer.write(magic)
        writer.write(HeraldVersion.current)
        writer.write(language)
        writer.write(documents.count)
        for document in documents { write(document, to: &writer) }
        writer.flush()
        return file
    }

    /// Puts the `staged` cache in place (ended with its checksum, renamed
    /// whole: a torn cache never looks valid). Without one, or when that
    /// fails, removes the previous build's: it no longer matches the content.
    static func save(_ staged: StagedStateFile?, for output: URL) {
        if staged?.finish() != true { remove(for: output) }
    }

    static func remove(for output: URL) {
        FileSystem.remove(location(of: output))
    }

    private static func write(_ document: SearchDocument, to writer: inout BinaryWriter) {
        writer.write(document.sourcePath)
        writer.write(document.key)
        let result = document.result
        writer.write([result.url, result.title, result.date, result.section, result.summary, result.image])
        for field in SearchDocument.Field.allCases { writer.write(document.lengths[field]) }
        // Packed as they are in memory: no term is decoded or encoded again.
        writer.write(counted: document.terms.packed.bytes)
        writer.write(counted: document.surfaces.packed.bytes)
        writer.write(document.filters)
        writer.write(document.filterNames)
    }

    /// One number per field, as `write` puts them.
    private static func counts(_ reader: inout BinaryReader) throws(BinaryReader.Failure) -> SearchDocument.Counts {
        var counts = SearchDocument.Counts.zero
        for field in SearchDocument.Field.allCases {
            let count = try reader.int()
            guard count >= 0, count <= Int(Int32.max) else { throw BinaryReader.Failure() }
            counts[field] = count
        }
        return counts
    }

    private static func read(_ reader: inout BinaryReader) throws(BinaryReader.Failure) -> SearchDocument {
        let path = try reader.string()
        let key = try reader.uint64()
        let fields = try reader.strings()
        guard fields.count == 6 else { throw BinaryReader.Failure() }
        let result = SearchDocument.Result(url: fields[0], title: fields[1], date: fields[2], section: fields[3], summary: fields[4], image: fields[5])
        let lengths = try counts(&reader)
        guard let terms = SearchDocument.Terms(validating: PackedWords(bytes: try reader.countedBytes())),
            let surfaces = SearchDocument.Surfaces(validating: PackedWords(bytes: try reader.countedBytes()))
        else { throw BinaryReader.Failure() }
        let filters = try reader.strings()
        let names = try reader.strings()
        guard filters.count == names.count else { throw BinaryReader.Failure() }
        return SearchDocument(
            sourcePath: path, key: key, result: result, lengths: lengths, terms: terms, surfaces: surfaces, filters: filters, filterNames: names)
    }
}
