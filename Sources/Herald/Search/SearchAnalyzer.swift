import Foundation

/// Turns articles into `SearchDocument`s: words folded by `SearchText` and
/// stemmed with the site language's Snowball stemmer (unstemmed when
/// Snowball has none). Keeps the stems it has seen, so each distinct word is
/// stemmed once; one analyzer per thread (a stemmer is not shared).
final class SearchAnalyzer {
    private let stemmer: Stemmer?
    private let stopWords: Set<String>
    private var stems: [String: String] = [:]

    init(language: String) {
        stemmer = Stemmer(language: language)
        stopWords = Self.stopWords(language)
    }

    /// Words so common in English that an index of them would be most of a
    /// query's download and rank nothing: left out, as a query's unknown
    /// words are.
    static func stopWords(_ language: String) -> Set<String> {
        guard language.lowercased().hasPrefix("en") else { return [] }
        return [
            "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have", "he", "her", "his",
            "in", "is", "it", "its", "of", "on", "or", "she", "that", "the", "their", "they", "this", "to", "was", "were",
            "which", "will", "with",
        ]
    }

    /// The key of an article's search text: unchanged key, unchanged document.
    static func key(of item: ContentItem, summary: String, body: String, result: SearchDocument.Result) -> UInt64 {
        var checksum = Checksum()
        for text in [item.sourcePath, item.title, summary, body, result.url, result.date, result.section, result.image]
            + item.authors.map(\.name) + ["|"] + item.tags + ["|"] + item.categories
        {
            checksum.add(text.utf8)
            checksum.add(CollectionOfOne(0))
        }
        return checksum.value
    }

    /// The document of `item`, whose body's plain text is `body`.
    func analyze(_ item: ContentItem, summary: String, body: String, result: SearchDocument.Result, key: UInt64) -> SearchDocument {
        var counts: [String: FieldCounts] = [:]
        var surfaces: [String: String] = [:]
        var lengths = [0, 0, 0]
        let metadata = ([summary] + item.authors.map(\.name) + item.tags + item.categories).joined(separator: " \n ")
        for (field, text) in [(SearchDocument.Field.title, item.title), (.summary, metadata), (.body, body)] {
            SearchText.words(text) { word in
                lengths[field.rawValue] += 1
                if stopWords.contains(word) { return }
                let stem = self.stem(word)
                if stem != word { surfaces[word] = stem }
                counts[stem, default: FieldCounts()].add(field)
            }
        }
        var filters: [(key: String, name: String)] = []
        if let section = item.categories.first { filters.append((SearchIndex.filterKey(.section, section), section)) }
        for author in item.authors { filters.append((SearchIndex.filterKey(.author, author.name), author.name)) }
        for tag in item.tags { filters.append((SearchIndex.filterKey(.tag, tag), tag)) }
        var seen = Set<String>()
        filters = filters.filter { seen.insert($0.key).inserted }.sorted { SearchIndex.precedes($0.key, $1.key) }
        return SearchDocument(
            sourcePath: item.sourcePath, key: key, result: result, lengths: lengths,
            terms: counts.map { SearchDocument.Term(stem: $0.key, counts: $0.value.array) }.sorted { SearchIndex.precedes($0.stem, $1.stem) },
            surfaces: surfaces.map { SearchDocument.Surface(word: $0.key, stem: $0.value) }.sorted { SearchIndex.precedes($0.word, $1.word) },
            filters: filters.map(\.key), filterNames: filters.map(\.name))
    }

    /// A word's count in each field, without an array per word.
    private struct FieldCounts {
        var title = 0, summary = 0, body = 0

        mutating func add(_ field: SearchDocument.Field) {
            switch field {
            case .title: title += 1
            case .summary: summary += 1
            case .body: body += 1
            }
        }

        /// In the order of `SearchDocument.Field`'s raw values.
        var array: [Int] { [title, summary, body] }
    }

    func stem(_ word: String) -> String {
        guard let stemmer else { return word }
        if let known = stems[word] { return known }
        let stem = stemmer.stem(word)
        stems[word] = stem
        return stem
    }
}
