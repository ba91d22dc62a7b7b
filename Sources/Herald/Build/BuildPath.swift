/// Which way a build went and why, decided by `BuildPlanner` before any
/// page is rendered, kept in `BuildReport` and printed by `--verbose`.
public enum BuildPath: Sendable, Equatable, CustomStringConvertible {
    /// Nothing changed since the previous build: nothing was rendered.
    case unchanged
    /// Only content files changed, in ways no other page shows (their
    /// bodies): those files were read again and the outputs showing them
    /// rendered again.
    case incremental(changedSources: Int)
    /// The same in `serve`, from the site kept in memory after the previous
    /// build (`WarmBuild`): nothing listed or read but the changed files,
    /// nothing planned but the outputs showing them.
    case inMemory(changedSources: Int)
    /// Everything was read and rendered (still writing only files whose
    /// bytes changed), for the reason given.
    case full(reason: String)

    /// `build: unchanged`, `build: incremental (1 source changed)`,
    /// `build: full (templates changed)`.
    public var description: String {
        switch self {
        case .unchanged: return "build: unchanged"
        case .incremental(let count): return "build: incremental (\(count) source\(count == 1 ? "" : "s") changed)"
        case .inMemory(let count): return "build: incremental in memory (\(count) source\(count == 1 ? "" : "s") changed)"
        case .full(let reason): return "build: full (\(reason))"
        }
    }
}

/// Why a build cannot reuse the previous one's work: thrown by the checks
/// of `BuildPlanner`, `ContentState` and `IncrementalBuild`.
struct FullBuildReason: Error, Sendable {
    let text: String

    init(_ text: String) {
        self.text = text
    }
}
