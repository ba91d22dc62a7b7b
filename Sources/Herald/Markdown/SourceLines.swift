#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lines of a Markdown source, by number, for extensions that look at
/// what libcmark's nodes were written as (source positions are 1-based
/// lines and byte columns).
struct SourceLines {
    let bytes: [UInt8]
    /// Where each line starts, and one past the end of the last.
    private let starts: [Int]

    init(_ markdown: String) {
        bytes = Array(markdown.utf8)
        var starts = [0]
        // Line feeds found with `memchr`: this runs over every article with a table.
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var from = 0
            while from < buffer.count, let found = memchr(base + from, 0x0A, buffer.count - from) {
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                starts.append(index + 1)
                from = index + 1
            }
        }
        if starts.last != bytes.count { starts.append(bytes.count) }
        self.starts = starts
    }

    var count: Int { starts.count - 1 }

    /// Line `number` (1-based) without its line ending; empty when there is none.
    func line(_ number: Int) -> ArraySlice<UInt8> {
        guard number >= 1, number <= count else { return [] }
        var end = starts[number]
        if end > starts[number - 1], bytes[end - 1] == 0x0A { end -= 1 }
        if end > starts[number - 1], bytes[end - 1] == 0x0D { end -= 1 }
        return bytes[starts[number - 1]..<end]
    }
}
