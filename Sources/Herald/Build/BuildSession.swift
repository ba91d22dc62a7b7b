import Foundation

/// Builds of one site, one after another, in one process (`herald serve`).
///
/// After each build, the session reads back what the build left for the
/// next one (the cache and the content state, which are most of an
/// incremental build's reading) on another thread, while the editor is
/// still typing. The next build takes them from memory provided the files
/// are still those the session read (same size, time and inode; anything
/// else is read from disk as usual), so its output is exactly that of a
/// build on its own.
public final class BuildSession: @unchecked Sendable {
    // Safety: `kept` is guarded by `lock`.
    private let lock = NSLock()
    private var kept: BackgroundWork<Kept>?

    /// The previous build's files as read back, with the stamps of the files.
    struct Kept: Sendable {
        let output: URL
        let cache: BuildCache?
        let cacheStamp: FileMetadata?
        let state: ContentState?
        let stateStamp: FileMetadata?
    }

    public init() {}

    /// Builds with `options`, then reads back what the build left.
    public func build(options: BuildOptions) throws(DiagnosticError) -> BuildReport {
        let kept = lock.withLock { self.kept }?.value
        let usable = kept.flatMap { $0.output == options.output.standardizedFileURL ? $0 : nil }
        defer { readBack(output: options.output) }
        return try Builder(options: options).build(previous: usable)
    }

    private func readBack(output: URL) {
        let output = output.standardizedFileURL
        let work = BackgroundWork { () -> Kept in
            // Stamps first: a file replaced after its stamp was taken has
            // another inode, so it is never mistaken for the one read.
            let cacheStamp = FileMetadata(path: BuildCache.location(of: output))
            let stateStamp = FileMetadata(path: ContentState.location(of: output))
            return Kept(
                output: output, cache: BuildCache.load(for: output), cacheStamp: cacheStamp,
                state: try? ContentState.load(for: output), stateStamp: stateStamp)
        }
        lock.withLock { kept = work }
    }
}

extension BuildSession.Kept {
    /// The cache, if its file is the one read.
    var currentCache: BuildCache? {
        guard let cacheStamp, FileMetadata(path: BuildCache.location(of: output)) == cacheStamp else { return nil }
        return cache
    }

    /// The content state, if its file is the one read.
    var currentState: ContentState? {
        guard let stateStamp, FileMetadata(path: ContentState.location(of: output)) == stateStamp else { return nil }
        return state
    }
}
