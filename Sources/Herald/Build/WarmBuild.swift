import Foundation

/// A build in `serve` after content files changed, from the site kept in
/// memory after the previous build (`WarmSite`) and the paths the file
/// watcher saw change, instead of from the files.
///
/// The same rules as an incremental build (`IncrementalBuild`): every
/// changed file keeps its publication, metadata and terms and has no error.
/// What it saves is the rest of the work: nothing is listed but the changed
/// files, nothing decoded, assembled or planned but what they touch. The
/// site is the kept one with the new items in place, and only the outputs
/// that showed a changed file are planned and rendered, written through the
/// same publisher. Anything else (a file added or removed, a template, a
/// changed title, an error) is `declined`, and a build from the files
/// decides, exactly as `herald build` would.
struct WarmBuild {
    enum Outcome {
        /// With the site kept for the next build; `nil` when the output
        /// was published but cannot be described in memory (an output the
        /// previous build did not have): the next build starts from disk.
        case built(BuildReport, WarmSite?)
        /// Nothing was published; the reason, for `--verbose`.
        case declined(String)
    }

    let options: BuildOptions
    let warm: WarmSite
    /// Relative to the site root.
    let changedPaths: Set<String>

    func build(clock: StageClock) throws(DiagnosticError) -> Outcome {
        do {
            return try attempt(clock: clock)
        } catch let reason as FullBuildReason {
            return .declined(reason.text)
        } catch let error as DiagnosticError {
            throw error
        } catch {
            return .declined("\(error)")
        }
    }

    private func attempt(clock: StageClock) throws -> Outcome {
        let startedAt = Date().timeIntervalSince1970
        var warm = self.warm
        let state = warm.state, setup = warm.setup, root = options.source.path
        guard setup.config.search.engine != .herald else { throw FullBuildReason("the site has a search index") }
        guard !changedPaths.isEmpty else { throw FullBuildReason("the watcher named no file") }
        var changed: [Int] = []
        var files: [BuildCache.SourceFile] = []
        for path in changedPaths.sorted() {
            // A template page is compiled with the theme: built from the files.
            guard ContentState.isContentFile(path), !TemplatePageSource.isTemplatePage(path), let index = state.index(of: path),
                let listed = warm.sources.sortedIndex(of: path, by: { $0.path })
            else { throw FullBuildReason("\(path) is no article or page the previous build read") }
            guard let metadata = FileMetadata(path: root + "/" + path) else { throw FullBuildReason("\(path) was removed") }
            warm.sources[listed].metadata = metadata
            changed.append(index)
            files.append((path, metadata))
        }
        guard warm.cache.publication == BuildCache.publicationDigest(warm.cache.items, options: options) else {
            throw FullBuildReason("an item's publication or expiry time has come")
        }
        // The bodies the outputs showing a changed file show, when the site
        // does not hold them (an incremental build left it without).
        let showing = state.outputs(showing: changed)
        let changedFlags = state.flags(changed)
        var needed = Set<Int>()
        for output in showing {
            for source in state.dependencies.sources(at: output) {
                let index = Int(source)
                if index < state.records.count, !changedFlags[index], !warm.read[index], state.records[index].published { needed.insert(index) }
            }
        }
        for index in needed {
            let record = state.records[index]
            let metadata = FileMetadata(path: root + "/" + record.path)
            guard metadata == record.metadata else { throw FullBuildReason("\(record.path) changed while the build read it") }
            files.append((record.path, metadata))
        }
        clock.lap("listing")

        let content = setup.loader.load(listed: files.sorted { $0.path < $1.path })
        guard content.drafts.count == files.count, !content.diagnostics.contains(where: { $0.severity == .error }) else {
            throw FullBuildReason("a changed content file has errors")
        }
        let assembler = {
            var assembler = SiteAssembler(config: setup.config, options: options)
            assembler.images = setup.images
            return assembler
        }()
        var fresh: [(index: Int, draft: ContentDraft)] = []
        var replaced: [Int: ContentState.Record] = [:]
        for draft in content.drafts {
            guard let index = state.index(of: draft.item.sourcePath) else { throw FullBuildReason("content files were added or removed") }
            let record = state.records[index]
            guard assembler.isPublished(draft) == record.published else {
                throw FullBuildReason("\(record.path) was \(record.published ? "withdrawn" : "published")")
            }
            guard draft.extraTerms == record.extraTerms else { throw FullBuildReason("the terms of \(record.path) changed") }
            if record.published {
                fresh.append((index, assembler.withURL(draft)))
            } else {
                replaced[index] = ContentState.record(of: draft, published: nil, content: content, startedAt: startedAt)
            }
        }
        guard assembler.layoutErrors(fresh.map(\.draft), templateExists: setup.templateExists).isEmpty else {
            throw FullBuildReason("a changed content file names a layout the theme lacks")
        }
        let pathOf = warm.pathOf
        let rendered = fresh.parallelMap { assembler.render($0.draft, pathOf: pathOf) }
        guard rendered.allSatisfy({ $0.1.isEmpty }) else { throw FullBuildReason("rendering a changed body gave warnings or errors") }
        var items = rendered.map(\.0)
        // The records' bylines link to their authors' pages already.
        let articles = items.indices.filter { items[$0].kind == .article }
        var bylined = articles.map { items[$0] }
        assembler.linkBylines(of: &bylined, at: bylined.indices, taxonomies: warm.site.taxonomies)
        for (position, index) in articles.enumerated() { items[index] = bylined[position] }
        var newArticles: [Int: ContentItem] = [:], newPages: [Int: ContentItem] = [:]
        for ((index, draft), item) in zip(fresh, items) {
            guard let position = warm.positions[index], ContentItemFields.metadataDigest(of: item) == ContentItemFields.metadataDigest(of: state.records[index].item) else {
                throw FullBuildReason("the metadata of \(item.sourcePath) changed (title, dates, URL, terms or other front matter)")
            }
            if position.isPage { newPages[position.index] = item } else { newArticles[position.index] = item }
            replaced[index] = ContentState.record(of: draft, published: item, content: content, startedAt: startedAt)
            warm.read[index] = true
        }
        let site = warm.site.replacing(articles: newArticles, pages: newPages, now: options.now)
        clock.lap("content")

        // The sitemap lists every page it finds in the plan: never planned alone.
        let dependencies = state.dependencies
        let rendering = Set(showing.map { dependencies.outputs[$0] })
        guard !rendering.contains("sitemap.xml") else { throw FullBuildReason("the sitemap shows a changed live story") }
        guard let templates = setup.templates else { throw FullBuildReason("the theme has errors") }
        setup.images.prepareFocusCrops(for: site.articles + site.pages)
        var plan = OutputPlan(accepting: { rendering.contains($0) || dependencies.position(of: $0) == nil })
        let values = SiteValues(site: site, data: setup.data)
        PagePlanner(site: site, values: values, templates: templates).plan(into: &plan)
        FeedPlanner(site: site, root: options.source, images: setup.images).plan(into: &plan)
        CorrectionsPlanner.plan(site, values: values, templates: templates, into: &plan)
        SitemapPlanner(site: site, now: options.now, urlLimit: options.sitemapURLLimit).plan(into: &plan)
        clock.lap("planning")

        var stateNow = state
        for (index, record) in replaced { stateNow.records[index] = record }
        let reuse = IncrementalRender(state: stateNow, changed: changed, read: warm.read)
        guard let written = try OutputWriter(options: options).write(plan, reusing: reuse, partial: true) else {
            throw FullBuildReason("an output shows an item it did not show before")
        }
        clock.lap("writing")

        var report = BuildReport()
        report.path = .inMemory(changedSources: changed.count)
        report.warnings = stateNow.records.flatMap(\.warnings) + content.diagnostics.filter { !ContentState.isContentFile($0.path) }
            + warm.redirectWarnings
        report.articles = site.articles.count
        report.pages = site.pages.count
        report.feeds = warm.cache.report.feeds
        report.changedFeeds = Builder.changedFeeds(plan: plan, written: written.writtenPaths, site: site.config.url)
        let skipped = stateNow.dependencies.count - plan.outputs.count
        report.filesWritten = written.written
        report.filesUnchanged = written.unchanged + skipped
        report.filesReused = written.reused + skipped
        if !setup.config.feeds.hubs.isEmpty { PendingPings.add(report.changedFeeds, for: options.output) }
        let kept = keep(&warm, state: stateNow, replaced: replaced, site: site, written: written, report: report)
        clock.lap("memory")
        report.stageTimes = clock.laps
        report.duration = clock.total
        warm.cache.report = report
        return .built(report, kept ? warm : nil)
    }

    /// Brings `warm` up to date with the build that wrote `written`; false
    /// when the dependencies or the output cannot be updated in place.
    private func keep(
        _ warm: inout WarmSite, state: ContentState, replaced: [Int: ContentState.Record], site: Site, written: OutputWriter.Result, report: BuildReport
    ) -> Bool {
        guard let dependencies = state.dependencies.replacing(Array(written.dependencies.keys), of: written.dependencies),
            let outputs = warm.outputs.rewriting(written.writtenPaths, in: options.output)
        else { return false }
        warm.options = options
        warm.state = state
        warm.state.dependencies = dependencies
        warm.replaced.merge(replaced) { _, new in new }
        warm.site = site
        warm.outputs = outputs
        for (index, record) in replaced { warm.cache.items[index] = BuildCache.Item(record.item) }
        warm.cache.inputs = BuildCache.sourcesDigest(options: options, files: warm.sources).digest
        warm.cache.publication = BuildCache.publicationDigest(warm.cache.items, options: options)
        warm.cache.outputs = outputs.digest
        return true
    }
}
