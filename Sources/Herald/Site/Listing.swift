/// One listing of `lists:` and the articles it shows.
struct Listing: Sendable {
    let settings: ListSettings
    /// Indices into `Site.articles`, newest first.
    let articles: [Int]
    let perPage: Int
    /// Whether it has feeds (its own `feeds`, and the site writes feeds).
    let hasFeeds: Bool

    init(settings: ListSettings, articles: [Int], config: SiteConfig) {
        self.settings = settings
        self.articles = articles
        perPage = settings.paginate ?? config.paginate
        hasFeeds = settings.feeds && !config.feeds.formats.isEmpty
    }

    /// The articles (of `candidates`, newest first) filed under every term
    /// of `filter`; a term no article has gives none.
    static func articles(matching filter: [ListSettings.TermCondition], in taxonomies: [Taxonomy], candidates: [Int]) -> [Int] {
        var result = candidates
        for condition in filter {
            guard let taxonomy = taxonomies.first(where: { $0.name == condition.taxonomy }),
                let term = taxonomy.termIndex[Slug.make(condition.term)]
            else { return [] }
            // Both lists are in site order (newest first), so one walk keeps the common ones.
            let filed = taxonomy.terms[term].articles
            var kept: [Int] = []
            var position = 0
            for article in result {
                while position < filed.count && filed[position] < article { position += 1 }
                if position < filed.count && filed[position] == article { kept.append(article) }
            }
            result = kept
        }
        return result
    }

    /// `list` in its templates and `site.lists.NAME` elsewhere.
    func value(config: SiteConfig) -> Value {
        [
            "name": .string(settings.name),
            "title": .string(settings.title),
            "url": .string(config.url.relative(settings.path)),
            "permalink": .string(config.url.absolute(settings.path)),
            "count": .int(articles.count),
            "feeds": hasFeeds ? SiteValues.feedLinks(directory: settings.path, title: "\(config.title): \(settings.title)", config: config) : .list([]),
        ]
    }
}
