import Testing
@testable import Herald

@Suite struct RelatedArticlesTests {
    /// The walk with its early stops must agree with the definition: most
    /// shared tags first, then newest (the smaller index), at most four.
    @Test(arguments: [1, 2, 3])
    func agreesWithABruteForceRanking(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let articleCount = 300
        let tagCount = 12
        var tagsOf: [[Int]] = []
        for _ in 0..<articleCount {
            tagsOf.append(Array(Set((0..<Int.random(in: 1...4, using: &generator)).map { _ in Int.random(in: 0..<tagCount, using: &generator) })).sorted())
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
