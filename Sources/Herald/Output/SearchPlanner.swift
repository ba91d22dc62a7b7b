import Foundation

/// Plans the search index under `/search/index/` when `search.engine` is
/// `herald` (see `SearchIndex`): every published, listed article, oldest
/// first. Drafts, future and expired articles are not in the site, and an
/// article with `list: false` is left out here.
///
/// The index files are produced by every build that renders anything (they
/// are `alwaysRender`), from the documents of the articles: analysed again
/// when their text changed, else taken from the previous build's
/// `SearchCache`. The publisher leaves a file whose bytes are the same as
/// they were, so an edit rewrites only the shards and chunk it changed.
struct SearchPlanner {
    let site: Site
    let cache: SearchCache
    /// Whether this build did not render an article's body (an incremental
    /// build's unread articles): its document must come from the cache.
    let withheld: @Sendable (String) -> Bool

    /// The documents to save in the cache once the build is published.
    func plan(into plan: inout OutputPlan) -> [SearchDocument] {
        let config = site.config
        // Only articles with a page that listings show: a result links to its page.
        let articles = site.articles.reversed().filter(\.hasListedPage)
        var documents = [SearchDocument?](repeating: nil, count: articles.count)
        var read: [Int] = []
        var missing: [String] = []
        for (index, article) in articles.enumerated() {
            guard withheld(article.sourcePath) else {
                read.append(index)
                continue
            }
            // Unread, hence unchanged since the build that cached it: its
            // summary comes from there too.
            if let cached = cache.documents[article.sourcePath], cached.result == result(of: article, summary: cached.result.summary) {
                documents[index] = cached
            } else {
                missing.append(article.sourcePath)
            }
        }
        if !missing.isEmpty {
            // Depending on bodies this build withheld, the output makes the
            // build start again as a full one (see `OutputWriter`).
            var output = PlannedOutput(path: SearchIndex.folder + "manifest.json", origin: "the search index", source: .generated { [] }, kind: .other)
            output.dependencies = missing
            output.alwaysRender = true
            plan.add(output)
            return []
        }
        // The articles read, in batches on every core: each one's text taken
        // from its HTML and keyed, then taken from the cache when the key is
        // the cached one, else analysed (one analyzer and stemmer per batch).
        // A few large batches a core: an analyzer stems each distinct word
        // of its batch once, and more batches would stem them again.
        let batchSize = max(64, (read.count + 4 * ProcessInfo.processInfo.activeProcessorCount - 1) / (4 * ProcessInfo.processInfo.activeProcessorCount))
        let batches = stride(from: 0, to: read.count, by: batchSize).map { read[$0..<min(read.count, $0 + batchSize)] }
        let analysed = batches.parallelMap { batch in
            var analyzer: SearchAnalyzer?
            var body: [UInt8] = []
            return batch.map { index in
                let article = articles[index]
                let summary = article.summaryText
                PlainText.write(article.contentHTML, into: &body)
                let result = result(of: article, summary: summary)
                let key = SearchAnalyzer.key(of: article, summary: summary, body: body, result: result)
                if let cached = cache.documents[article.sourcePath], cached.key == key { return (index, cached) }
                if analyzer == nil { analyzer = SearchAnalyzer(language: config.language) }
                return (index, analyzer!.analyze(article, summary: summary, body: body, result: result, key: key))
            }
        }
        for (index, document) in analysed.joined() { documents[index] = document }
        let complete = documents.compactMap { $0 }
        for file in SearchIndex.files(complete, timeZone: config.timeZone.identifier) {
            let bytes = file.bytes
            var output = PlannedOutput(path: file.path, origin: "the search index", source: .generated { bytes }, kind: .other)
            output.alwaysRender = true
            plan.add(output)
        }
        return complete
    }

    /// The result row of `article`.
    private func result(of article: ContentItem, summary: String) -> SearchDocument.Result {
        let config = site.config
        return SearchDocument.Result(
            url: article.url, title: article.title,
            date: article.date.map { FeedDates.rfc3339($0, in: config.timeZone) } ?? "",
            section: article.categories.first ?? "", summary: summary,
            image: article.image.map { SiteLinks.served($0.src, site: config.url) } ?? "")
    }
}
