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
    }

    /// Writes `plan`; with `reuse`, outputs whose sources did not change are
    /// left as published and counted as unchanged.
    func write(_ plan: OutputPlan, reusing reuse: IncrementalRender?) throws(DiagnosticError) -> Result {
        let publisher: Publisher
        do {
            publisher = try Publisher(output: options.output)
        } catch {
            throw DiagnosticError([.error("cannot prepare the output folder: \(error)", at: options.output.path)])
        }
        let outcomes = plan.outputs.parallelMap { output -> (errors: [Diagnostic], sources: [String], skipped: Bool) in
            if let reuse, !reuse.mustRender(output) {
                return ([], reuse.state.dependencies[output.path] ?? [], true)
            }
            let recorder = RenderDependencies()
            do {
                switch output.source {
                case .generated(let produce):
                    let bytes = try RenderDependencies.recording(into: recorder) { () throws(DiagnosticError) in try produce() }
                    try publisher.write(bytes, to: output.path)
                case .file(let url):
                    try publisher.copy(from: url.path, to: output.path)
                }
                return ([], Array(recorder.sources.union(output.dependencies)).sorted(), false)
            } catch let error as DiagnosticError {
                return (error.diagnostics, [], false)
            } catch {
                return ([.error("\(error)", at: output.origin)], [], false)
            }
        }
        // The same template error shows on every page using it: report it once.
        var seen = Set<Diagnostic>()
        let errors = outcomes.flatMap(\.errors).filter { seen.insert($0).inserted }
        guard errors.isEmpty else {
            publisher.discard()
            throw DiagnosticError(errors)
        }
        var dependencies: [String: [String]] = [:]
        for (output, outcome) in zip(plan.outputs, outcomes) {
            dependencies[output.path] = outcome.sources
        }
        let skipped = outcomes.filter(\.skipped).count
        // An incremental build over the same set of outputs deletes nothing,
        // so it need not list the output folder.
        let prune = reuse.map { Set($0.state.dependencies.keys) != Set(dependencies.keys) } ?? true
        do {
            let counts = try publisher.commit(keep: Set(dependencies.keys), prune: prune)
            return Result(written: counts.written, unchanged: counts.unchanged + skipped, reused: skipped, dependencies: dependencies)
        } catch {
            publisher.discard()
            throw DiagnosticError([.error("cannot publish the build: \(error)", at: options.output.path)])
        }
    }
}
