import Testing
@testable import Herald

@Suite struct RelatedArticlesTests {
    /// The walk with its early stops must agree with the definition: most
    /// shared tags first, then newest (the smaller index), at most four.
    @Test(arguments: [1, 2, 3])
    func agreesWithABruteForceRanking(seed: UInt64) {
        checkAgainstBruteForce(seed: seed, articleCount: 300, tagCount: 12, tagsPerArticle: 1...4)
    }

    /// Articles with many tags use every bit plane of the bit-sliced count
    /// (up to 15 tags), and more than 15 tags take the walk instead.
    @Test(arguments: [4, 5])
    func agreesWithABruteForceRankingForManyTags(seed: UInt64) {
        checkAgainstBruteForce(seed: seed, articleCount: 200, tagCount: 20, tagsPerArticle: 1...18)
    }

    private func checkAgainstBruteForce(seed: UInt64, articleCount: Int, tagCount: Int, tagsPerArticle: ClosedRange<Int>) {
        var generator = SeededGenerator(seed: seed)
        var tagsOf: [[Int]] = []
        for _ in 0..<articleCount {
            let count = Int.random(in: tagsPerArticle, using: &generator)
            tagsOf.append(Array(Set((0..<count).map { _ in Int.random(in: 0..<tagCount, using: &generator) })).sorted())
        }
        let terms = (0..<tagCount).map { tag in
            Term(name: "t\(tag)", slug: "t\(tag)", path: "/tags/t\(tag)/", articles: tagsOf.indices.filter { tagsOf[$0].contains(tag) })
        }
        let members = TermMembership(terms: terms, articleCount: articleCount)
        for article in 0..<articleCount {
            var ranked: [(article: Int, shared: Int)] = []
            for other in 0..<articleCount where other != article {
                let shared = Set(tagsOf[other]).intersection(tagsOf[article]).count
                if shared > 0 { ranked.append((other, shared)) }
            }
            ranked.sort { $0.shared != $1.shared ? $0.shared > $1.shared : $0.article < $1.article }
            let expected = ranked.prefix(4).map(\.article)
            #expect(Site.related(toArticle: article, tags: tagsOf[article], tagTerms: terms, members: members) == Array(expected))
            #expect(Site.related(toArticle: article, tags: tagsOf[article], tagTerms: terms) == Array(expected))
        }
    }
}

/// A small deterministic random number generator (SplitMix64) for tests.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
