import Foundation

/// What `serve` keeps in memory after a build for the next one to start
/// from (see `WarmBuild`): the configuration, theme and loader the build
/// used, the sources as it listed them, the site it published (with the
/// rendered body of every item it rendered), the content state as it now
/// stands, and the output folder as the build left it.
///
/// It describes the output only while nothing but content files changes
/// and nothing else writes there: `BuildSession` compares the cache file's
/// stamp before each build, and drops all of it on any other change or on
/// a failed build. Its state and cache reach the disk later (`persisted`),
/// once a burst of edits is over; until then the files on disk describe an
/// earlier output, so a build started from them (after `serve` is killed)
/// finds the output changed and builds everything.
struct WarmSite: Sendable {
    /// Where a record's item is in the site.
    struct SitePosition: Sendable {
        var isPage: Bool
        var index: Int
    }

    var options: BuildOptions
    let setup: BuildSetup
    var sources: [BuildCache.SourceFile]
    var site: Site
    /// By record index: whether `site` holds the item's rendered body (an
    /// incremental build keeps the records' items, without bodies).
    var read: [Bool]
    var state: ContentState
    /// The records replaced since `state`'s file was read: the bytes that
    /// writing the state again encodes anew (see `ContentState.encode`).
    var replaced: [Int: ContentState.Record] = [:]
    var cache: BuildCache
    var outputs: OutputSnapshot
    /// By record index, for the published ones.
    let positions: [SitePosition?]
    /// Each published record's URL path by source path, for links between items.
    let pathOf: [String: String]
    /// What an edit of bodies does not change: the warnings of redirects.
    let redirectWarnings: [Diagnostic]

    /// The site a build left, with the state, cache and output snapshot read
    /// back from disk after it (`BuildSession.Kept`); `nil` when they do not
    /// all describe that build.
    init?(options: BuildOptions, built: Builder.Memory, kept: BuildSession.Kept) {
        guard let cache = kept.currentCache, let state = kept.currentState, let outputs = kept.outputs,
            outputs.digest == cache.outputs, state.settings == built.setup.settings, cache.items.count == state.records.count,
            state.articleOrder.count == built.site.articles.count, state.pageOrder.count == built.site.pages.count
        else { return nil }
        var positions = [SitePosition?](repeating: nil, count: state.records.count)
        var pathOf: [String: String] = [:]
        pathOf.reserveCapacity(state.articleOrder.count + state.pageOrder.count)
        for (isPage, order, items) in [(false, state.articleOrder, built.site.articles), (true, state.pageOrder, built.site.pages)] {
            for (index, record) in order.enumerated() {
                guard items[index].sourcePath == state.records[record].path, positions[record] == nil else { return nil }
                positions[record] = SitePosition(isPage: isPage, index: index)
                pathOf[state.records[record].path] = state.records[record].item.path
            }
        }
        self.options = options
        setup = built.setup
        sources = built.sources
        site = built.site
        read = built.read ?? Array(repeating: true, count: state.records.count)
        guard read.count == state.records.count else { return nil }
        self.state = state
        self.cache = cache
        self.outputs = outputs
        self.positions = positions
        self.pathOf = pathOf
        redirectWarnings = built.redirectWarnings
    }

    /// Whether a build with `options` builds this site (its "now" aside).
    func matches(_ options: BuildOptions) -> Bool {
        // By path: a folder's URL gains a slash once the folder exists.
        options.source.standardizedFileURL.path == self.options.source.standardizedFileURL.path
            && options.output.standardizedFileURL.path == self.options.output.standardizedFileURL.path
            && options.baseURL == self.options.baseURL && options.includeDrafts == self.options.includeDrafts
            && options.includeFuture == self.options.includeFuture
    }

    /// The state and cache files of the site as it now stands, ready to write.
    var persisted: Persisted {
        Persisted(state: state, replaced: replaced, cache: cache)
    }

    /// The files `persisted` writes: the content state first, then the
    /// cache, which vouches for it (as a build writes them).
    struct Persisted: Sendable {
        let state: ContentState
        let replaced: [Int: ContentState.Record]
        let cache: BuildCache

        func write() {
            let staged = StagedStateFile(for: cache.output)
            ContentState.save(state.encode(replacing: replaced, settings: state.settings, into: staged), dependencies: state.dependencies)
            BuildCache.write(cache.encoded(), for: cache.output)
        }
    }
}
