import Foundation
import Synchronization

/// How far a build has come, for the line a terminal shows while it runs
/// (`Rendering pages 8,412/15,102`). The builder names each stage as it
/// starts; the stages that go through every file count them. Workers add
/// to one atomic counter, so that counting costs no lock per page; the
/// line is read from another thread whenever it is drawn.
public final class BuildProgress: @unchecked Sendable {
    // Safety: `current` and `ended` are only touched under `currentLock`.
    /// A stage of a build, as the line names it.
    public enum Stage: String, Sendable {
        case previous = "Reading the previous build"
        case configuration = "Reading site.yml"
        case images = "Processing images"
        case templates = "Compiling templates"
        case content = "Reading content"
        case markdown = "Rendering Markdown"
        case planning = "Planning outputs"
        case search = "Indexing for search"
        case checking = "Checking outputs"
        case pages = "Rendering pages"
        case saving = "Saving the build state"
        /// `herald check`'s checks of the built site.
        case checkingSite = "Checking links and feeds"
    }

    private let currentLock = NSLock()
    private var current: (stage: Stage, total: Int)?
    private var ended: [String] = []
    private let counter: any ProgressCounter

    public init() {
        if #available(macOS 15.0, *) {
            counter = AtomicProgressCounter()
        } else {
            counter = LockedProgressCounter()
        }
    }

    /// A stage starts; `total` is the number of things it counts (0: none).
    func begin(_ stage: Stage, total: Int = 0) {
        currentLock.withLock {
            if let current { ended.append(Self.text(stage: current.stage, done: counter.value, total: current.total)) }
            // The count first: the line never shows the new stage with the old count.
            counter.reset()
            current = (stage, total)
        }
    }

    /// The stages done so far, each with its last count (`Reading content
    /// 6/6`): what `--verbose` could print, and what tests check.
    var endedStages: [String] {
        currentLock.withLock { ended }
    }

    /// One more thing of the current stage is done (from any thread).
    func advance() {
        counter.add(1)
    }

    /// What the terminal shows `elapsed` seconds into the build.
    public func line(elapsed: Double) -> String {
        let now = currentLock.withLock { current }
        return Self.line(stage: now?.stage, done: counter.value, total: now?.total ?? 0, elapsed: elapsed)
    }

    /// `Rendering pages 8,412/15,102 (14.7 s)`; the stage alone when it
    /// counts nothing, `Building…` before the first.
    static func line(stage: Stage?, done: Int, total: Int, elapsed: Double) -> String {
        let time = " (" + String(format: "%.1f", elapsed) + " s)"
        guard let stage else { return "Building…" + time }
        return text(stage: stage, done: done, total: total) + time
    }

    static func text(stage: Stage, done: Int, total: Int) -> String {
        guard total > 0 else { return stage.rawValue + "…" }
        return "\(stage.rawValue) \(DiagnosticDigest.grouped(min(done, total)))/\(DiagnosticDigest.grouped(total))"
    }

    /// Whether a progress line may be drawn at all: on a terminal that can
    /// move its cursor back (not `TERM=dumb`), never into a file or a pipe,
    /// where it would only be noise in a log.
    public static func isShown(standardErrorIsTerminal: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        standardErrorIsTerminal && environment["TERM"] != "dumb"
    }
}

/// The count of a stage, added to from many threads.
protocol ProgressCounter: Sendable {
    func add(_ amount: Int)
    func reset()
    var value: Int { get }
}

@available(macOS 15.0, *)
final class AtomicProgressCounter: ProgressCounter {
    private let count = Atomic<Int>(0)

    func add(_ amount: Int) { count.add(amount, ordering: .relaxed) }
    func reset() { count.store(0, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}

/// For macOS 14, which has no `Atomic`: a lock, taken once per thing counted.
final class LockedProgressCounter: ProgressCounter, @unchecked Sendable {
    // Safety: `number` is only touched under `lock`.
    private let lock = NSLock()
    private var number = 0

    func add(_ amount: Int) { lock.withLock { number += amount } }
    func reset() { lock.withLock { number = 0 } }
    var value: Int { lock.withLock { number } }
}
