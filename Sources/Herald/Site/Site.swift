/// The published site: every article, page and term with its URL, ready to
/// be rendered. Immutable, so render threads share it freely.
public final class Site: Sendable {
    public let config: SiteConfig
    /// Published articles, newest first.
    public let articles: [ContentItem]
    /// Published standalone pages, by title.
    public let pages: [ContentItem]
    let taxonomies: [Taxonomy]
    /// For each article, for each taxonomy: the indices of its terms.
    let articleTerms: [[[Int]]]

    init(config: SiteConfig, articles: [ContentItem], pages: [ContentItem], taxonomies: [Taxonomy]) {
        self.config = config
        self.articles = articles
        self.pages = pages
        self.taxonomies = taxonomies
        var articleTerms = Array(repeating: Array(repeating: [Int](), count: taxonomies.count), count: articles.count)
        for (taxonomyIndex, taxonomy) in taxonomies.enumerated() {
            for (termIndex, term) in taxonomy.terms.enumerated() {
                for article in term.articles {
                    articleTerms[article][taxonomyIndex].append(termIndex)
                }
            }
        }
        self.articleTerms = articleTerms
    }

    func taxonomyIndex(named name: String) -> Int? {
        taxonomies.firstIndex { $0.name == name }
    }

    /// The terms of one article in one taxonomy, in the order its front matter names them.
    func terms(ofArticle article: Int, taxonomy: Int) -> [Int] {
        let item = articles[article]
        let names: [String]
        switch taxonomies[taxonomy].name {
        case "tags": names = item.tags
        case "categories": names = item.categories
        case "authors": names = item.authors.map(\.name)
        default: return articleTerms[article][taxonomy]
        }
        let index = taxonomies[taxonomy].termIndex
        var seen = Set<Int>()
        return names.compactMap { index[Slug.make($0)] }.filter { seen.insert($0).inserted }
    }

    /// Up to `limit` other articles sharing the most tags, newest first among equals.
    func related(toArticle article: Int, limit: Int = 4) -> [Int] {
        guard let tags = taxonomyIndex(named: "tags") else { return [] }
        var shared: [Int: Int] = [:]
        for term in articleTerms[article][tags] {
            for other in taxonomies[tags].terms[term].articles where other != article {
                shared[other, default: 0] += 1
            }
        }
        // Article indices grow as articles get older, so a smaller index is newer.
        return shared.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(limit).map(\.key)
    }
}
