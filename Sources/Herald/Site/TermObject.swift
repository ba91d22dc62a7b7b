/// A tag, category or author as templates see it (`term`, `page.tags`, …).
struct TermObject: TemplateObject {
    let site: Site
    let record: TermRecord

    init(site: Site, taxonomy: Int, index: Int) {
        self.site = site
        self.record = site.termRecords[taxonomy][index]
    }

    var term: Term { record.term }
    var taxonomy: Int { record.taxonomy }

    /// A term prints as its name, so `{{ page.tags | join(", ") }}` reads well.
    var text: String? { record.term.profile?.name ?? record.term.name }

    static let names = [
        "name", "slug", "url", "permalink", "count", "articles", "taxonomy", "feeds", "bio", "role", "photo", "email", "uri",
    ]

    var memberNames: [String] { Self.names }

    func member(_ name: String) -> Value? {
        member(MemberName(name))
    }

    func member(_ name: MemberName) -> Value? {
        let url = site.config.url
        switch name.symbol {
        case .name: return .string(record.term.profile?.name ?? record.term.name)
        case .slug: return .string(record.term.slug)
        case .url: return .string(record.term.url)
        case .permalink: return .string(record.term.permalink)
        case .count: return .int(record.term.articles.count)
        case .articles: return .list(record.term.articles.map { .object(PageObject(site: site, kind: .article, index: $0)) })
        case .taxonomy: return .string(site.taxonomies[taxonomy].name)
        case .feeds: return record.feeds
        case .bio: return record.term.bioHTML.map(Value.html) ?? Value.none
        case .role: return record.term.profile?.role.map(Value.string) ?? Value.none
        case .photo: return record.term.profile?.photo.map { .string(SiteLinks.served($0, site: url)) } ?? Value.none
        case .email: return record.term.profile?.email.map(Value.string) ?? Value.none
        case .uri: return record.term.profile?.uri.map(Value.string) ?? Value.none
        default: return nil
        }
    }
}
