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
        let analyzer = SearchAnalyzer(language: "xx")
        #expect(analyzer.stem("flooding") == "flooding")
    }
}

@Suite struct SearchScoringTests {
    @Test func titleCountsAboveSummaryAboveBody() {
        let averages = [8.0, 30, 400]
        let lengths = [8, 30, 400]
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
