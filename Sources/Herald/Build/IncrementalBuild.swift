import Foundation

/// A build after only content bodies changed (see `ContentState`): the
/// previous build's site, rebuilt from the state's records in the state's
/// order, with the items of the files read again in place of theirs.
///
/// Nothing is decoded, sorted or rendered for the other files: after one
/// edit, a site of 10,000 articles reads the edited file and the few dozen
/// whose bodies the outputs showing it show (`ContentState.bodiesNeeded`).
/// This holds only while every file read again keeps its publication, its
/// metadata (title, dates, URL, terms, …: `ContentItemFields.metadataDigest`) and
/// its terms of other taxonomies, and has no error; otherwise there is no
/// incremental build (a `FullBuildReason` says why), and the build reads
/// and renders everything (and reports the errors as a full build does).
struct IncrementalBuild: Sendable {
    /// The files an incremental build reads again, as read.
    struct Reading: Sendable {
        /// Records of the files whose size, time or inode changed.
        var changed: [Int]
        /// Which records were read again (changed, or for their bodies).
        var read: [Bool]
        var content: LoadedContent
        /// The data files whose bytes changed (paths).
        var changedData: Set<String>
    }

    let state: ContentState
    let changed: [Int]
    /// The data files whose bytes changed: the outputs that read one are rendered again.
    let changedData: Set<String>
    let read: [Bool]
    /// The new records of every file read again, by record index.
    let replaced: [Int: ContentState.Record]
    let site: Site
    /// The files' warnings (the records' own for files not read) in path
    /// order, then the author profiles': what a full build reports.
    let diagnostics: [Diagnostic]

    /// Reads the content files that changed since `state` (by `listed`,
    /// from `BuildCache.inputFiles`) and the files whose bodies the outputs
    /// showing them, or reading one of the data files `changedData`, show.
    static func read(
        state: ContentState, listed: [BuildCache.SourceFile], changedData: Set<String>, loader: ContentLoader
    ) throws(FullBuildReason) -> Reading {
        guard let changes = state.changedRecords(listed: listed) else { throw FullBuildReason("content files were added or removed") }
        let changed = changes.map(\.record)
        let root = loader.root.path
        // The metadata of a file read only for its body is taken again right
        // before reading it: had it changed since the listing, its record
        // would no longer vouch for its metadata.
        let needed = state.bodiesNeeded(changed: changed, data: changedData)
        var files = changes.map(\.file)
        for index in needed {
            let record = state.records[index]
            let metadata = FileMetadata(path: root + "/" + record.path)
            guard metadata == record.metadata else { throw FullBuildReason("\(record.path) changed while the build read it") }
            files.append((record.path, metadata))
        }
        let content = loader.load(listed: files.sorted { $0.path < $1.path })
        guard content.drafts.count == files.count, !content.diagnostics.contains(where: { $0.severity == .error }) else {
            throw FullBuildReason("a changed content file has errors")
        }
        return Reading(changed: changed, read: state.flags(changed + needed), content: content, changedData: changedData)
    }

    init(state: ContentState, reading: Reading, assembler: SiteAssembler, templateExists: (String) -> Bool, startedAt: Double) throws(FullBuildReason) {
        var drafts: [Int: ContentDraft] = [:]
        for draft in reading.content.drafts {
            guard let index = state.index(of: draft.item.sourcePath) else { throw FullBuildReason("content files were added or removed") }
            let record = state.records[index]
            guard assembler.isPublished(draft) == record.published else {
                throw FullBuildReason("\(record.path) was \(record.published ? "withdrawn" : "published")")
            }
            guard draft.extraTerms == record.extraTerms else { throw FullBuildReason("the terms of \(record.path) changed") }
            drafts[index] = draft
        }
        // The bodies of the published ones, their links resolved through
        // every published item's path (unchanged, or there is no incremental build).
        let pathOf = Dictionary(
            (state.articleOrder + state.pageOrder).map { (state.records[$0].path, state.records[$0].item.path) }, uniquingKeysWith: { first, _ in first })
        let published = drafts.filter { state.records[$0.key].published }.sorted { $0.key < $1.key }
            .map { (index: $0.key, draft: assembler.withURL($0.value)) }
        guard assembler.layoutErrors(published.map(\.draft), templateExists: templateExists).isEmpty else {
            throw FullBuildReason("a changed content file names a layout the theme lacks")
        }
        let rendered = published.parallelMap { assembler.render($0.draft, pathOf: pathOf) }
        guard rendered.allSatisfy({ $0.1.isEmpty }) else { throw FullBuildReason("rendering a changed body gave warnings or errors") }
        var items: [Int: ContentItem] = [:]
        for (entry, (item, _)) in zip(published, rendered) { items[entry.index] = item }

        var articles = state.articleOrder.map { state.records[$0].item }
        var pages = state.pageOrder.map { state.records[$0].item }
        let freshArticles = state.articleOrder.indices.filter { reading.read[state.articleOrder[$0]] && items[state.articleOrder[$0]] != nil }
        let freshPages = state.pageOrder.indices.filter { reading.read[state.pageOrder[$0]] && items[state.pageOrder[$0]] != nil }
        guard freshArticles.count + freshPages.count == items.count else { throw FullBuildReason("a changed item moved between articles and pages") }
        for position in freshArticles { articles[position] = items[state.articleOrder[position]]! }
        for position in freshPages { pages[position] = items[state.pageOrder[position]]! }
        let taxonomies = assembler.taxonomies(
            of: articles, extraTerms: { state.records[state.articleOrder[$0]].extraTerms }, profiles: reading.content.authors,
            termPages: templateExists("term.html"))
        // The records' bylines link to their authors' pages already.
        assembler.linkBylines(of: &articles, at: freshArticles, taxonomies: taxonomies)
        for (list, order, positions) in [(articles, state.articleOrder, freshArticles), (pages, state.pageOrder, freshPages)] {
            for position in positions {
                let item = list[position]
                guard ContentItemFields.metadataDigest(of: item) == ContentItemFields.metadataDigest(of: state.records[order[position]].item) else {
                    throw FullBuildReason("the metadata of \(item.sourcePath) changed (title, dates, URL, terms or other front matter)")
                }
                items[order[position]] = item
            }
        }

        var replaced: [Int: ContentState.Record] = [:]
        for (index, draft) in drafts {
            replaced[index] = ContentState.record(of: draft, published: items[index], content: reading.content, startedAt: startedAt)
        }
        var diagnostics: [Diagnostic] = []
        for (index, record) in state.records.enumerated() {
            diagnostics += reading.read[index] ? reading.content.warnings[record.path] ?? [] : record.warnings
        }
        diagnostics += reading.content.diagnostics.filter { !ContentState.isContentFile($0.path) }
        self.state = state
        changed = reading.changed
        changedData = reading.changedData
        read = reading.read
        self.replaced = replaced
        site = Site(config: assembler.config, articles: articles, pages: pages, taxonomies: taxonomies, now: assembler.options.now)
        self.diagnostics = diagnostics
    }
}
