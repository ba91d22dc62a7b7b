import Foundation

/// Herald's static search index: the files under `search/index/` that the
/// search page's script reads. A query fetches the manifest, the shard of
/// each of its words, and the result chunks of the results it shows.
///
/// - `manifest.json`: the number of documents, the result chunk size, the
///   site's time zone and the list of shards;
/// - `t<HEX>.json`: the shard of the words whose UTF-8 bytes start with the
///   bytes HEX (the longest such prefix in the manifest): `p` maps a stem
///   (or filter key) to its postings, `w` a word as written to its stem;
/// - `d<N>.json`: the result rows of documents `N × chunk` to `N × chunk +
///   chunk − 1`;
/// - `filters.json`: the sections, authors and tags a search can be narrowed to.
///
/// Documents are numbered oldest first, so that a new article appends to
/// the postings and the last chunk instead of renumbering the rest, and
/// sorting by date is sorting by number. Every file is a function of the
/// documents alone: the same articles give the same bytes.
enum SearchIndex {
    static let folder = "search/index/"
    /// A shard holds at most about this many bytes, unless one stem's
    /// postings alone are larger.
    static let shardBudget = 32_000
    static let chunkSize = 32
    /// BM25F: title and summary count above the body.
    static let weights: [Double] = [4, 2, 1]
    static let k1 = 1.2
    static let b = 0.75
    /// Scores of a posting: 1 … 31, the saturated term frequency.
    static let scoreLevels = 31.0

    enum Filter: String, CaseIterable {
        case section = "s", author = "a", tag = "t"

        var name: String {
            switch self {
            case .section: return "section"
            case .author: return "author"
            case .tag: return "tag"
            }
        }
    }

    /// The key of a filter's postings: `~` never starts a word.
    static func filterKey(_ filter: Filter, _ name: String) -> String {
        "~" + filter.rawValue + ":" + Slug.make(name)
    }

    /// Byte order of UTF-8, the order the script's lookups do not depend on
    /// but every file is written in.
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Every file of the index, by path inside the output folder, for
    /// `documents` oldest first.
    static func files(_ documents: [SearchDocument], timeZone: String) -> [(path: String, bytes: [UInt8])] {
        let averages = averageLengths(documents)
        // Postings and surface words by the numbers a vocabulary gives
        // their keys: no `String` is made or hashed per posting.
        var keys = SearchVocabulary()
        var postings: [PostingList] = []
        var surfaceWords = SearchVocabulary()
        var surfaceStems: [[UInt8]] = []
        var filters: [String: (name: String, count: Int)] = [:]
        func postingList(_ key: UnsafeBufferPointer<UInt8>) -> Int {
            let (number, isNew) = keys.number(of: key)
            if isNew { postings.append(PostingList()) }
            return number
        }
        for (id, document) in documents.enumerated() {
            document.terms.forEachStem { stem, counts in
                postings[postingList(stem)].append(id, score: score(counts, lengths: document.lengths, averages: averages))
            }
            document.surfaces.forEachWord { word, stem in
                let (number, isNew) = surfaceWords.number(of: word)
                if isNew {
                    surfaceStems.append(Array(stem))
                } else if !surfaceStems[number].elementsEqual(stem) {
                    surfaceStems[number] = Array(stem)
                }
            }
            for (key, name) in zip(document.filters, document.filterNames) {
                var key = key
                postings[key.withUTF8 { postingList($0) }].append(id, score: 1)
                filters[key, default: (name, 0)].count += 1
            }
        }
        var entries: [Entry] = (0..<keys.count).map { Entry(key: keys.withWord($0) { Array($0) }, value: postings[$0].text, isPosting: true) }
        entries += (0..<surfaceWords.count).map {
            Entry(key: surfaceWords.withWord($0) { Array($0) }, value: String(decoding: surfaceStems[$0], as: UTF8.self), isPosting: false)
        }
        entries.sort { $0.key.lexicographicallyPrecedes($1.key) }

        var shards: [(prefix: [UInt8], entries: [Entry])] = []
        split(entries[...], depth: 0, into: &shards)
        shards.sort { $0.prefix.lexicographicallyPrecedes($1.prefix) }

        var files: [(path: String, bytes: [UInt8])] = []
        files.append((folder + "manifest.json", manifest(documents: documents.count, shards: shards.map(\.prefix), timeZone: timeZone)))
        for shard in shards {
            files.append((folder + "t" + hex(shard.prefix) + ".json", shardFile(shard.entries)))
        }
        var chunk = 0
        while chunk * chunkSize < documents.count {
            let rows = documents[(chunk * chunkSize)..<min(documents.count, (chunk + 1) * chunkSize)]
            files.append((folder + "d\(chunk).json", resultsFile(rows.map(\.result))))
            chunk += 1
        }
        files.append((folder + "filters.json", filtersFile(filters)))
        return files
    }

    /// Each field's average length over the documents, rounded to a quarter
    /// power of two: adding or editing an article rarely moves it, so the
    /// scores in shards it does not touch stay as they were.
    static func averageLengths(_ documents: [SearchDocument]) -> [Double] {
        SearchDocument.Field.allCases.map { field in
            let total = documents.reduce(0) { $0 + $1.lengths[field] }
            let average = max(1, Double(total) / Double(max(1, documents.count)))
            return pow(2, (log2(average) * 4).rounded() / 4)
        }
    }

    /// BM25F's saturated, length-normalised term frequency of one document,
    /// on a scale of 1 … 31; the script multiplies it by the term's IDF.
    static func score(_ counts: SearchDocument.Counts, lengths: SearchDocument.Counts, averages: [Double]) -> Int {
        var frequency = 0.0
        for field in SearchDocument.Field.allCases where counts[field] > 0 {
            let norm = 1 - b + b * Double(lengths[field]) / averages[field.rawValue]
            frequency += weights[field.rawValue] * Double(counts[field]) / norm
        }
        let saturated = frequency / (k1 + frequency)
        return Int(min(scoreLevels, max(1, (saturated * scoreLevels).rounded())))
    }

    struct Entry {
        var key: [UInt8]
        var value: String
        var isPosting: Bool
        var size: Int { key.count + value.utf8.count + 6 }
    }

    /// Shards of `entries` (sorted, sharing their first `depth` bytes): one
    /// when they fit the budget; otherwise each group by the next byte that
    /// is too big for this shard gets shards of its own.
    static func split(_ entries: ArraySlice<Entry>, depth: Int, into shards: inout [(prefix: [UInt8], entries: [Entry])]) {
        guard let first = entries.first else { return }
        let prefix = Array(first.key.prefix(depth))
        let total = entries.reduce(0) { $0 + $1.size }
        if total <= shardBudget || entries.count == 1 {
            shards.append((prefix, Array(entries)))
            return
        }
        // Keys equal to the prefix stay here; they sort first.
        var here = Array(entries.prefix { $0.key.count == depth })
        var size = here.reduce(0) { $0 + $1.size }
        var start = entries.startIndex + here.count
        while start < entries.endIndex {
            let byte = entries[start].key[depth]
            var end = start
            var groupSize = 0
            while end < entries.endIndex, entries[end].key[depth] == byte {
                groupSize += entries[end].size
                end += 1
            }
            // Small groups share this shard (up to the budget) rather than
            // each making a tiny file.
            if groupSize < shardBudget / 4 && size + groupSize <= shardBudget {
                here += entries[start..<end]
                size += groupSize
            } else {
                split(entries[start..<end], depth: depth + 1, into: &shards)
            }
            start = end
        }
        if !here.isEmpty { shards.append((prefix, here)) }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func manifest(documents: Int, shards: [[UInt8]], timeZone: String) -> [UInt8] {
        var json = "{\"version\":1,\"documents\":\(documents),\"chunk\":\(chunkSize),\"timeZone\":"
        ValueOps.writeJSONString(timeZone, to: &json)
        json += ",\"shards\":["
        json += shards.map { "\"" + hex($0) + "\"" }.joined(separator: ",")
        json += "]}\n"
        return Array(json.utf8)
    }

    static func shardFile(_ entries: [Entry]) -> [UInt8] {
        var json = "{\"p\":{"
        for (kind, isPosting) in [("p", true), ("w", false)] {
            if !isPosting { json += "},\"\(kind)\":{" }
            var first = true
            for entry in entries where entry.isPosting == isPosting {
                if !first { json += "," }
                first = false
                ValueOps.writeJSONString(String(decoding: entry.key, as: UTF8.self), to: &json)
                json += ":"
                ValueOps.writeJSONString(entry.value, to: &json)
            }
        }
        json += "}}\n"
        return Array(json.utf8)
    }

    static func resultsFile(_ results: [SearchDocument.Result]) -> [UInt8] {
        var json = "["
        for (index, result) in results.enumerated() {
            json += index == 0 ? "\n[" : ",\n["
            for (position, field) in [result.url, result.title, result.date, result.section, result.summary, result.image].enumerated() {
                if position > 0 { json += "," }
                ValueOps.writeJSONString(field, to: &json)
            }
            json += "]"
        }
        json += "\n]\n"
        return Array(json.utf8)
    }

    /// Each filter's values, most used first: `[key, name, articles]`;
    /// `filters` are by key, with the name and the number of articles.
    static func filtersFile(_ filters: [String: (name: String, count: Int)]) -> [UInt8] {
        var json = "{"
        for (index, filter) in Filter.allCases.enumerated() {
            if index > 0 { json += "," }
            json += "\"\(filter.name)\":["
            let prefix = "~" + filter.rawValue + ":"
            let values = filters.filter { $0.key.hasPrefix(prefix) }
                .map { (key: $0.key, name: $0.value.name, count: $0.value.count) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : precedes($0.key, $1.key) }
            for (position, value) in values.enumerated() {
                json += position == 0 ? "\n[" : ",\n["
                ValueOps.writeJSONString(value.key, to: &json)
                json += ","
                ValueOps.writeJSONString(value.name, to: &json)
                json += ",\(value.count)]"
            }
            json += "]"
        }
        json += "}\n"
        return Array(json.utf8)
    }
}

/// The postings of one stem, encoded as they are added: for each document
/// (ascending) the number `gap × 32 + score` (gap from the previous
/// document, the first counted from −1), in groups of five bits, lowest
/// first, one character of the URL-safe Base64 alphabet each, 32 added to
/// every group but the last.
struct PostingList {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0
    private var last = -1

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    mutating func append(_ document: Int, score: Int) {
        var value = (document - last) << 5 | score
        last = document
        count += 1
        while value >= 32 {
            bytes.append(Self.alphabet[32 + (value & 31)])
            value >>= 5
        }
        bytes.append(Self.alphabet[value])
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}
