/// Builds the variables templates receive (docs/variables.md) from a `Site`.
struct SiteValues: Sendable {
    let site: Site
    /// `site`, built once per build and shared by every render.
    let siteValue: Value

    /// `data` is `site.data` (the site's data files).
    init(site: Site, data: SiteData = SiteData()) {
        self.site = site
        let config = site.config
        var taxonomies: [String: Value] = [:]
        for (taxonomyIndex, taxonomy) in site.taxonomies.enumerated() {
            taxonomies[taxonomy.name] = .list(taxonomy.terms.indices.map {
                .object(TermObject(site: site, taxonomy: taxonomyIndex, index: $0))
            })
        }
        let author: Value = [
            "name": .string(config.author.name),
            "email": config.author.email.map(Value.string) ?? .none,
            "uri": config.author.uri.map(Value.string) ?? .none,
        ]
        siteValue = .map([
            "title": .string(config.title),
            "description": .string(config.description),
            "language": .string(config.language),
            "timezone": .string(config.timeZone.identifier),
            "url": .string(config.url.description),
            "base_path": .string(config.url.basePath),
            "author": author,
            "copyright": config.copyright.map(Value.string) ?? .none,
            "logo": config.logo.map { .string(SiteLinks.served($0, site: config.url)) } ?? .none,
            "icon": config.icon.map { .string(SiteLinks.served($0, site: config.url)) } ?? .none,
            "params": .map(config.params),
            "data": .object(DataObject(data)),
            // The theme shows the search box and loads the search script only when there is an index.
            "search": config.search.engine == .herald
                ? ["engine": "herald", "url": .string(config.url.relative("/search/")), "index": .string(config.url.relative("/search/index/"))]
                : ["engine": "none", "url": .none, "index": .none],
            "articles": .list(site.listedArticles.map { .object(PageObject(site: site, kind: .article, index: $0)) }),
            "pages": .list(site.listedPages.map { .object(PageObject(site: site, kind: .page, index: $0)) }),
            "taxonomies": .map(taxonomies),
            // Each taxonomy's index page, so themes link it wherever `path` puts it.
            "taxonomy_indexes": .map(Dictionary(site.taxonomies.indices.map { (site.taxonomies[$0].name, Self.taxonomyValue(site.taxonomies[$0], config: config)) }, uniquingKeysWith: { first, _ in first })),
            // Which optional outputs the site writes, so themes link only those.
            "outputs": .map(Dictionary(OutputSettings.keys.map { ($0.name, Value.bool(config.outputs[keyPath: $0.field])) }, uniquingKeysWith: { first, _ in first })),
            "lists": .map(Dictionary(site.lists.map { ($0.settings.name, $0.value(config: config)) }, uniquingKeysWith: { first, _ in first })),
            "feeds": Self.feedLinks(directory: "/", title: config.title, config: config),
            "corrections": Self.correctionsValue(site: site),
            "generator": ["name": "Herald", "version": .string(HeraldVersion.current), "uri": .none],
        ])
    }

    /// `site.corrections`: `url`, `permalink`, `policy` (served URL or none),
    /// `feeds`, and `count` of the site's corrections.
    static func correctionsValue(site: Site) -> Value {
        let config = site.config, settings = config.corrections
        let count = site.articles.reduce(0) { $0 + $1.corrections.count } + site.pages.reduce(0) { $0 + $1.corrections.count }
        return [
            "url": .string(config.url.relative(settings.path)),
            "permalink": .string(config.url.absolute(settings.path)),
            "policy": settings.policy.map { .string(SiteLinks.served($0, site: config.url)) } ?? .none,
            "policy_permalink": settings.policy.map { .string(SiteLinks.absolute($0, site: config.url)) } ?? .none,
            "feeds": settings.feeds ? feedLinks(directory: settings.path, title: "\(config.title): Corrections", config: config) : .list([]),
            "count": .int(count),
        ]
    }

    /// The variables of one render: `site`, the current URL, and `extra`.
    func context(path: String, _ extra: [String: Value] = [:]) -> [String: Value] {
        var context = extra
        context["site"] = siteValue
        context["current_url"] = .string(site.config.url.relative(path))
        context["current_permalink"] = .string(site.config.url.absolute(path))
        return context
    }

    /// `{format, url, permalink, type, title}` for each feed format in `directory`.
    static func feedLinks(directory: String, title: String, config: SiteConfig) -> Value {
        .list(config.feeds.formats.map { format in
            let path = directory + format.fileName
            return [
                "format": .string(format.rawValue),
                "url": .string(config.url.relative(path)),
                "permalink": .string(config.url.absolute(path)),
                "type": .string(format.mediaType),
                "title": .string("\(title) (\(format.displayName))"),
            ]
        })
    }

    func pageValue(_ kind: ContentItem.Kind, _ index: Int) -> Value {
        .object(PageObject(site: site, kind: kind, index: index))
    }

    func termValue(taxonomy: Int, term: Int) -> Value {
        .object(TermObject(site: site, taxonomy: taxonomy, index: term))
    }

    func taxonomyValue(_ taxonomy: Int) -> Value {
        Self.taxonomyValue(site.taxonomies[taxonomy], config: site.config)
    }

    /// `{name, title, url, permalink}` of a taxonomy and its index page.
    static func taxonomyValue(_ taxonomy: Taxonomy, config: SiteConfig) -> Value {
        [
            "name": .string(taxonomy.name),
            "title": .string(taxonomy.title),
            "url": .string(config.url.relative(taxonomy.path)),
            "permalink": .string(config.url.absolute(taxonomy.path)),
        ]
    }

    /// The archive's `years`: newest first, each with its months, newest first.
    func years() -> Value {
        var years: [Value] = []
        var currentYear: (year: Int, months: [Value], count: Int)?
        var currentMonth: (month: Int, articles: [Value])?
        func closeMonth() {
            guard let month = currentMonth else { return }
            currentYear?.months.append([
                "month": .int(month.month), "name": .string(MonthNames.english[month.month - 1]),
                "count": .int(month.articles.count), "articles": .list(month.articles),
            ])
            currentMonth = nil
        }
        func closeYear() {
            closeMonth()
            guard let year = currentYear else { return }
            years.append(["year": .int(year.year), "count": .int(year.count), "months": .list(year.months)])
            currentYear = nil
        }
        for index in site.listedArticles {
            guard let date = site.articles[index].date else { continue }
            let fields = CivilDate.fields(of: date, in: site.config.timeZone)
            if currentYear?.year != fields.year {
                closeYear()
                currentYear = (fields.year, [], 0)
            }
            if currentMonth?.month != fields.month {
                closeMonth()
                currentMonth = (fields.month, [])
            }
            currentMonth?.articles.append(pageValue(.article, index))
            currentYear?.count += 1
        }
        closeYear()
        return .list(years)
    }
}

enum MonthNames {
    static let english = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
}

extension FeedFormat {
    /// File name of the feed inside its folder (DESIGN §6).
    public var fileName: String {
        switch self {
        case .atom: return "feed.xml"
        case .rss: return "rss.xml"
        case .json: return "feed.json"
        }
    }

    public var mediaType: String {
        switch self {
        case .atom: return "application/atom+xml"
        case .rss: return "application/rss+xml"
        case .json: return "application/feed+json"
        }
    }

    var displayName: String {
        switch self {
        case .atom: return "Atom"
        case .rss: return "RSS"
        case .json: return "JSON Feed"
        }
    }
}
