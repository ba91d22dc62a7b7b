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

    static func save(_ documents: [SearchDocument], language: String, for output: URL) {
        var writer = BinaryWriter()
        writer.write(magic)
        writer.write(HeraldVersion.current)
        writer.write(language)
        writer.write(documents.count)
        for document in documents { write(document, to: &writer) }
        writer.appendChecksum()
        let path = location(of: output)
        // Written whole, then renamed: a torn cache never looks valid.
        do {
            try FileSystem.writeFile(writer.bytes, to: path + ".tmp")
            try FileSystem.move(path + ".tmp", to: path)
        } catch {
            FileSystem.remove(path + ".tmp")
            FileSystem.remove(path)
        }
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
