/// Turns articles into `SearchDocument`s: words folded by `SearchText` and
/// stemmed with the site language's Snowball stemmer (unstemmed when
/// Snowball has none). One analyzer per thread (its stemmer is not to be
/// shared); it is worth keeping for many articles, since it learns their
/// words. A struct, so that its tables are touched without the dynamic
/// exclusivity checks a class's properties cost on every word.
///
/// Each distinct word is looked up, stemmed and checked against the stop
/// words once, when first met; after that, a word of an article costs one
/// lookup in `words` and a count in `counts`, without a `String` made.
struct SearchAnalyzer {
    private let stemmer: Stemmer?
    private let stopWords: Set<String>
    /// Every word met, folded.
    private var words = SearchVocabulary()
    /// Every stem met.
    private var stems = SearchVocabulary()
    /// By word number: its stem's number, or −1 for a stop word.
    private var stemOfWord: [Int32] = []
    /// By word number: whether its stem is another word.
    private var isSurface: [Bool] = []

    // The article being analysed: its counts by stem number, the stems and
    // the surface words it has, and a mark of the words already listed.
    private var counts: [SearchDocument.Counts] = []
    private var documentStems: [Int32] = []
    private var documentSurfaces: [Int32] = []
    /// By word number: the number of the article that last listed it as a surface.
    private var surfaceListed: [Int32] = []
    private var articleNumber: Int32 = 0

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
    /// `body` is the UTF-8 of the body's plain text.
    static func key(of item: ContentItem, summary: String, body: [UInt8], result: SearchDocument.Result) -> UInt64 {
        var checksum = Checksum()
        func add(_ bytes: some Collection<UInt8>) {
            checksum.add(bytes)
            checksum.add(CollectionOfOne(0))
        }
        for text in [item.sourcePath, item.title, summary] { add(text.utf8) }
        add(body)
        for text in [result.url, result.date, result.section, result.image] + item.authors.map(\.name) + ["|"] + item.tags + ["|"] + item.categories {
            add(text.utf8)
        }
        return checksum.value
    }

    /// The document of `item`, whose body's plain text is `body` (UTF-8).
    mutating func analyze(_ item: ContentItem, summary: String, body: [UInt8], result: SearchDocument.Result, key: UInt64) -> SearchDocument {
        articleNumber += 1
        var lengths = SearchDocument.Counts.zero
        var title = item.title
        lengths[.title] = title.withUTF8 { count(words: $0, in: .title) }
        var metadata = ([summary] + item.authors.map(\.name) + item.tags + item.categories).joined(separator: " \n ")
        lengths[.summary] = metadata.withUTF8 { count(words: $0, in: .summary) }
        lengths[.body] = body.withUnsafeBufferPointer { count(words: $0, in: .body) }
        documentStems.sort { stems.precedes(Int($0), Int($1)) }
        var terms = SearchDocument.Terms()
        for stem in documentStems {
            stems.withWord(Int(stem)) { terms.append(stem: $0, counts: counts[Int(stem)]) }
            counts[Int(stem)] = SearchDocument.Counts.zero
        }
        documentSurfaces.sort { words.precedes(Int($0), Int($1)) }
        var surfaces = SearchDocument.Surfaces()
        for number in documentSurfaces {
            words.withWord(Int(number)) { word in
                stems.withWord(Int(stemOfWord[Int(number)])) { surfaces.append(word: word, stem: $0) }
            }
        }
        documentStems.removeAll(keepingCapacity: true)
        documentSurfaces.removeAll(keepingCapacity: true)

        var filters: [(key: String, name: String)] = []
        if let section = item.categories.first { filters.append((SearchIndex.filterKey(.section, section), section)) }
        for author in item.authors { filters.append((SearchIndex.filterKey(.author, author.name), author.name)) }
        for tag in item.tags { filters.append((SearchIndex.filterKey(.tag, tag), tag)) }
        var seen = Set<String>()
        filters = filters.filter { seen.insert($0.key).inserted }.sorted { SearchIndex.precedes($0.key, $1.key) }
        return SearchDocument(
            sourcePath: item.sourcePath, key: key, result: result, lengths: lengths, terms: terms, surfaces: surfaces,
            filters: filters.map(\.key), filterNames: filters.map(\.name))
    }

    /// Counts the words of `text` (UTF-8) in `field` of the article being
    /// analysed; returns how many words it has, stop words included.
    private mutating func count(words text: UnsafeBufferPointer<UInt8>, in field: SearchDocument.Field) -> Int {
        var length = 0
        SearchText.words(in: text) { word in
            length += 1
            let (number, isNew) = words.number(of: word)
            if isNew { learn(number) }
            let stem = Int(stemOfWord[number])
            guard stem >= 0 else { return }
            if counts[stem] == SearchDocument.Counts.zero { documentStems.append(Int32(stem)) }
            counts[stem][field] += 1
            if isSurface[number] && surfaceListed[number] != articleNumber {
                surfaceListed[number] = articleNumber
                documentSurfaces.append(Int32(number))
            }
        }
        return length
    }

    /// Stems word `number`, just met for the first time.
    private mutating func learn(_ number: Int) {
        let word = words.word(number)
        surfaceListed.append(0)
        guard !stopWords.contains(word) else {
            stemOfWord.append(-1)
            isSurface.append(false)
            return
        }
        var stem = stemmer?.stem(word) ?? word
        let (stemNumber, isNewStem) = stem.withUTF8 { stems.number(of: $0) }
        if isNewStem { counts.append(SearchDocument.Counts.zero) }
        stemOfWord.append(Int32(stemNumber))
        isSurface.append(stem != word)
    }

    /// The stem of a folded word.
    mutating func stem(_ word: String) -> String {
        var word = word
        let (number, isNew) = word.withUTF8 { words.number(of: $0) }
        if isNew { learn(number) }
        let stem = Int(stemOfWord[number])
        return stem >= 0 ? stems.word(stem) : word
    }
}
