import Foundation

/// Builds of one site, one after another, in one process (`herald serve`).
///
/// After a build from the files, the session reads back what the build
/// left for the next one (the cache, the content state, and the output
/// folder's snapshot) on another thread, while the editor is still typing,
/// and keeps the site the build assembled (`WarmSite`). When the file
/// watcher then names the files that changed and they are only articles or
/// pages, the next build starts from that site (`WarmBuild`): it reads the
/// changed files and renders the outputs showing them, nothing else.
/// Anything else, or any doubt, is a build from the files, which takes the
/// cache and state from memory provided the files are still those the
/// session read (same size, time and inode). Either way the output is
/// exactly that of a build on its own.
///
/// A build in memory leaves the state and cache files to be written once
/// the edits pause (`persistDelay`), or by `flush()`: a build from the
/// files, and `serve` stopping, flush first. Killed before that, the files
/// describe an older output, and the next build sees it changed and builds
/// everything.
public final class BuildSession: @unchecked Sendable {
    // Safety: the mutable state below is guarded by `lock`; builds run one
    // at a time (`serve`'s build queue), persisting on `persistQueue`.
    private let lock = NSLock()
    private var kept: BackgroundWork<Kept>?
    /// The last build's site, before its read-back files are known.
    private var memory: (options: BuildOptions, memory: Builder.Memory)?
    private var warm: WarmSite?
    /// The files of the newest build in memory, not yet written.
    private var unwritten: WarmSite.Persisted?
    /// The cache file's stamp as this session last wrote or read it: another
    /// stamp means another process built into the same output.
    private var cacheStamp: FileMetadata?
    private let persistQueue = DispatchQueue(label: "herald.session.persist")
    /// How long edits must pause before the state is written.
    let persistDelay: TimeInterval

    /// The previous build's files as read back, with the stamps of the files.
    struct Kept: Sendable {
        let output: URL
        let cache: BuildCache?
        let cacheStamp: FileMetadata?
        let state: ContentState?
        let stateStamp: FileMetadata?
        /// The output folder as the cache lists it, when it was asked for.
        let outputs: OutputSnapshot?
    }

    public convenience init() {
        self.init(persistDelay: 1)
    }

    init(persistDelay: TimeInterval) {
        self.persistDelay = persistDelay
    }

    /// Builds with `options`, then keeps what the build left.
    public func build(options: BuildOptions) throws(DiagnosticError) -> BuildReport {
        try build(options: options, changed: nil)
    }

    /// Builds with `options` after the sources at `changed` (relative to
    /// the site root) changed; `nil` when the watcher cannot say which.
    public func build(options: BuildOptions, changed: Set<String>?) throws(DiagnosticError) -> BuildReport {
        if let changed, let warm = currentWarm(options: options) {
            let outcome: WarmBuild.Outcome
            do {
                outcome = try WarmBuild(options: options, warm: warm, changedPaths: changed).build(clock: StageClock())
            } catch {
                // The changed files stay as they are: the next build reads them.
                dropWarm()
                throw error
            }
            if case .built(let report, let next) = outcome {
                lock.withLock {
                    self.warm = next
                    unwritten = next?.persisted
                }
                if next == nil { flush() } else { schedulePersist() }
                return report
            }
        }
        dropWarm()
        flush()
        let kept = lock.withLock { self.kept }?.value
        let usable = kept.flatMap { $0.output == options.output.standardizedFileURL ? $0 : nil }
        let built: (report: BuildReport, memory: Builder.Memory?)
        do {
            built = try Builder(options: options).build(remembering: usable)
        } catch {
            readBack(output: options.output, memory: nil)
            throw error
        }
        readBack(output: options.output, memory: built.memory.map { (options, $0) })
        return built.report
    }

    /// Writes the state and cache of the last build in memory now, if not
    /// yet written.
    public func flush() {
        persistQueue.sync { writeUnwritten() }
    }

    /// The site kept in memory, if it still describes the output.
    private func currentWarm(options: BuildOptions) -> WarmSite? {
        // After a build from the files: its site, with the files read back.
        if let pending = lock.withLock({ warm == nil ? memory : nil }), let kept = lock.withLock({ self.kept })?.value {
            let site = WarmSite(options: pending.options, built: pending.memory, kept: kept)
            lock.withLock {
                warm = site
                cacheStamp = kept.cacheStamp
                memory = nil
            }
        }
        return lock.withLock { () -> WarmSite? in
            guard let warm, warm.matches(options), FileMetadata(path: BuildCache.location(of: options.output)) == cacheStamp else { return nil }
            return warm
        }
    }

    private func dropWarm() {
        lock.withLock {
            warm = nil
            memory = nil
        }
    }

    private func schedulePersist() {
        persistQueue.asyncAfter(deadline: .now() + persistDelay) { [self] in writeUnwritten() }
    }

    /// On `persistQueue`.
    private func writeUnwritten() {
        guard let files = lock.withLock({ () -> WarmSite.Persisted? in defer { unwritten = nil }; return unwritten }) else { return }
        files.write()
        let stamp = FileMetadata(path: BuildCache.location(of: files.cache.output))
        lock.withLock { cacheStamp = stamp }
    }

    private func readBack(output: URL, memory: (options: BuildOptions, memory: Builder.Memory)?) {
        let output = output.standardizedFileURL
        let scansOutput = memory != nil
        let work = BackgroundWork { () -> Kept in
            // Stamps first: a file replaced after its stamp was taken has
            // another inode, so it is never mistaken for the one read.
            let cacheStamp = FileMetadata(path: BuildCache.location(of: output))
            let stateStamp = FileMetadata(path: ContentState.location(of: output))
            let cache = BuildCache.load(for: output)
            return Kept(
                output: output, cache: cache, cacheStamp: cacheStamp,
                state: try? ContentState.load(for: output), stateStamp: stateStamp,
                outputs: scansOutput ? OutputSnapshot.files(cache?.outputPaths ?? [], in: output) : nil)
        }
        lock.withLock {
            kept = work
            self.memory = memory
        }
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
