import CCmark
import Foundation

/// Owns one libcmark document tree and the arena its memory comes from.
///
/// Node pointers handed to the closures of `forEachNode` are only valid while
/// the document lives; they never leave this type's methods. Every call into
/// libcmark that may allocate runs inside `arena.serving`.
final class CMarkDocument {
    private let arena: CMarkArena
    let root: OpaquePointer
    let options: Int32
    /// The source, for extensions that read the lines behind a node.
    let markdown: String

    init(markdown: String, options: Int32) {
        self.options = options
        self.markdown = markdown
        let arena = CMarkArena()
        self.arena = arena
        var text = markdown
        let allocator = arena.allocator
        root = arena.serving {
            text.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    let parser = cmark_parser_new_with_mem(options, allocator)
                    defer { cmark_parser_free(parser) }
                    cmark_parser_feed(parser, chars.baseAddress, chars.count)
                    return cmark_parser_finish(parser)
                }
            }
        }
    }

    // The tree needs no `cmark_node_free`: all its memory is the arena's,
    // returned when the arena goes with this document.

    /// Renders the whole document, or one node of it, as HTML.
    func html(of node: OpaquePointer? = nil) -> String {
        arena.serving {
            // The result is the arena's too: read, not freed.
            guard let rendered = cmark_render_html(node ?? root, options) else { return "" }
            return String(cString: rendered)
        }
    }

    /// The top-level blocks, in order.
    var blocks: [OpaquePointer] {
        CMarkNode.children(of: root)
    }

    /// Visits every node once, on entering it.
    /// `body` may change nodes (`setURL`).
    func forEachNode(_ body: (OpaquePointer) -> Void) {
        arena.serving { CMarkNode.forEach(in: root, body) }
    }

    /// Runs `body`, which may create, move and change nodes, with the
    /// document's arena answering libcmark's allocations.
    func editing<Result>(_ body: () throws -> Result) rethrows -> Result {
        try arena.serving(body)
    }

    /// A new node of this document's arena. Only inside `editing`.
    func newNode(_ type: cmark_node_type) -> OpaquePointer {
        guard let node = cmark_node_new_with_mem(type, arena.allocator) else { fatalError("out of memory parsing Markdown") }
        return node
    }

    /// A custom node that renders as `enter` before its children and `exit`
    /// after them. Only inside `editing`.
    func customNode(block: Bool, enter: String, exit: String = "") -> OpaquePointer {
        let node = newNode(block ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE)
        _ = cmark_node_set_on_enter(node, enter)
        _ = cmark_node_set_on_exit(node, exit)
        return node
    }

    /// The same, for markup fixed in the program: its bytes are passed to
    /// libcmark as they are, with no string made on each call (tables make
    /// one node per cell).
    func customNode(block: Bool, staticEnter enter: StaticString, staticExit exit: StaticString) -> OpaquePointer {
        let node = newNode(block ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE)
        _ = cmark_node_set_on_enter(node, UnsafeRawPointer(enter.utf8Start).assumingMemoryBound(to: CChar.self))
        _ = cmark_node_set_on_exit(node, UnsafeRawPointer(exit.utf8Start).assumingMemoryBound(to: CChar.self))
        return node
    }

    /// Parses `text` as a separate document in this document's arena (with
    /// its options), so that its nodes can be moved into this tree. Only
    /// inside `editing`.
    func parseFragment(_ text: UnsafeBufferPointer<UInt8>) -> OpaquePointer {
        let parser = cmark_parser_new_with_mem(options, arena.allocator)
        defer { cmark_parser_free(parser) }
        text.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        guard let fragment = cmark_parser_finish(parser) else { fatalError("out of memory parsing Markdown") }
        return fragment
    }

    /// Renders one node as HTML; only inside `editing` (the result is read
    /// from the arena).
    func renderedHTML(of node: OpaquePointer) -> String {
        guard let rendered = cmark_render_html(node, options) else { return "" }
        return String(cString: rendered)
    }

    /// Removes a node from the tree.
    func remove(_ node: OpaquePointer) {
        arena.serving {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    static func type(of node: OpaquePointer) -> cmark_node_type {
        cmark_node_get_type(node)
    }

    static func literal(of node: OpaquePointer) -> String? {
        cmark_node_get_literal(node).map { String(cString: $0) }
    }

    /// The literal's UTF-8 bytes, borrowed from the node for the call only.
    static func literalBytes<Result>(of node: OpaquePointer, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard let literal = cmark_node_get_literal(node) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return literal.withMemoryRebound(to: UInt8.self, capacity: strlen(literal)) {
            body(UnsafeBufferPointer(start: $0, count: strlen(literal)))
        }
    }

    static func url(of node: OpaquePointer) -> String? {
        cmark_node_get_url(node).map { String(cString: $0) }
    }

    /// Allocates: call it only from a `forEachNode` closure.
    static func setURL(_ url: String, of node: OpaquePointer) {
        _ = cmark_node_set_url(node, url)
    }

    static func line(of node: OpaquePointer) -> Int {
        Int(cmark_node_get_start_line(node))
    }

    static func column(of node: OpaquePointer) -> Int {
        Int(cmark_node_get_start_column(node))
    }
}
