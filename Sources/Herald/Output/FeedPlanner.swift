import Foundation

/// Plans the feeds of a site (DESIGN §7): the site-wide feeds at the root,
/// one set per listing of `lists:`, one per term of the taxonomies with
/// feeds, and `/feed.xsl`.
struct FeedPlanner {
    let site: Site
    let generator: FeedGenerator

    init(site: Site, root: URL, images: ImageCatalog = .empty) {
        self.site = site
        let staticFolder = root.appendingPathComponent("Content/static").path
        // One build: each article is prepared once for all the feeds it is in.
        generator = FeedGenerator(config: site.config, mediaInfo: { sitePath in
            images.enclosure(sitePath) ?? MediaTypes.info(forFileAt: staticFolder + sitePath, sitePath: sitePath)
        }, preparedEntries: PreparedEntryCache())
    }

    func plan(into plan: inout OutputPlan) {
        let config = site.config
        guard !config.feeds.formats.isEmpty else { return }
        // A feed shows its first `limit` items only (the archive, all).
        var siteFeed = FeedRequest(title: config.title, subtitle: config.description.isEmpty ? nil : config.description,
                                   directory: "/", alternatePath: "/", items: [])
        if config.feeds.archive && config.feeds.formats.contains(.atom) {
            let archive = FeedArchive(limit: config.feeds.limit, articleCount: site.listedArticles.count)
            if archive.documents > 0 { siteFeed.archive = ArchiveLinks(isArchive: false, previous: FeedArchive.path(archive.documents)) }
            planArchive(archive, feed: siteFeed, articles: site.listedArticles, into: &plan)
        }
        if wantsFeeds(in: "/", plan) {
            siteFeed.items = shownArticles(site.listedArticles)
            add(siteFeed, origin: "the site feed", into: &plan)
        }
        for list in site.lists where list.hasFeeds && wantsFeeds(in: list.settings.path, plan) {
            let request = FeedRequest(
                title: "\(config.title): \(list.settings.title)", subtitle: nil, directory: list.settings.path,
                alternatePath: list.settings.path, items: shownArticles(list.articles))
            add(request, origin: "the feed of the list '\(list.settings.name)'", into: &plan)
        }
        // Each taxonomy's own setting, and only with term pages to link to.
        for taxonomy in site.taxonomies where taxonomy.hasFeeds {
            for term in taxonomy.terms where wantsFeeds(in: term.path, plan) {
                let request = FeedRequest(
                    title: "\(config.title): \(term.profile?.name ?? term.name)", subtitle: nil,
                    directory: term.path, alternatePath: term.path, items: shownArticles(term.articles))
                add(request, origin: "the feed of \(taxonomy.name) '\(term.name)'", into: &plan)
            }
        }
        if config.outputs.feedStylesheet && (config.feeds.formats.contains(.atom) || config.feeds.formats.contains(.rss)) {
            plan.add(PlannedOutput(path: String(FeedStylesheet.path.dropFirst()), origin: "the feed stylesheet",
                                   source: .generated { FeedStylesheet.document() }, kind: .other))
        }
    }

    /// Whether `plan` takes one of the feeds in `directory`: asked before
    /// gathering their articles.
    private func wantsFeeds(in directory: String, _ plan: OutputPlan) -> Bool {
        site.config.feeds.formats.contains { plan.wants(String(FeedGenerator.path(for: $0, in: directory).dropFirst())) }
    }

    /// The articles a feed of `articles` shows. Only those: copying every
    /// article of every term cost more than the feeds of an incremental build.
    private func shownArticles(_ articles: [Int]) -> [ContentItem] {
        let limit = site.config.feeds.limit
        return (limit > 0 ? articles.prefix(limit) : articles[...]).map { site.articles[$0] }
    }

    /// The complete archive documents of the site feed (Atom).
    /// `articles`: indices into `site.articles`.
    private func planArchive(_ archive: FeedArchive, feed: FeedRequest, articles: [Int], into plan: inout OutputPlan) {
        guard archive.documents > 0 else { return }
        let generator = self.generator
        for number in 1...archive.documents where plan.wants(String(FeedArchive.path(number).dropFirst())) {
            var request = feed
            request.items = archive.articles(of: number, count: articles.count).map { site.articles[articles[$0]] }
            request.selfPath = FeedArchive.path(number)
            request.archive = ArchiveLinks(
                isArchive: true, current: FeedGenerator.path(for: .atom, in: "/"), previous: number > 1 ? FeedArchive.path(number - 1) : nil,
                next: number < archive.documents ? FeedArchive.path(number + 1) : nil)
            let path = FeedArchive.path(number), document = request
            plan.add(PlannedOutput(path: String(path.dropFirst()), origin: "the feed archive, document \(number)", source: .generated { () throws(DiagnosticError) -> [UInt8] in
                try generator.document(document, as: .atom, at: path)
            }, kind: .feed, dependencies: document.items.map(\.sourcePath)))
        }
    }

    private func add(_ request: FeedRequest, origin: String, into plan: inout OutputPlan) {
        let generator = self.generator
        let limit = site.config.feeds.limit
        let entries = (limit > 0 ? Array(request.items.prefix(limit)) : request.items).map(\.sourcePath)
        for format in site.config.feeds.formats {
            let path = FeedGenerator.path(for: format, in: request.directory)
            plan.add(PlannedOutput(path: String(path.dropFirst()), origin: origin, source: .generated { () throws(DiagnosticError) -> [UInt8] in
                try generator.document(request, as: format, at: path)
            }, kind: .feed, dependencies: entries))
        }
    }
}

/// Media types by file extension, for feeds' enclosures and `serve`.
enum MediaTypes {
    static let byExtension: [String: String] = [
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp",
        "avif": "image/avif", "svg": "image/svg+xml", "mp3": "audio/mpeg", "mp4": "video/mp4", "pdf": "application/pdf",
    ]

    static func type(ofPath path: String) -> String? {
        guard let dot = path.lastIndex(of: "."), path[dot...].count <= 6 else { return nil }
        return byExtension[path[path.index(after: dot)...].lowercased()]
    }

    /// Type and size of a site file; `nil` when its type is unknown.
    static func info(forFileAt filePath: String, sitePath: String) -> MediaInfo? {
        guard let type = type(ofPath: sitePath) else { return nil }
        let size = (try? FileManager.default.attributesOfItem(atPath: filePath))?[.size] as? Int
        return MediaInfo(type: type, length: size)
    }
}
