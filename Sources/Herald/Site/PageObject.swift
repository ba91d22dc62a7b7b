/// An article or standalone page as templates see it (`page`, and every
/// entry of `site.articles`, `term.articles`, `paginator.items`).
///
/// Members are computed on demand from the shared `Site`, so neighbours and
/// related articles cost nothing until a template asks for them.
struct PageObject: TemplateObject {
    let site: Site
    let kind: ContentItem.Kind
    /// Index into `site.articles` or `site.pages`.
    let index: Int

    /// Borrowed, not copied: copying the whole item on every member lookup
    /// retains each of its strings and was a hot spot of rendering.
    var item: ContentItem {
        _read {
            if kind == .article { yield site.articles[index] } else { yield site.pages[index] }
        }
    }

    static let names = [
        "kind", "title", "slug", "url", "permalink", "canonical", "content", "summary", "standfirst", "description", "date",
        "updated", "authors", "tags", "categories", "section", "image", "image_permalink", "image_alt",
        "image_caption", "image_credit", "word_count", "reading_time", "params", "prev", "next", "related", "source",
    ]

    var memberNames: [String] { Self.names }

    func member(_ name: String) -> Value? {
        let url = site.config.url
        switch name {
        case "content", "summary", "description", "word_count", "reading_time":
            RenderDependencies.current?.record(item.sourcePath)
        default: break
        }
        switch name {
        case "kind": return .string(item.kind.rawValue)
        case "title": return .string(item.title)
        case "slug": return .string(item.slug)
        case "url": return .string(item.url)
        case "permalink": return .string(item.permalink)
        case "canonical": return .string(item.canonical ?? item.permalink)
        case "content": return .html(item.contentHTML)
        case "summary": return .html(item.summaryHTML)
        case "standfirst": return item.standfirstHTML.map(Value.html) ?? Value.none
        case "description": return .string(item.summaryText)
        case "date": return item.date.map(Value.date) ?? Value.none
        case "updated": return item.updated.map(Value.date) ?? Value.none
        case "authors":
            guard kind == .article, let taxonomy = site.taxonomyIndex(named: "authors") else {
                return .list(item.authors.map { .map(["name": .string($0.name), "url": .none, "permalink": .none]) })
            }
            return terms(taxonomy)
        case "tags": return site.taxonomyIndex(named: "tags").map(terms) ?? .list([])
        case "categories": return site.taxonomyIndex(named: "categories").map(terms) ?? .list([])
        case "section":
            guard case .list(let categories) = member("categories") ?? Value.none, let first = categories.first else { return Value.none }
            return first
        case "image": return item.image.map { .string(SiteLinks.served($0.src, site: url)) } ?? Value.none
        case "image_permalink": return item.image.map { .string(SiteLinks.absolute($0.src, site: url)) } ?? Value.none
        case "image_alt": return item.image?.alt.map(Value.string) ?? Value.none
        case "image_caption": return item.image?.caption.map(Value.string) ?? Value.none
        case "image_credit": return item.image?.credit.map(Value.string) ?? Value.none
        case "word_count": return .int(item.wordCount)
        case "reading_time": return .int(item.readingTime)
        case "params": return .map(item.params)
        case "prev":
            // Articles are newest first, so the older neighbour comes next in the list.
            guard kind == .article, index + 1 < site.articles.count else { return Value.none }
            return .object(PageObject(site: site, kind: .article, index: index + 1))
        case "next":
            guard kind == .article, index > 0 else { return Value.none }
            return .object(PageObject(site: site, kind: .article, index: index - 1))
        case "related":
            guard kind == .article else { return .list([]) }
            return .list(site.relatedArticles[index].map { .object(PageObject(site: site, kind: .article, index: $0)) })
        case "source": return .string(item.sourcePath)
        default: return nil
        }
    }

    private func terms(_ taxonomy: Int) -> Value {
        guard kind == .article else {
            let names = site.taxonomies[taxonomy].name == "tags" ? item.tags : item.categories
            return .list(names.map { .map(["name": .string($0)]) })
        }
        return .list(site.terms(ofArticle: index, taxonomy: taxonomy).map {
            .object(TermObject(site: site, taxonomy: taxonomy, index: $0))
        })
    }
}

/// A tag, category or author as templates see it (`term`, `page.tags`, …).
struct TermObject: TemplateObject {
    let site: Site
    let taxonomy: Int
    let index: Int

    var term: Term { site.taxonomies[taxonomy].terms[index] }

    /// A term prints as its name, so `{{ page.tags | join(", ") }}` reads well.
    var text: String? { term.profile?.name ?? term.name }

    static let names = [
        "name", "slug", "url", "permalink", "count", "articles", "taxonomy", "feeds", "bio", "role", "photo", "email", "uri",
    ]

    var memberNames: [String] { Self.names }

    func member(_ name: String) -> Value? {
        let term = self.term
        let url = site.config.url
        switch name {
        case "name": return .string(term.profile?.name ?? term.name)
        case "slug": return .string(term.slug)
        case "url": return .string(term.url)
        case "permalink": return .string(term.permalink)
        case "count": return .int(term.articles.count)
        case "articles": return .list(term.articles.map { .object(PageObject(site: site, kind: .article, index: $0)) })
        case "taxonomy": return .string(site.taxonomies[taxonomy].name)
        case "feeds":
            return site.config.feeds.taxonomies ? SiteValues.feedLinks(directory: term.path, title: "\(site.config.title): \(term.name)", site: site) : .list([])
        case "bio": return term.bioHTML.map(Value.html) ?? Value.none
        case "role": return term.profile?.role.map(Value.string) ?? Value.none
        case "photo": return term.profile?.photo.map { .string(SiteLinks.served($0, site: url)) } ?? Value.none
        case "email": return term.profile?.email.map(Value.string) ?? Value.none
        case "uri": return term.profile?.uri.map(Value.string) ?? Value.none
        default: return nil
        }
    }
}
