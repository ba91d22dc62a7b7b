/// Records, while one output is rendered, which content files' bodies it
/// showed (`content`, `word_count`, `reading_time`, and `summary` and
/// `description` unless front matter gave the summary): an incremental
/// build re-renders an output only when one of those files changed (see
/// `ContentState`).
final class RenderDependencies: @unchecked Sendable {
    // Safety: one instance per render, used by the thread doing that render.
    @TaskLocal static var current: RenderDependencies?

    private(set) var sources: Set<String> = []

    func record(_ sourcePath: String) {
        sources.insert(sourcePath)
    }

    /// Renders with `recorder` collecting what `body` shows.
    static func recording<T, E: Error>(into recorder: RenderDependencies, _ body: () throws(E) -> T) throws(E) -> T {
        let result: Result<T, E> = $current.withValue(recorder) {
            do throws(E) { return .success(try body()) } catch { return .failure(error) }
        }
        return try result.get()
    }
}
