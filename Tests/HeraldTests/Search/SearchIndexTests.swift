import Foundation
import Testing
@testable import Herald

@Suite struct SearchTextTests {
    func words(_ text: String) -> [String] {
        var words: [String] = []
        SearchText.words(text) { words.append($0) }
        return words
    }

    @Test func foldsCaseAndDiacritics() {
        #expect(words("Zürich ZURICH zurich") == ["zurich", "zurich", "zurich"])
        #expect(words("Straße Ørsted café naïve ﬁnal") == ["strasse", "ørsted", "cafe", "naive", "final"])
        #expect(words("ΟΔΟΣ οδός") == ["οδοσ", "οδοσ"])
    }

    @Test func splitsAtPunctuationAndSkipsSingleLetters() {
        #expect(words("The mayor's plan—approved (6–3) on 2025-07-04, a win.") == ["the", "mayor", "plan", "approved", "on", "2025", "07", "04", "win"])
    }

    @Test func ideographsAreWordsOfTheirOwn() {
        #expect(words("東京の news") == ["東", "京", "の", "news"])
    }
}

@Suite struct StemmerTests {
    @Test func stemsWithSnowball() throws {
        let english = try #require(Stemmer(language: "en-US"))
        #expect(english.stem("flooding") == "flood")
        #expect(english.stem("floods") == "flood")
        #expect(english.stem("councils") == "council")
        let german = try #require(Stemmer(language: "de"))
        #expect(german.stem("häuser") == german.stem("haus"))
    }

    @Test func aLanguageWithoutStemmerKeepsWords() {
        #expect(Stemmer(language: "xx") == nil)
        var analyzer = SearchAnalyzer(language: "xx")
        #expect(analyzer.stem("flooding") == "flooding")
    }
}

@Suite struct SearchScoringTests {
    @Test func titleCountsAboveSummaryAboveBody() {
        let averages = [8.0, 30, 400]
        let lengths: SearchDocument.Counts = [8, 30, 400]
        let title = SearchIndex.score([1, 0, 0], lengths: lengths, averages: averages)
        let summary = SearchIndex.score([0, 1, 0], lengths: lengths, averages: averages)
        let body = SearchIndex.score([0, 0, 1], lengths: lengths, averages: averages)
        #expect(title > summary && summary > body)
        // More occurrences score more, up to saturation; a longer body less.
        #expect(SearchIndex.score([0, 0, 5], lengths: lengths, averages: averages) > body)
        #expect(SearchIndex.score([0, 0, 3], lengths: [8, 30, 4000], averages: averages) < SearchIndex.score([0, 0, 3], lengths: lengths, averages: averages))
    }

    @Test func postingsRoundTrip() {
        var list = PostingList()
        let postings = [(0, 31), (1, 1), (40, 7), (100_000, 12)]
        for (document, score) in postings { list.append(document, score: score) }
        let decoded = SearchIndexReader.decode(list.text)
        #expect(decoded.map(\.document) == postings.map(\.0))
        #expect(decoded.map(\.score) == postings.map(\.1))
    }
}

@Suite struct SearchShardingTests {
    @Test func everyKeyIsInTheShardOfItsLongestListedPrefix() {
        var entries: [SearchIndex.Entry] = []
        var seed: UInt64 = 7
        for _ in 0..<5000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let letters = (0..<(3 + Int(seed >> 60))).map { index in UInt8(ascii: "a") + UInt8((seed >> (UInt64(index) * 5)) % 26) }
            entries.append(SearchIndex.Entry(key: letters, value: String(repeating: "A", count: Int(seed >> 58)), isPosting: true))
        }
        entries.sort { $0.key.lexicographicallyPrecedes($1.key) }
        var shards: [(prefix: [UInt8], entries: [SearchIndex.Entry])] = []
        SearchIndex.split(entries[...], depth: 0, into: &shards)
        #expect(shards.count > 4)
        let prefixes = Dictionary(uniqueKeysWithValues: shards.enumerated().map { ($0.element.prefix, $0.offset) })
        #expect(prefixes.count == shards.count)
        var placed = 0
        for (index, shard) in shards.enumerated() {
            let size = shard.entries.reduce(0) { $0 + $1.size }
            #expect(size <= SearchIndex.shardBudget || shard.entries.count == 1)
            for entry in shard.entries {
                // The lookup the script does: the longest prefix that is a shard.
                let home = (0...entry.key.count).reversed().lazy.compactMap { prefixes[Array(entry.key.prefix($0))] }.first
                #expect(home == index)
                placed += 1
            }
        }
        #expect(placed == entries.count)
    }
}

@Suite struct SearchAnalyzerTests {
    /// What `analyze` must find, counted the plain way: every word folded,
    /// stop words left out, stemmed, counted per field in dictionaries.
    static func expected(title: String, metadata: String, body: String, language: String)
        -> (terms: [String: [Int]], surfaces: [String: String], lengths: [Int])
    {
        let stemmer = Stemmer(language: language)
        let stopWords = SearchAnalyzer.stopWords(language)
        var terms: [String: [Int]] = [:]
        var surfaces: [String: String] = [:]
        var lengths = [0, 0, 0]
        for (field, text) in [title, metadata, body].enumerated() {
            SearchText.words(text) { word in
                lengths[field] += 1
                guard !stopWords.contains(word) else { return }
                let stem = stemmer?.stem(word) ?? word
                if stem != word { surfaces[word] = stem }
                terms[stem, default: [0, 0, 0]][field] += 1
            }
        }
        return (terms, surfaces, lengths)
    }

    /// Many distinct words (more than the vocabulary's first table holds),
    /// some in several fields and articles, some not stemmed, stop words.
    @Test func countsEveryFieldAsThePlainWayDoes() {
        var seed: UInt64 = 11
        func word() -> String {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let endings = ["", "s", "ing", "ed", "ly", "ation"]
            let letters = (0..<(2 + Int(seed >> 61))).map { index in Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8((seed >> (UInt64(index) * 5 + 8)) % 26))) }
            return String(letters) + endings[Int((seed >> 40) % 6)]
        }
        var analyzer = SearchAnalyzer(language: "en")
        for number in 0..<6 {
            var item = ContentItem(kind: .article, sourcePath: "Content/articles/\(number).md", title: (0..<6).map { _ in word() }.joined(separator: " "), slug: "a\(number)")
            item.authors = [Person(name: "Ada Park")]
            item.tags = ["Kessick River", "floods"]
            item.categories = ["City Hall"]
            let summary = "The " + (0..<12).map { _ in word() }.joined(separator: ", ")
            let body = (0..<1_500).map { index in index % 9 == 0 ? "the" : index % 7 == 0 ? "Zürich" : word() }.joined(separator: " ")
            let result = SearchDocument.Result(url: "/a/", title: item.title, date: "", section: "City Hall", summary: summary, image: "")
            let document = analyzer.analyze(item, summary: summary, body: Array(body.utf8), result: result, key: 1)
            let metadata = ([summary, "Ada Park", "Kessick River", "floods", "City Hall"]).joined(separator: " \n ")
            let expected = Self.expected(title: item.title, metadata: metadata, body: body, language: "en")
            #expect(document.terms.map(\.stem) == expected.terms.keys.sorted { SearchIndex.precedes($0, $1) })
            for term in document.terms {
                #expect([term.counts.title, term.counts.summary, term.counts.body].map(Int.init) == expected.terms[term.stem], "\(term.stem)")
            }
            #expect(document.surfaces.map(\.word) == expected.surfaces.keys.sorted { SearchIndex.precedes($0, $1) })
            #expect(document.surfaces.allSatisfy { expected.surfaces[$0.word] == $0.stem })
            #expect([document.lengths.title, document.lengths.summary, document.lengths.body].map(Int.init) == expected.lengths)
        }
    }
}

@Suite struct PackedTermsTests {
    @Test func termsAndSurfacesRoundTripAndCutBytesAreNeverReadPast() throws {
        let written: [(String, SearchDocument.Counts)] = [("flood", [1, 0, 300]), ("zürich", [0, 2, 0]), (String(repeating: "a", count: 200), [70_000, 1, 1])]
        var terms = SearchDocument.Terms()
        var surfaces = SearchDocument.Surfaces()
        for (stem, counts) in written {
            var stem = stem
            stem.withUTF8 { terms.append(stem: $0, counts: counts) }
            var word = stem + "s"
            word.withUTF8 { word in stem.withUTF8 { surfaces.append(word: word, stem: $0) } }
        }
        #expect(terms.map(\.stem) == written.map(\.0))
        #expect(terms.map(\.counts) == written.map(\.1))
        #expect(surfaces.map(\.word) == written.map { $0.0 + "s" } && surfaces.map(\.stem) == written.map(\.0))
        #expect(SearchDocument.Terms(validating: terms.packed) == terms)
        #expect(SearchDocument.Surfaces(validating: surfaces.packed) == surfaces)
        // A cache cut anywhere reads as whole terms up to the cut, or not at all.
        let bytes = terms.packed.bytes
        for cut in 0..<bytes.count {
            let read = SearchDocument.Terms(validating: PackedWords(bytes: Array(bytes.prefix(cut))))
            if let read { #expect(written.map(\.0).starts(with: read.map(\.stem)) && read.map(\.stem).count < written.count) }
        }
        #expect(SearchDocument.Terms(validating: PackedWords(bytes: Array(bytes.prefix(3)))) == nil)
        #expect(SearchDocument.Surfaces(validating: PackedWords(bytes: [200])) == nil)
    }
}
