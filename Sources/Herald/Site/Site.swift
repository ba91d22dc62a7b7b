import Foundation

/// The published site: every article, page and term with its URL, ready to
/// be rendered. Immutable, so render threads share it freely.
public final class Site: Sendable {
    public let config: SiteConfig
    /// Published articles, newest first.
    public let articles: [ContentItem]
    /// Published standalone pages, by title.
    public let pages: [ContentItem]
    let taxonomies: [Taxonomy]
    /// The build's "now" (DESIGN §6): whether a live story is still open.
    let now: Date
    /// The listings of `lists:`, in site.yml's order.
    let lists: [Listing]
    /// The articles and pages that listings and feeds show (all but those
    /// with `list: false`), as indices, in the site's order.
    let listedArticles: [Int]
    let listedPages: [Int]

    /// For each article, its related articles (see `related(toArticle:)`),
    /// computed when first asked for.
    let relatedArticles: RelatedArticles

    /// The articles and pages again, each held by reference, for the
    /// template objects that read them many times per page.
    let articleRecords: [PageRecord]
    let pageRecords: [PageRecord]
    /// For each taxonomy, its terms by reference.
    let termRecords: [[TermRecord]]
    /// Where the built-in taxonomies are in `taxonomies`, if configured.
    let tagsTaxonomy: Int?
    let categoriesTaxonomy: Int?
    let authorsTaxonomy: Int?

    init(config: SiteConfig, articles: [ContentItem], pages: [ContentItem], taxonomies: [Taxonomy], now: Date) {
        self.config = config
        self.now = now
        self.articles = articles
        self.pages = pages
        let categoriesTaxonomy = taxonomies.firstIndex { $0.name == "categories" }
        tagsTaxonomy = taxonomies.firstIndex { $0.name == "tags" }
        self.categoriesTaxonomy = categoriesTaxonomy
        authorsTaxonomy = taxonomies.firstIndex { $0.name == "authors" }
        var taxonomies = taxonomies
        for taxonomy in taxonomies.indices {
            for term in taxonomies[taxonomy].terms.indices {
                let path = taxonomies[taxonomy].terms[term].path
                taxonomies[taxonomy].terms[term].url = config.url.relative(path)
                taxonomies[taxonomy].terms[term].permalink = config.url.absolute(path)
            }
        }
        self.taxonomies = taxonomies
        let listedArticles = articles.indices.filter { articles[$0].listed }
        self.listedArticles = listedArticles
        listedPages = pages.indices.filter { pages[$0].listed }
        lists = config.lists.map { settings in
            Listing(settings: settings, articles: Listing.articles(matching: settings.filter, in: taxonomies, candidates: listedArticles), config: config)
        }
        termRecords = taxonomies.enumerated().map { taxonomy, entry in
            entry.terms.enumerated().map { TermRecord(term: $1, taxonomy: taxonomy, index: $0, hasFeeds: entry.hasFeeds, config: config) }
        }
        // Other taxonomies list an article's terms in term order, from the
        // terms' article lists; the built-in ones in front-matter order, as
        // `Taxonomy.build` found them.
        var articleTerms = Array(repeating: Array(repeating: [Int](), count: taxonomies.count), count: articles.count)
        for (taxonomyIndex, taxonomy) in taxonomies.enumerated() {
            if Self.builtInTaxonomies.contains(taxonomy.name) {
                for article in taxonomy.articleTerms.indices { articleTerms[article][taxonomyIndex] = taxonomy.articleTerms[article] }
                continue
            }
            for (termIndex, term) in taxonomy.terms.enumerated() {
                for article in term.articles {
                    articleTerms[article][taxonomyIndex].append(termIndex)
                }
            }
        }
        articleRecords = articles.enumerated().map { index, item in
            PageRecord(item: item, index: index, siteURL: config.url, terms: articleTerms[index],
                       section: categoriesTaxonomy.flatMap { articleTerms[index][$0].first })
        }
        pageRecords = pages.enumerated().map { PageRecord(item: $1, index: $0, siteURL: config.url, terms: [], section: nil) }
        if let tags = taxonomies.firstIndex(where: { $0.name == "tags" }) {
            relatedArticles = RelatedArticles(tagTerms: taxonomies[tags].terms, tags: articleTerms.map { $0[tags] })
        } else {
            relatedArticles = RelatedArticles(tagTerms: [], tags: Array(repeating: [], count: articles.count))
        }
    }

    /// This site with some items replaced (by position in `articles` and
    /// `pages`) by new versions of the same metadata, as an edit of their
    /// bodies gives, at the build's `now`. Terms, listings and related
    /// articles follow from metadata alone, so they are shared, not worked
    /// out again: what lets `serve` rebuild a site of 10,000 articles in a
    /// millisecond (see `WarmBuild`).
    func replacing(articles changedArticles: [Int: ContentItem], pages changedPages: [Int: ContentItem], now: Date) -> Site {
        var articles = self.articles, articleRecords = self.articleRecords
        for (index, item) in changedArticles {
            articles[index] = item
            let old = articleRecords[index]
            articleRecords[index] = PageRecord(item: item, index: index, siteURL: config.url, terms: old.terms, section: old.section)
        }
        var pages = self.pages, pageRecords = self.pageRecords
        for (index, item) in changedPages {
            pages[index] = item
            pageRecords[index] = PageRecord(item: item, index: index, siteURL: config.url, terms: [], section: nil)
        }
        return Site(
            copying: self, articles: articles, pages: pages, articleRecords: articleRecords, pageRecords: pageRecords, now: now)
    }

    private init(copying site: Site, articles: [ContentItem], pages: [ContentItem], articleRecords: [PageRecord], pageRecords: [PageRecord], now: Date) {
        config = site.config
        self.now = now
        self.articles = articles
        self.pages = pages
        taxonomies = site.taxonomies
        lists = site.lists
        listedArticles = site.listedArticles
        listedPages = site.listedPages
        relatedArticles = site.relatedArticles
        self.articleRecords = articleRecords
        self.pageRecords = pageRecords
        termRecords = site.termRecords
        tagsTaxonomy = site.tagsTaxonomy
        categoriesTaxonomy = site.categoriesTaxonomy
        authorsTaxonomy = site.authorsTaxonomy
    }

    /// Taxonomies whose terms come from front-matter keys of their own.
    static let builtInTaxonomies: Set<String> = ["tags", "categories", "authors"]

    /// Up to `limit` other articles sharing the most tags, newest first among equals.
    ///
    /// Walks the article lists of the article's tags together, newest first
    /// (each list is sorted by article index, and a smaller index is newer),
    /// counting in how many lists each article appears. The first `limit`
    /// articles met at each count are the newest with that count, and the walk
    /// stops as soon as `limit` articles share every tag: no other can rank
    /// higher. This never sorts or hashes a whole tag's articles, which would
    /// make related articles quadratic in the size of the site.
    ///
    /// When `members` knows how many articles share every tag, the walk also
    /// stops once all of those and enough articles sharing all tags but one
    /// have been met, which is the common case on large sites.
    static func related(toArticle article: Int, tags: [Int], tagTerms: [Term], members: TermMembership? = nil, limit: Int = 4) -> [Int] {
        if let members, let related = members.related(toArticle: article, tags: tags, limit: limit) { return related }
        let lists = tags.map { tagTerms[$0].articles }
        guard !lists.isEmpty, limit > 0 else { return [] }
        // Articles other than this one that have every tag of this one.
        let sharingAll = members?.countSharing(tags).map { $0 - 1 }
        var positions = Array(repeating: 0, count: lists.count)
        var found = Array(repeating: [Int](), count: lists.count + 1)
        while true {
            var next = Int.max
            for (list, position) in zip(lists, positions) where position < list.count {
                next = min(next, list[position])
            }
            if next == Int.max { break }
            var count = 0
            for index in lists.indices where positions[index] < lists[index].count && lists[index][positions[index]] == next {
                count += 1
                positions[index] += 1
            }
            if next != article && found[count].count < limit {
                found[count].append(next)
                if count == lists.count && found[count].count == limit { break }
                if let sharingAll, found[lists.count].count == min(sharingAll, limit),
                    found[lists.count].count + found[lists.count - 1].count >= limit
                {
                    break
                }
            }
        }
        return Array(found.reversed().joined().prefix(limit))
    }
}
