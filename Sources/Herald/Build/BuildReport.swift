import Foundation

/// What a successful build did: the counts of `herald build`'s summary line.
public struct BuildReport: Sendable {
    public var articles = 0
    public var pages = 0
    public var feeds = 0
    /// Files whose bytes changed (or are new).
    public var filesWritten = 0
    /// Files identical to the previous output, left untouched.
    public var filesUnchanged = 0
    /// Of those, the files not even produced again, because nothing they
    /// were made from changed (an incremental build).
    public var filesReused = 0
    public var duration: TimeInterval = 0
    /// Problems that did not stop the build (such as a missing `image_alt`).
    public var warnings: [Diagnostic] = []
    /// Absolute URLs of the feeds whose bytes this build changed (or
    /// created): what WebSub hubs are told of. Empty for a build that found
    /// nothing changed.
    public var changedFeeds: [String] = []
    /// Which way the build went, and why (`--verbose`'s first line).
    public var path: BuildPath = .unchanged
    /// Seconds spent in each stage, in order, for `--verbose`.
    public var stageTimes: [StageTime] = []

    /// One stage of a build: wall time, and processor time on all cores.
    public struct StageTime: Sendable {
        public var stage: String
        public var seconds: Double
        public var processorSeconds: Double
    }

    /// `Built 24 articles, 3 pages, 30 feeds: 212 files written (10 unchanged) in 0.42 s`
    public var summary: String {
        let time = duration < 10 ? String(format: "%.2f", duration) : String(format: "%.1f", duration)
        return "Built \(articles) article\(articles == 1 ? "" : "s"), \(pages) page\(pages == 1 ? "" : "s"), \(feeds) feed\(feeds == 1 ? "" : "s"): \(filesWritten) file\(filesWritten == 1 ? "" : "s") written (\(filesUnchanged) unchanged) in \(time) s"
    }
}
