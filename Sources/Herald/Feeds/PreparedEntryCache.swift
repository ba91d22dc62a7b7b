import Foundation

/// The prepared feed entry of each article, made once per build.
///
/// An article is an entry of the site feed and of the feed of each of its
/// terms, in every format: preparing it (absolutizing its HTML, sanitizing
/// text, looking up its image) once rather than a dozen times saves most of
/// the cost of the feeds. Safe to use from many threads at once.
final class PreparedEntryCache: @unchecked Sendable {
    // Safety: `entries` is only read or written while holding `lock`.
    private let lock = NSLock()
    private var entries: [String: PreparedEntry] = [:]

    /// The entry prepared for the item at `sourcePath`, made by `prepare` the first time.
    func entry(for sourcePath: String, prepare: () -> PreparedEntry) -> PreparedEntry {
        lock.lock()
        let known = entries[sourcePath]
        lock.unlock()
        if let known { return known }
        // Prepared outside the lock; two threads may both prepare one entry
        // and get equal results, so either may be kept.
        let entry = prepare()
        lock.lock()
        entries[sourcePath] = entry
        lock.unlock()
        return entry
    }
}
