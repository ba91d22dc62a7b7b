/// Keeps a finished build's data alive until the process exits.
///
/// `herald build` exits right after the build. Freeing a whole site's
/// objects one by one (items, pages, terms, the output plan) took about a
/// twentieth of a second at 10,000 articles, a tenth of a rebuild after one
/// edit, for memory the operating system reclaims at exit anyway; compilers
/// skip the same work (clang's `-disable-free`). Long-lived processes such
/// as `herald serve` and the tests free everything as usual.
enum ExitRetention {
    /// Keeps `values` until the process ends, on purpose.
    static func keep(_ values: [Any]) {
        _ = Unmanaged.passRetained(Kept(values))
    }

    private final class Kept {
        let values: [Any]

        init(_ values: [Any]) {
            self.values = values
        }
    }
}
