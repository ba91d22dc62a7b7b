import Foundation

/// Each article's related articles (see `Site.related(toArticle:)`), worked
/// out the first time a render asks for them and kept for the rest of the
/// build. A build that renders few article pages (an incremental one) then
/// pays for few lists instead of one per article of the site; a full build
/// computes them on the render threads, spread over every core.
final class RelatedArticles: @unchecked Sendable {
    // Safety: `lists` is only touched while holding `lock`; the rest is
    // immutable after `init`.
    private let tagTerms: [Term]
    /// For each article, the indices of its tags in `tagTerms`.
    private let tags: [[Int]]
    private let members: TermMembership
    private let lock = NSLock()
    private var lists: [[Int]?]

    /// Articles with no tags taxonomy have no related articles.
    init(tagTerms: [Term], tags: [[Int]]) {
        self.tagTerms = tagTerms
        self.tags = tags
        members = TermMembership(terms: tagTerms, articleCount: tags.count)
        lists = Array(repeating: nil, count: tags.count)
    }

    subscript(article: Int) -> [Int] {
        lock.lock()
        let known = lists[article]
        lock.unlock()
        if let known { return known }
        // Computed outside the lock: two threads may both compute one list,
        // which is harmless (the result is the same) and rarer than waiting.
        let list = Site.related(toArticle: article, tags: tags[article], tagTerms: tagTerms, members: members)
        lock.lock()
        lists[article] = list
        lock.unlock()
        return list
    }
}
