/// An article or standalone page as templates see it (`page`, and every
/// entry of `site.articles`, `term.articles`, `paginator.items`).
///
/// Members are computed on demand from the shared `Site`, so neighbours and
/// related articles cost nothing until a template asks for them.
struct PageObject: TemplateObject {
    let site: Site
    let record: PageRecord

    init(site: Site, kind: ContentItem.Kind, index: Int) {
        self.site = site
        self.record = kind == .article ? site.articleRecords[index] : site.pageRecords[index]
    }

    var kind: ContentItem.Kind { record.item.kind }
    var index: Int { record.index }

    static let names = [
        "kind", "title", "slug", "url", "permalink", "canonical", "content", "summary", "standfirst", "description", "date",
        "updated", "authors", "tags", "categories", "section", "image", "image_permalink", "image_alt",
        "image_caption", "image_credit", "image_focus", "word_count", "reading_time", "toc", "params", "prev", "next", "related", "source",
        "corrections", "access", "live", "live_open", "live_until", "live_updates", "modified",
    ]

    var memberNames: [String] { Self.names }

    func member(_ name: String) -> Value? {
        member(MemberName(name))
    }

    func member(_ name: MemberName) -> Value? {
        switch name.symbol {
        case .content, .wordCount, .readingTime, .toc, .liveUpdates:
            RenderDependencies.current?.record(record.item.sourcePath)
        case .modified:
            // A live story's newest update is its body's (see `ContentItemFields`).
            if !record.item.liveUpdateDates.isEmpty { RenderDependencies.current?.record(record.item.sourcePath) }
        case .summary, .description:
            // A summary from front matter is metadata, not body: an edit of
            // it renders everything (see `ContentItemFields.metadataDigest`).
            if record.item.standfirstHTML == nil { RenderDependencies.current?.record(record.item.sourcePath) }
        default: break
        }
        switch name.symbol {
        case .kind: return .string(record.item.kind.rawValue)
        case .title: return .string(record.item.title)
        case .slug: return .string(record.item.slug)
        case .url: return .string(record.item.url)
        case .permalink: return .string(record.item.permalink)
        case .canonical: return .string(record.item.canonical ?? record.item.permalink)
        case .content: return .html(record.item.contentHTML)
        case .summary: return .html(record.item.summaryHTML)
        case .standfirst: return record.item.standfirstHTML.map(Value.html) ?? Value.none
        case .description: return .string(record.item.summaryText)
        case .date: return record.item.date.map(Value.date) ?? Value.none
        case .updated: return record.item.updated.map(Value.date) ?? Value.none
        case .authors:
            guard record.item.kind == .article, let taxonomy = site.authorsTaxonomy else {
                return .list(record.item.authors.map { .map(["name": .string($0.name), "url": .none, "permalink": .none]) })
            }
            return terms(taxonomy)
        case .tags: return site.tagsTaxonomy.map(terms) ?? .list([])
        case .categories: return site.categoriesTaxonomy.map(terms) ?? .list([])
        case .section:
            // The first category, without building the list of all of them.
            guard let taxonomy = site.categoriesTaxonomy else { return Value.none }
            guard record.item.kind == .article else { return record.item.categories.first.map { .map(["name": .string($0)]) } ?? Value.none }
            guard let first = record.section else { return Value.none }
            return .object(TermObject(site: site, taxonomy: taxonomy, index: first))
        case .image: return record.image
        case .imagePermalink: return record.imagePermalink
        case .imageAlt: return record.imageAlt
        case .imageCaption: return record.imageCaption
        case .imageCredit: return record.imageCredit
        case .imageFocus: return record.imageFocus
        case .wordCount: return .int(record.item.wordCount)
        case .readingTime: return .int(record.item.readingTime)
        case .toc: return TableOfContents.value(of: record.item.toc)
        case .params: return .map(record.item.params)
        case .prev:
            // Articles are newest first, so the older neighbour comes next in the list.
            guard record.item.kind == .article else { return Value.none }
            return neighbour(from: index + 1, by: 1)
        case .next:
            guard record.item.kind == .article else { return Value.none }
            return neighbour(from: index - 1, by: -1)
        case .related:
            guard record.item.kind == .article else { return .list([]) }
            // Only articles with a page to link to (`render` and `list` not false).
            return .list(site.relatedArticles[index].filter { site.articles[$0].hasListedPage }.map {
                .object(PageObject(site: site, kind: .article, index: $0))
            })
        case .source: return .string(record.item.sourcePath)
        case .corrections: return CorrectionsLog.values(of: record.item)
        case .access: return .string(record.item.access.rawValue)
        case .live: return .bool(record.item.live)
        case .liveOpen: return .bool(record.item.live && LiveCoverage.isOpen(from: record.item.date, until: record.item.liveUntil, now: site.now))
        case .liveUntil: return record.item.liveUntil.map(Value.date) ?? Value.none
        case .liveUpdates: return LiveCoverage.values(of: record.item, timeZone: site.config.timeZone)
        case .modified: return record.item.lastModified.map(Value.date) ?? Value.none
        default: return nil
        }
    }

    /// The first article from `start` on, stepping by `step`, that has a
    /// page listings show; none at the end of the list.
    private func neighbour(from start: Int, by step: Int) -> Value {
        var position = start
        while position >= 0 && position < site.articles.count {
            if site.articles[position].hasListedPage { return .object(PageObject(site: site, kind: .article, index: position)) }
            position += step
        }
        return Value.none
    }

    private func terms(_ taxonomy: Int) -> Value {
        guard kind == .article else {
            let names = site.taxonomies[taxonomy].name == "tags" ? record.item.tags : record.item.categories
            return .list(names.map { .map(["name": .string($0)]) })
        }
        return .list(record.terms[taxonomy].map {
            .object(TermObject(site: site, taxonomy: taxonomy, index: $0))
        })
    }
}
