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
        bytes.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where buffer[index] == 0x0A {
                starts.append(index + 1)
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
