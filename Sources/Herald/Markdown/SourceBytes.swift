#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Fast questions about a Markdown source's bytes, asked before an
/// extension walks the tree: most articles have no `~`, no `[^` and no
/// `@`, and a search with the C library's vectorised `memchr`
/// costs far less than visiting every node.
enum SourceBytes {
    static func contains(_ byte: UInt8, in text: String) -> Bool {
        withBytes(of: text) { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }
    }

    /// Needles, made once (a `String` would be turned into bytes on every search).
    static let schemeSeparator = Array("://".utf8)
    static let www = Array("www.".utf8)
    static let footnoteOpener = Array("[^".utf8)
    static let definitionColon = Array("]:".utf8)

    static func contains(_ needle: [UInt8], in text: String) -> Bool {
        withBytes(of: text) { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
            return contains(needle, in: UnsafeRawBufferPointer(start: base, count: buffer.count))
        }
    }

    static func contains(_ bytes: [UInt8], in buffer: UnsafeRawBufferPointer) -> Bool {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
        guard let first = bytes.first else { return true }
        let end = base + buffer.count
        var from = base
        // Each occurrence of the first byte found by `memchr`, then the rest compared.
        while end - from >= bytes.count, let found = memchr(from, Int32(first), end - from) {
            let start = UnsafeRawPointer(found)
            guard end - start >= bytes.count else { return false }
            if memcmp(start, bytes, bytes.count) == 0 { return true }
            from = start + 1
        }
        return false
    }

    private static func withBytes<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return copy.withUTF8(body)
    }
}
