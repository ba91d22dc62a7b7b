import Foundation

/// Produces the planned files on every core and publishes them at once
/// (see `Publisher`); on any error nothing is published.
struct OutputWriter {
    let options: BuildOptions

    struct Result {
        var written: Int
        var unchanged: Int
        var reused: Int
        /// For each output: the content files it was made from.
        var dependencies: [String: [String]]
        /// The files written, relative to the output folder.
        var writtenPaths: [String]
        /// Whether files the site no longer has were looked for and deleted.
        var pruned: Bool
    }

    /// Writes `plan`; with `reuse`, outputs whose sources did not change are
    /// left as published and counted as unchanged. Returns `nil`, publishing
    /// nothing, when an output showed a body that `reuse` withheld: the
    /// build must then render everything. A `partial` plan holds only some
    /// of the site's outputs (see `WarmBuild`): the others stay as
    /// published, so nothing is looked for to delete.
    func write(_ plan: OutputPlan, reusing reuse: IncrementalRender?, partial: Bool = false) throws(DiagnosticError) -> Result? {
        let publisher: Publisher
        do {
            publisher = try Publisher(output: options.output)
        } catch {
            throw DiagnosticError([.error("cannot prepare the output folder: \(error)", at: options.output.path)])
        }
        let progress = options.progress
        progress?.begin(.pages, total: plan.outputs.count)
        let outcomes = plan.outputs.parallelMap { output -> (errors: [Diagnostic], sources: [String], skipped: Bool, incomplete: Bool) in
            defer { progress?.advance() }
            if let reuse, !reuse.mustRender(output) {
                return ([], reuse.state.dependencies[output.path] ?? [], true, false)
            }
            let recorder = RenderDependencies()
            // Rendered with an empty body in place of one it shows: never
            // published, and its errors may come from the missing body.
            func showsWithheld() -> Bool {
                guard let reuse else { return false }
                return recorder.sources.contains(where: reuse.withheld.contains) || output.dependencies.contains(where: reuse.withheld.contains)
            }
            do {
                let sources: Set<String>
                switch output.source {
                case .generated(let produce):
                    let bytes = try RenderDependencies.recording(into: recorder) { () throws(DiagnosticError) in try produce() }
                    if showsWithheld() { return ([], [], false, true) }
                    try publisher.write(bytes, to: output.path)
                    sources = recorder.sources.union(output.dependencies)
                case .file(let url):
                    try publisher.copy(from: url.path, to: output.path)
                    sources = Set(output.dependencies)
                }
                return ([], Array(sources).sorted(), false, false)
            } catch let error as DiagnosticError {
                return (error.diagnostics, [], false, showsWithheld())
            } catch {
                return ([.error("\(error)", at: output.origin)], [], false, showsWithheld())
            }
        }
        if outcomes.contains(where: \.incomplete) {
            publisher.discard()
            return nil
        }
        // The same template error shows on every page using it: report it once.
        var seen = Set<Diagnostic>()
        let errors = outcomes.flatMap(\.errors).filter { seen.insert($0).inserted }
        guard errors.isEmpty else {
            publisher.discard()
            throw DiagnosticError(errors)
        }
        var dependencies: [String: [String]] = [:]
        dependencies.reserveCapacity(plan.outputs.count)
        for (output, outcome) in zip(plan.outputs, outcomes) {
            dependencies[output.path] = outcome.sources
        }
        let skipped = outcomes.filter(\.skipped).count
        // An incremental build over the same set of outputs deletes nothing,
        // so it need not list the output folder.
        let prune = !partial && reuse.map { state in
            state.state.dependencies.count != dependencies.count || dependencies.keys.contains { state.state.dependencies[$0] == nil }
        } ?? true
        do {
            let counts = try publisher.commit(keep: prune ? Set(dependencies.keys) : nil)
            return Result(
                written: counts.written, unchanged: counts.unchanged + skipped, reused: skipped, dependencies: dependencies,
                writtenPaths: publisher.writtenPaths, pruned: prune)
        } catch {
            publisher.discard()
            throw DiagnosticError([.error("cannot publish the build: \(error)", at: options.output.path)])
        }
    }
}
