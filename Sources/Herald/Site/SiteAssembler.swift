import Foundation

/// Turns loaded content into a `Site`: chooses what is published, gives every
/// item its URL, renders Markdown (resolving links between content files),
/// and files articles under their terms.
struct SiteAssembler {
    let config: SiteConfig
    let options: BuildOptions
    let markdown: MarkdownRenderer

    init(config: SiteConfig, options: BuildOptions) {
        self.config = config
        self.options = options
        self.markdown = MarkdownRenderer(settings: config.markdown)
    }

    func assemble(_ content: LoadedContent, templateExists: (String) -> Bool) -> (Site, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        // Every item's URL, on every core: expanding permalinks takes a date
        // calculation and several strings per item.
        let config = self.config
        let drafts = content.drafts.filter(isPublished).parallelMap { draft -> ContentDraft in
            // An item taken from the previous build has its URL already (the
            // configuration is the same, or nothing is taken from that build).
            guard draft.rendered == nil else { return draft }
            var draft = draft
            let item = draft.item
            let pattern = item.kind == .article ? config.permalinks.article : config.permalinks.page
            let path = Permalink.expand(pattern, slug: item.slug, fileName: Self.fileName(of: item.sourcePath), date: item.date, section: item.categories.first, timeZone: config.timeZone)
            draft.item.path = path
            draft.item.url = config.url.relative(path)
            draft.item.permalink = config.url.absolute(path)
            return draft
        }
        for draft in drafts {
            if let layout = draft.item.layout, !templateExists(layout + ".html") {
                let location = draft.layoutLocation ?? (1, 1)
                diagnostics.append(.error("unknown layout '\(layout)': there is no Templates/\(layout).html", at: draft.item.sourcePath, line: location.line, column: location.column))
            }
        }
        let pathOf = Dictionary(drafts.map { ($0.item.sourcePath, $0.item.path) }, uniquingKeysWith: { first, _ in first })

        let markdown = self.markdown
        let rendered = drafts.parallelMap { draft -> (ContentItem, [Diagnostic]) in
            if let previous = draft.rendered { return (previous, []) }
            var item = draft.item
            let result = markdown.render(draft.body, path: item.sourcePath, lineOffset: draft.bodyLineOffset) { url in
                ContentLinks.resolve(url, from: item.sourcePath, pathOf: pathOf, siteURL: config.url)
            }
            item.contentHTML = result.html
            var diagnostics = result.diagnostics
            if let summary = draft.summaryMarkdown {
                // Links in a front-matter summary resolve like those of the body.
                let rendered = markdown.render(summary, path: item.sourcePath, lineOffset: 0) { url in
                    ContentLinks.resolve(url, from: item.sourcePath, pathOf: pathOf, siteURL: config.url)
                }
                item.standfirstHTML = rendered.html
                diagnostics += rendered.diagnostics.map { diagnostic in
                    var diagnostic = diagnostic
                    diagnostic.message = "in 'summary': " + diagnostic.message
                    diagnostic.line = 0
                    diagnostic.column = 0
                    return diagnostic
                }
            }
            item.summaryHTML = item.standfirstHTML ?? result.summaryHTML
            item.summaryText = PlainText.fromHTML(item.summaryHTML)
            item.wordCount = result.wordCount
            if item.authors.isEmpty { item.authors = [config.author] }
            return (item, diagnostics)
        }
        var articles: [ContentItem] = []
        var pages: [ContentItem] = []
        for (item, itemDiagnostics) in rendered {
            diagnostics += itemDiagnostics
            if item.kind == .article { articles.append(item) } else { pages.append(item) }
        }
        articles.sort { left, right in
            left.date != right.date ? left.date! > right.date! : left.sourcePath < right.sourcePath
        }
        pages.sort { $0.title != $1.title ? $0.title < $1.title : $0.sourcePath < $1.sourcePath }

        var taxonomies: [Taxonomy] = []
        for name in config.taxonomies {
            // Terms of other taxonomies come from the drafts' own keys.
            let builtIn = ["tags", "categories", "authors"].contains(name)
            let extra = builtIn ? [:] : Dictionary(uniqueKeysWithValues: drafts.map { ($0.item.sourcePath, $0.extraTerms[name] ?? []) })
            let taxonomy = Taxonomy.build(name: name, articles: articles, termsOf: { index in
                switch name {
                case "tags": return articles[index].tags
                case "categories": return articles[index].categories
                case "authors": return articles[index].authors.map(\.name)
                default: return extra[articles[index].sourcePath] ?? []
                }
            }, profiles: name == "authors" ? content.authors : [:], markdown: markdown)
            taxonomies.append(taxonomy)
        }
        if let authors = taxonomies.first(where: { $0.name == "authors" }) {
            // Each byline's page URL, worked out once per name.
            var uris: [String: String?] = [:]
            for index in articles.indices {
                for position in articles[index].authors.indices {
                    let name = articles[index].authors[position].name
                    let uri = uris[name] ?? authors.termIndex[Slug.make(name)].map { config.url.absolute(authors.terms[$0].path) }
                    uris[name] = uri
                    if let uri, articles[index].authors[position].uri != uri { articles[index].authors[position].uri = uri }
                }
            }
        }
        return (Site(config: config, articles: articles, pages: pages, taxonomies: taxonomies), diagnostics)
    }

    /// The file name without its folder and `.md`: the `:filename` token.
    static func fileName(of sourcePath: String) -> String {
        var name = Substring(sourcePath)
        if let slash = name.utf8.lastIndex(of: UInt8(ascii: "/")) { name = name[name.utf8.index(after: slash)...] }
        return String(name.hasSuffix(".md") ? name.dropLast(3) : name)
    }

    private func isPublished(_ draft: ContentDraft) -> Bool {
        let item = draft.item
        return options.publishes(kind: item.kind, draft: item.draft, date: item.date, expires: item.expires)
    }
}
