import Foundation

/// Plans every HTML page of a site (DESIGN §6): articles, standalone pages,
/// the paginated home page, the listings of `lists:`, term pages, taxonomy
/// indexes, the archive, 404.
struct PagePlanner {
    let site: Site
    let values: SiteValues
    let templates: TemplateLibrary

    func plan(into plan: inout OutputPlan) {
        let site = self.site, values = self.values, templates = self.templates
        // By index, asking the plan first: enumerating would copy every item.
        for index in site.articles.indices where plan.wants(page: site.articleRecords[index].item.path) {
            let article = site.articles[index]
            guard article.render else { continue }
            let template = (article.layout ?? "article") + ".html"
            plan.addPage(at: article.path, origin: article.sourcePath, kind: article.listed ? .article : .unlisted, lastModified: article.lastModified) { () throws(DiagnosticError) -> [UInt8] in
                try templates.renderBytes(template, context: values.context(path: article.path, ["page": values.pageValue(.article, index)]))
            }
        }
        for (index, page) in site.pages.enumerated() where page.render {
            let template = (page.layout ?? "page") + ".html"
            let isTemplatePage = TemplatePageSource.isTemplatePage(page.sourcePath)
            plan.addPage(at: page.path, origin: page.sourcePath, kind: page.listed ? .page : .unlisted, lastModified: page.lastModified) { () throws(DiagnosticError) -> [UInt8] in
                let value = isTemplatePage ? try renderedTemplatePage(index) : values.pageValue(.page, index)
                return try templates.renderBytes(template, context: values.context(path: page.path, ["page": value]))
            }
        }
        planLists(
            template: "index.html", basePath: "/", origin: "the home page", articles: site.listedArticles,
            perPage: site.config.paginate, extra: [:], into: &plan)
        for list in site.lists {
            planLists(
                template: list.settings.template, basePath: list.settings.path, origin: "the list '\(list.settings.name)'",
                articles: list.articles, perPage: list.perPage, extra: ["list": list.value(config: site.config)], into: &plan)
        }
        planTaxonomies(into: &plan)
        if site.config.outputs.archive && templates.contains("archive.html") {
            plan.addPage(at: "/archive/", origin: "the archive", kind: .list, lastModified: newest(site.listedArticles)) { () throws(DiagnosticError) -> [UInt8] in
                try templates.renderBytes("archive.html", context: values.context(path: "/archive/", ["years": values.years()]))
            }
        }
        if site.config.search.engine == .herald && templates.contains("search.html") {
            plan.addPage(at: "/search/", origin: "the search page", kind: .other) { () throws(DiagnosticError) -> [UInt8] in
                try templates.renderBytes("search.html", context: values.context(path: "/search/"))
            }
        }
        if site.config.outputs.notFound && templates.contains("404.html") {
            plan.addPage(at: "/404.html", origin: "the 404 page", kind: .other) { () throws(DiagnosticError) -> [UInt8] in
                try templates.renderBytes("404.html", context: values.context(path: "/404.html"))
            }
        }
    }

    private func planTaxonomies(into plan: inout OutputPlan) {
        let values = self.values, templates = self.templates
        for (taxonomyIndex, taxonomy) in site.taxonomies.enumerated() {
            let taxonomyValue = values.taxonomyValue(taxonomyIndex)
            if templates.contains("taxonomy.html") && plan.wants(page: taxonomy.path) {
                let terms = Value.list(taxonomy.terms.indices.map { values.termValue(taxonomy: taxonomyIndex, term: $0) })
                plan.addPage(at: taxonomy.path, origin: "the \(taxonomy.name) index", kind: .list, lastModified: newest(site.listedArticles)) { () throws(DiagnosticError) -> [UInt8] in
                    try templates.renderBytes("taxonomy.html", context: values.context(path: taxonomy.path, ["taxonomy": taxonomyValue, "terms": terms]))
                }
            }
            guard templates.contains("term.html") else { continue }
            for termIndex in taxonomy.terms.indices {
                let term = taxonomy.terms[termIndex]
                planLists(
                    template: "term.html", basePath: term.path, origin: "\(taxonomy.name) '\(term.name)'",
                    articles: term.articles, perPage: taxonomy.perPage,
                    extra: ["taxonomy": taxonomyValue, "term": values.termValue(taxonomy: taxonomyIndex, term: termIndex)],
                    into: &plan)
            }
        }
    }

    /// One page per `paginate` articles: `base`, `base/page/2/`, …
    private func planLists(
        template: String, basePath: String, origin: @autoclosure () -> String, articles: [Int], perPage: Int,
        extra: @autoclosure () -> [String: Value], into plan: inout OutputPlan
    ) {
        let paginator = Paginator(basePath: basePath, totalItems: articles.count, perPage: perPage, pagination: site.config.pagination)
        let values = self.values, templates = self.templates, siteURL = site.config.url
        // Worked out for the first page planned: most lists have none an edit touches.
        var shared: (origin: String, extra: [String: Value])?
        for number in 1...paginator.totalPages {
            let path = paginator.path(of: number)
            guard plan.wants(page: path) else { continue }
            let (origin, extra) = shared ?? (origin(), extra())
            shared = (origin, extra)
            let items = paginator.range(of: number).map { values.pageValue(.article, articles[$0]) }
            let shown = paginator.range(of: number).map { articles[$0] }
            plan.addPage(at: path, origin: number == 1 ? origin : "\(origin), page \(number)", kind: .list, lastModified: newest(shown)) { () throws(DiagnosticError) -> [UInt8] in
                var context = extra
                context["paginator"] = paginator.value(page: number, items: items, siteURL: siteURL)
                return try templates.renderBytes(template, context: values.context(path: path, context))
            }
        }
    }

    /// `page` for the layout of the template page at `index`: its body
    /// rendered through the template language (with `site` and `page`),
    /// then sanitised as any HTML body is unless `markdown.unsafe_html`.
    private func renderedTemplatePage(_ index: Int) throws(DiagnosticError) -> Value {
        let page = PageObject(site: site, kind: .page, index: index)
        let item = site.pages[index]
        // The body is read from the file on every build: this output shows it.
        RenderDependencies.current?.record(item.sourcePath)
        let body = try templates.render(
            TemplatePageSource.templateName(of: item.sourcePath), context: values.context(path: item.path, ["page": .object(page)]))
        let rendered = HTMLBody.render(body, unsafe: site.config.markdown.unsafeHTML)
        return .object(TemplatePageObject(page: page, content: rendered.html, wordCount: rendered.wordCount))
    }

    /// The latest change among some articles: a list page's `lastmod`.
    private func newest(_ articles: [Int]) -> Date? {
        // Through the records: an element of `site.articles` is copied whole.
        articles.compactMap { site.articleRecords[$0].item.lastModified }.max()
    }
}
