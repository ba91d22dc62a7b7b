import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Measures the Markdown stage alone, for `Benchmarks/MarkdownBenchmark`:
/// article bodies rendered one after another on the calling thread (so that
/// a profiler such as callgrind follows one thread).
public enum MarkdownThroughput {
    /// Renders every body `rounds` times with `extensions`; returns the
    /// processor time of the fastest round, in seconds.
    public static func render(_ bodies: [String], extensions: MarkdownExtensions, rounds: Int) -> Double {
        var settings = SiteConfig.MarkdownSettings()
        settings.extensions = extensions
        let renderer = MarkdownRenderer(settings: settings)
        var best = Double.infinity
        for _ in 0..<max(rounds, 1) {
            let start = threadSeconds()
            for (index, body) in bodies.enumerated() {
                _ = renderer.render(body, path: "Content/articles/\(index).md", lineOffset: 0) { _ in .keep }
            }
            best = min(best, threadSeconds() - start)
        }
        return best
    }

    private static func threadSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
