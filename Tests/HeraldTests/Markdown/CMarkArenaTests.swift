import CCmark
import Foundation
import Testing

@testable import Herald

/// libcmark's allocations from Herald's arena give the same documents as
/// libcmark's own allocator, small or large, and blocks keep their bytes
/// when they grow.
@Suite struct CMarkArenaTests {
    /// HTML from libcmark with its default allocator, for comparison.
    func reference(_ markdown: String, options: Int32 = CMARK_OPT_DEFAULT) -> String {
        let bytes = Array(markdown.utf8)
        guard let html = bytes.withUnsafeBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_markdown_to_html($0.baseAddress, $0.count, options) }
        }) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    static let documents: [String] = [
        "",
        "# Title\n\nSome *text* with [a link](https://example.org \"t\") and `code`.\n",
        "> quote\n> > nested\n\n1. one\n2. two\n   - three\n\n```swift\nlet x = 1\n```\n",
        // Larger than the first chunk, with blocks bigger than a quarter of it.
        String(repeating: "A paragraph with **bold**, _emphasis_ and a [ref][r].\n\n", count: 3_000) + "[r]: /x\n",
        String(repeating: "x", count: 200_000),
        String(repeating: "> ", count: 500) + "deep\n",
        String(repeating: "*a ", count: 5_000),
    ]

    @Test(arguments: documents)
    func rendersAsLibcmarksOwnAllocator(_ markdown: String) {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_SMART
        #expect(CMarkDocument(markdown: markdown, options: options).html() == reference(markdown, options: options))
    }

    @Test func blocksGrowInPlaceOrMoveWithTheirBytes() {
        var arena = ArenaState()
        defer { arena.releaseChunks() }
        let first = arena.allocate(10)!
        first.copyMemory(from: Array("0123456789".utf8), byteCount: 10)
        // The last block grows where it is.
        let grown = arena.reallocate(first, to: 100)!
        #expect(grown == first)
        #expect(ArenaState.size(of: grown) == 100)
        // Once another block follows it, it moves, bytes and all.
        _ = arena.allocate(8)
        let moved = arena.reallocate(grown, to: 40_000)!
        #expect(moved != grown)
        #expect(Array(UnsafeRawBufferPointer(start: moved, count: 10)) == Array("0123456789".utf8))
        // Blocks are 16-byte aligned, as malloc's are.
        for size in [1, 7, 16, 33, 20_000] {
            #expect(Int(bitPattern: arena.allocate(size)!) % 16 == 0)
        }
    }

    @Test func arenasNestOnOneThread() {
        let outer = CMarkDocument(markdown: "outer *text*", options: CMARK_OPT_DEFAULT)
        var inner = ""
        outer.forEachNode { _ in
            if inner.isEmpty { inner = CMarkDocument(markdown: "inner", options: CMARK_OPT_DEFAULT).html() }
        }
        #expect(inner == "<p>inner</p>\n")
        #expect(outer.html() == "<p>outer <em>text</em></p>\n")
    }
}
