import Foundation

/// Which articles each term holds, as bit sets, to count the articles that
/// share a set of terms without walking their lists.
struct TermMembership: Sendable {
    private let bits: [[UInt64]]
    /// Counts already made: articles with the same tags share one, so that
    /// counting (a pass over whole bit sets) is not repeated per article.
    private let counts = SharingCounts()

    /// `nil`-like (no bit sets) when they would take more than 64 MB.
    init(terms: [Term], articleCount: Int) {
        let words = (articleCount + 63) / 64
        guard terms.count * words * 8 <= 64 << 20 else {
            bits = []
            return
        }
        bits = terms.map { term in
            var set = [UInt64](repeating: 0, count: words)
            for article in term.articles { set[article / 64] |= 1 << UInt64(article % 64) }
            return set
        }
    }

    /// The same ranking as `Site.related(toArticle:)`, found 64 articles at
    /// a time: for each word of the bit sets, the number of `tags` each
    /// article has is added up bit-sliced (four bit planes count to 15), and
    /// the articles at each count are taken newest first. Stops as early as
    /// the walk does. `nil` when there are no bit sets or more than 15 tags.
    func related(toArticle article: Int, tags: [Int], limit: Int) -> [Int]? {
        guard !bits.isEmpty, !tags.isEmpty, tags.count <= 15, limit > 0 else { return nil }
        let all = tags.count
        // Articles other than this one that have every tag, counted only if
        // the second way of stopping early needs it.
        var sharingAll: Int?
        var found = Array(repeating: [Int](), count: all + 1)
        for word in bits[tags[0]].indices {
            // plane k holds bit k of each article's count of shared tags.
            var plane0: UInt64 = 0, plane1: UInt64 = 0, plane2: UInt64 = 0, plane3: UInt64 = 0
            for tag in tags {
                var carry = bits[tag][word]
                var next = plane0 & carry
                plane0 ^= carry
                carry = next
                next = plane1 & carry
                plane1 ^= carry
                carry = next
                next = plane2 & carry
                plane2 ^= carry
                carry = next
                plane3 ^= carry
            }
            var others = plane0 | plane1 | plane2 | plane3
            if article / 64 == word { others &= ~(1 << UInt64(article % 64)) }
            guard others != 0 else { continue }
            for count in stride(from: all, through: 1, by: -1) where found[count].count < limit {
                var mask = others
                mask &= count & 1 != 0 ? plane0 : ~plane0
                mask &= count & 2 != 0 ? plane1 : ~plane1
                mask &= count & 4 != 0 ? plane2 : ~plane2
                mask &= count & 8 != 0 ? plane3 : ~plane3
                while mask != 0 && found[count].count < limit {
                    found[count].append(word * 64 + mask.trailingZeroBitCount)
                    mask &= mask - 1
                }
            }
            if found[all].count == limit { break }
            if all > 1, found[all].count + found[all - 1].count >= limit {
                if sharingAll == nil { sharingAll = (countSharing(tags) ?? 0) - 1 }
                if found[all].count == min(sharingAll!, limit) { break }
            }
        }
        return Array(found.reversed().joined().prefix(limit))
    }

    /// How many articles have every one of `terms`, or `nil` when unknown.
    func countSharing(_ terms: [Int]) -> Int? {
        guard let first = terms.first, !bits.isEmpty else { return nil }
        let key = terms.sorted()
        if let known = counts[key] { return known }
        var total = 0
        for word in bits[first].indices {
            var value = bits[first][word]
            for term in terms.dropFirst() { value &= bits[term][word] }
            total += value.nonzeroBitCount
        }
        counts[key] = total
        return total
    }
}

/// Counts of articles sharing a list of terms, kept by `TermMembership` for
/// the rest of the build. Safe to use from many threads at once.
private final class SharingCounts: @unchecked Sendable {
    // Safety: `counts` is only touched while holding `lock`.
    private let lock = NSLock()
    private var counts: [[Int]: Int] = [:]

    subscript(terms: [Int]) -> Int? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return counts[terms]
        }
        set {
            lock.lock()
            counts[terms] = newValue
            lock.unlock()
        }
    }
}
