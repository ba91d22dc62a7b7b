import Foundation
@testable import Herald

/// Reads a built search index the way the search page's script does
/// (`Templates/assets/search.js`): the tests query the real files with it.
struct SearchIndexReader {
    let folder: URL
    let documents: Int
    let shards: Set<String>

    init(output: URL) throws {
        folder = output.appendingPathComponent("search/index")
        let manifest = try Self.json(folder.appendingPathComponent("manifest.json")) as! [String: Any]
        documents = manifest["documents"] as! Int
        shards = Set(manifest["shards"] as! [String])
    }

    static func json(_ url: URL) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    }

    /// The shard that holds `key`: the longest listed prefix of its bytes.
    func shardName(of key: String) -> String? {
        let hex = SearchIndex.hex(Array(key.utf8))
        var length = hex.count
        while length >= 0 {
            let prefix = String(hex.prefix(length))
            if shards.contains(prefix) { return prefix }
            length -= 2
        }
        return nil
    }

    func shard(of key: String) throws -> (postings: [String: String], words: [String: String]) {
        guard let name = shardName(of: key) else { return ([:], [:]) }
        let shard = try Self.json(folder.appendingPathComponent("t\(name).json")) as! [String: [String: String]]
        return (shard["p"]!, shard["w"]!)
    }

    static func decode(_ text: String) -> [(document: Int, score: Int)] {
        var postings: [(Int, Int)] = []
        var value = 0, shift = 0, last = -1
        for byte in text.utf8 {
            let digit = PostingList.alphabet.firstIndex(of: byte)!
            value |= (digit & 31) << shift
            if digit >= 32 {
                shift += 5
                continue
            }
            last += value >> 5
            postings.append((last, value & 31))
            value = 0
            shift = 0
        }
        return postings
    }

    /// The postings of a query word: its stem's via the word list, else the
    /// word as a stem, else the word less up to four letters.
    func postings(ofWord word: String) throws -> [(document: Int, score: Int)] {
        var shard = try self.shard(of: word)
        if let stem = shard.words[word] {
            shard = try self.shard(of: stem)
            return Self.decode(shard.postings[stem] ?? "")
        }
        if let postings = shard.postings[word] { return Self.decode(postings) }
        let scalars = Array(word.unicodeScalars)
        if scalars.count >= 5 {
            for cut in 1...4 where scalars.count - cut >= 3 {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars.prefix(scalars.count - cut))
                let shorter = String(view)
                if let postings = try self.shard(of: shorter).postings[shorter] { return Self.decode(postings) }
            }
        }
        return []
    }

    /// Document numbers best first: most query words matched, then BM25,
    /// then newest.
    func search(_ query: String, filter: String? = nil) throws -> [Int] {
        var words: [String] = []
        SearchText.words(query) { words.append($0) }
        var matched: [Int: (count: Int, score: Double)] = [:]
        for word in words {
            let postings = try self.postings(ofWord: word)
            guard !postings.isEmpty else { continue }
            let idf = log(1 + (Double(documents) - Double(postings.count) + 0.5) / (Double(postings.count) + 0.5))
            for posting in postings {
                let previous = matched[posting.document] ?? (0, 0)
                matched[posting.document] = (previous.count + 1, previous.score + idf * Double(posting.score) / 31)
            }
        }
        if let filter {
            let allowed = Set(Self.decode(try shard(of: filter).postings[filter] ?? "").map(\.document))
            matched = matched.filter { allowed.contains($0.key) }
        }
        return matched.sorted { a, b in
            if a.value.count != b.value.count { return a.value.count > b.value.count }
            if a.value.score != b.value.score { return a.value.score > b.value.score }
            return a.key > b.key
        }.map(\.key)
    }

    /// The result row's URL of document `number`.
    func url(of number: Int) throws -> String {
        let chunk = number / SearchIndex.chunkSize
        let rows = try Self.json(folder.appendingPathComponent("d\(chunk).json")) as! [[String]]
        return rows[number % SearchIndex.chunkSize][0]
    }

    func urls(_ query: String, filter: String? = nil) throws -> [String] {
        try search(query, filter: filter).map(url(of:))
    }
}
