import Foundation

/// What the previous build left beside the output, and the sources as this
/// build finds them: read first, because "nothing changed" is decided from
/// them alone.
struct PreviousBuild: Sendable {
    /// The previous build's small cache; `nil` when there was none.
    let cache: BuildCache?
    /// `site.yml` and every file below `Templates/` and `Content/`, sorted.
    let sources: [BuildCache.SourceFile]
    /// Digest of `sources` (and version and options), with their newest
    /// modification time.
    let inputs: (digest: UInt64, newest: Double)
    /// Checking the files the previous build published goes on while the
    /// sources are listed and, when they changed, loaded.
    private let scan: BackgroundWork<OutputSnapshot>
    /// The content state read back by a `BuildSession`, if still current.
    private let keptState: ContentState?
    private let output: URL

    init(options: BuildOptions, kept: BuildSession.Kept? = nil) {
        let cache = kept?.currentCache ?? BuildCache.load(for: options.output)
        keptState = cache == nil ? nil : kept?.currentState
        output = options.output
        let paths = cache?.outputPaths ?? []
        let output = options.output
        scan = BackgroundWork { OutputSnapshot.files(paths, in: output) }
        self.cache = cache
        sources = BuildCache.inputFiles(options: options)
        inputs = BuildCache.sourcesDigest(options: options, files: sources)
    }

    /// The files the previous build published, as they are now.
    var outputs: OutputSnapshot { scan.value }

    /// The previous build's content state, if its settings are `settings`;
    /// throws why it cannot be used.
    func state(settings: BuildSettings) throws(FullBuildReason) -> ContentState {
        guard let keptState else { return try ContentState.load(for: output, settings: settings) }
        if let change = settings.change(since: keptState.settings) { throw FullBuildReason(change) }
        return keptState
    }

    /// The previous build's report when this one would build exactly the
    /// same (see `BuildCache.describesUnchanged`).
    func unchangedReport(options: BuildOptions) -> BuildReport? {
        guard let cache, cache.describesUnchanged(inputs: inputs, outputs: { outputs.digest }, options: options) else { return nil }
        return cache.report
    }
}
