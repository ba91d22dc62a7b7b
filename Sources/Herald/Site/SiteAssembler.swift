import Foundation

/// Turns loaded content into a `Site`: chooses what is published, gives every
/// item its URL, renders Markdown (resolving links between content files),
/// and files articles under their terms.
///
/// An incremental build uses the same steps for the few files it reads
/// again (see `IncrementalBuild`).
struct SiteAssembler {
    let config: SiteConfig
    let options: BuildOptions
    let markdown: MarkdownRenderer
    /// Body images become `<picture>` elements; those that cannot be processed are errors.
    var images = ImageCatalog.empty

    init(config: SiteConfig, options: BuildOptions) {
        self.config = config
        self.options = options
        self.markdown = MarkdownRenderer(settings: config.markdown)
    }

    /// Renders the Markdown of `content`'s drafts, and frees it: afterwards
    /// the drafts have empty bodies (a build that starts over loads them anew).
    /// Each rendered body goes to `spill` (when given) until it is written.
    func assemble(_ content: inout LoadedContent, spillingTo spill: SpillFile? = nil, templateExists: (String) -> Bool) -> (Site, [Diagnostic]) {
        // Every item's URL, on every core: expanding permalinks takes a date
        // calculation and several strings per item.
        let publishedIndices = content.drafts.indices.filter { isPublished(content.drafts[$0]) }
        let loaded = content.drafts
        var published = publishedIndices.parallelMap { withURL(loaded[$0]) }
        // Each Markdown source is held by `sources` alone from here, and freed
        // as soon as it is rendered: on a large site the rendered bodies then
        // reuse its memory instead of both being held at once.
        let sources = ParallelSlots(published.map(\.storedBody))
        content.dropBodies()
        for index in published.indices { published[index].storedBody = .inline("") }
        let drafts = published
        var diagnostics = layoutErrors(drafts, templateExists: templateExists)
        // Here rather than when planning: a theme change always makes a full build.
        diagnostics += config.lists.compactMap { $0.templateProblem(exists: templateExists) }
        let pathOf = Dictionary(drafts.map { ($0.item.sourcePath, $0.item.path) }, uniquingKeysWith: { first, _ in first })
        let progress = options.progress
        progress?.begin(.markdown, total: drafts.count)
        let rendered = Array(drafts.indices).parallelMap { index in
            defer { progress?.advance() }
            var (item, diagnostics) = render(drafts[index], body: sources.take(index).text, pathOf: pathOf)
            item.spillContent(to: spill)
            return (item, diagnostics)
        }
        var articles: [ContentItem] = []
        var pages: [ContentItem] = []
        let articleCount = rendered.reduce(0) { $0 + ($1.0.kind == .article ? 1 : 0) }
        articles.reserveCapacity(articleCount)
        pages.reserveCapacity(rendered.count - articleCount)
        for (item, itemDiagnostics) in rendered {
            diagnostics += itemDiagnostics
            if item.kind == .article { articles.append(item) } else { pages.append(item) }
        }
        articles.sort { left, right in
            left.date != right.date ? left.date! > right.date! : left.sourcePath < right.sourcePath
        }
        pages.sort { $0.title != $1.title ? $0.title < $1.title : $0.sourcePath < $1.sourcePath }
        // Terms of other taxonomies come from the drafts' own keys.
        let custom = config.taxonomies.contains { !Site.builtInTaxonomies.contains($0.name) }
        let extraTerms = custom ? Dictionary(drafts.map { ($0.item.sourcePath, $0.extraTerms) }, uniquingKeysWith: { first, _ in first }) : [:]
        let sorted = articles
        let taxonomies = self.taxonomies(
            of: sorted, extraTerms: { extraTerms[sorted[$0].sourcePath] ?? [:] }, profiles: content.authors,
            termPages: templateExists("term.html"))
        linkBylines(of: &articles, at: articles.indices, taxonomies: taxonomies)
        // The drafts share the site's items from here (an item's fields are
        // copied on write): what the build state records of a published item
        // is the site's anyway, and the decoded copy is freed.
        let bySource = Dictionary((articles + pages).map { ($0.sourcePath, $0) }, uniquingKeysWith: { first, _ in first })
        for index in publishedIndices {
            if let item = bySource[content.drafts[index].item.sourcePath] { content.drafts[index].item = item }
        }
        return (Site(config: config, articles: articles, pages: pages, taxonomies: taxonomies, now: options.now), diagnostics)
    }

    /// `draft` with its item's URL, from the permalink pattern of its kind.
    func withURL(_ draft: ContentDraft) -> ContentDraft {
        var draft = draft
        let item = draft.item
        let pattern = item.kind == .article ? config.permalinks.article : config.permalinks.page
        let path = Permalink.expand(pattern, slug: item.slug, fileName: Self.fileName(of: item.sourcePath), date: item.date, section: item.categories.first, timeZone: config.timeZone)
        draft.item.path = path
        // Without a page of its own, the item links to where it lives, if
        // anywhere: its canonical URL (a project's own site, a syndicated story).
        draft.item.url = item.render ? config.url.relative(path) : item.canonical ?? ""
        draft.item.permalink = item.render ? config.url.absolute(path) : item.canonical ?? ""
        return draft
    }

    /// An error for each draft whose `layout` names no template.
    func layoutErrors(_ drafts: [ContentDraft], templateExists: (String) -> Bool) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for draft in drafts {
            if let layout = draft.item.layout, !templateExists(layout + ".html") {
                let location = draft.layoutLocation ?? (1, 1)
                diagnostics.append(.error("unknown layout '\(layout)': there is no Templates/\(layout).html", at: draft.item.sourcePath, line: location.line, column: location.column))
            }
        }
        return diagnostics
    }

    /// The item of `draft` (with its URL) with its Markdown rendered; links
    /// to other content files resolve through `pathOf` (source path → site path).
    func render(_ draft: ContentDraft, pathOf: [String: String]) -> (ContentItem, [Diagnostic]) {
        render(draft, body: draft.body, pathOf: pathOf)
    }

    /// The same, with the Markdown `body` given apart from `draft`.
    func render(_ draft: ContentDraft, body: String, pathOf: [String: String]) -> (ContentItem, [Diagnostic]) {
        let config = self.config
        var item = draft.item
        let result: RenderedMarkdown
        if item.kind == .page && TemplatePageSource.isTemplatePage(item.sourcePath) {
            // A template page's body is rendered with its page (see
            // `PagePlanner`): it may show anything of the site.
            result = RenderedMarkdown(html: "", summaryHTML: "", wordCount: 0, diagnostics: [], paywall: nil, live: nil)
        } else if item.sourcePath.hasSuffix(".html") {
            // An HTML body is kept as written (sanitised unless unsafe_html).
            let rendered = HTMLBody.render(body, unsafe: config.markdown.unsafeHTML, lineOffset: draft.bodyLineOffset)
            result = RenderedMarkdown(html: rendered.html, summaryHTML: rendered.summaryHTML, wordCount: rendered.wordCount, diagnostics: [], paywall: rendered.paywall, live: rendered.live)
        } else {
            result = markdown.render(body, path: item.sourcePath, lineOffset: draft.bodyLineOffset) { url in
                ContentLinks.resolve(url, from: item.sourcePath, pathOf: pathOf, siteURL: config.url)
            }
        }
        var diagnostics = result.diagnostics
        let access = PaywallSplit.apply(result, access: item.access, path: item.sourcePath)
        diagnostics += access.diagnostics
        let live = LiveCoverage.apply(result.live, html: access.html, to: item, paywallLine: result.paywall?.line, timeZone: config.timeZone)
        diagnostics += live.diagnostics
        item.liveUpdates = live.updates.map { update in
            var update = update
            update.html = BodyImages.rewrite(update.html, catalog: images).html
            return update
        }
        item.liveUpdateDates = live.updates.map(\.date)
        let pictures = BodyImages.rewrite(live.html, catalog: images)
        item.contentHTML = pictures.html
        item.freeContentHTML = access.free.map { BodyImages.rewrite($0, catalog: images).html }
        for (src, message) in pictures.problems {
            let line = Self.line(mentioning: images.sitePath(of: src), in: body).map { $0 + draft.bodyLineOffset } ?? 0
            diagnostics.append(.error("image '\(src)' \(message)", at: item.sourcePath, line: line, column: line == 0 ? 0 : 1))
        }
        if let lead = item.image, let message = images.problem(lead.src) {
            let location = draft.imageLocation ?? (0, 0)
            diagnostics.append(.error("lead image '\(lead.src)' \(message)", at: item.sourcePath, line: location.line, column: location.column))
        }
        if let summary = draft.summaryMarkdown {
            // Links in a front-matter summary resolve like those of the body.
            // Its own footnote ids: the standfirst is shown above the body.
            let prefix = Footnotes.idPrefix(forPath: item.sourcePath) + "-summary"
            let rendered = markdown.render(summary, path: item.sourcePath, lineOffset: 0, idPrefix: prefix) { url in
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
        item.toc = result.toc
        if item.authors.isEmpty { item.authors = [config.author] }
        return (item, diagnostics)
    }

    /// The configured taxonomies of `articles` (in the site's order); terms
    /// of taxonomies other than the built-in ones come from `extraTerms`
    /// (by article index). One taxonomy per core: each looks at every
    /// article's terms.
    /// Terms have feeds only when the theme makes their pages
    /// (`termPages`): a feed links to the page it is the feed of.
    func taxonomies(
        of articles: [ContentItem], extraTerms: @Sendable (Int) -> [String: [String]], profiles: [String: AuthorProfile],
        termPages: Bool
    ) -> [Taxonomy] {
        let markdown = self.markdown, config = self.config
        return config.taxonomies.parallelMap { settings in
            let name = settings.name
            var taxonomy = Taxonomy.build(settings: settings, articles: articles, isListed: { articles[$0].listed }, termsOf: { index in
                switch name {
                case "tags": return articles[index].tags
                case "categories": return articles[index].categories
                case "authors": return articles[index].authors.map(\.name)
                default: return extraTerms(index)[name] ?? []
                }
            }, profiles: name == "authors" ? profiles : [:], markdown: markdown)
            taxonomy.perPage = settings.paginate ?? config.paginate
            taxonomy.hasFeeds = termPages && (settings.feeds ?? config.feeds.taxonomies) && !config.feeds.formats.isEmpty
            return taxonomy
        }
    }

    /// Gives the bylines of the articles at `indices` the URL of their
    /// author's page, when the site has an authors taxonomy.
    func linkBylines(of articles: inout [ContentItem], at indices: some Sequence<Int>, taxonomies: [Taxonomy]) {
        guard let authors = taxonomies.first(where: { $0.name == "authors" }) else { return }
        // Each byline's page URL, worked out once per name.
        var uris: [String: String?] = [:]
        for index in indices {
            for position in articles[index].authors.indices {
                let name = articles[index].authors[position].name
                let uri = uris[name] ?? authors.termIndex[Slug.make(name)].map { config.url.absolute(authors.terms[$0].path) }
                uris[name] = uri
                if let uri, articles[index].authors[position].uri != uri { articles[index].authors[position].uri = uri }
            }
        }
    }

    /// The line (1-based) of `body` that first names the file of `sitePath`.
    static func line(mentioning sitePath: String, in body: String) -> Int? {
        let name = sitePath.split(separator: "/").last.map(String.init) ?? sitePath
        var number = 1
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.contains(name) { return number }
            number += 1
        }
        return nil
    }

    /// The file name without its folder and `.md`: the `:filename` token.
    static func fileName(of sourcePath: String) -> String {
        var name = Substring(sourcePath)
        if let slash = name.utf8.lastIndex(of: UInt8(ascii: "/")) { name = name[name.utf8.index(after: slash)...] }
        if name.hasSuffix(".md") { return String(name.dropLast(3)) }
        return String(name.hasSuffix(".html") ? name.dropLast(5) : name)
    }

    func isPublished(_ draft: ContentDraft) -> Bool {
        let item = draft.item
        return options.publishes(kind: item.kind, draft: item.draft, date: item.date, expires: item.expires)
    }
}
