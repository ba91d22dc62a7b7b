import CCmark

/// Small accessors over libcmark's node functions, for the extensions that
/// reshape the tree. Calls that allocate run inside `CMarkDocument.editing`.
enum CMarkNode {
    static func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    /// Calls `body` with `root` and every node below it, in document order
    /// (each once, on entering it). `body` may change the nodes' content but
    /// not the tree's shape.
    static func forEach(in root: OpaquePointer, _ body: (OpaquePointer) -> Void) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { body(node) }
        }
    }

    /// Moves every child of `source` to the end of `target`'s children.
    static func moveChildren(of source: OpaquePointer, to target: OpaquePointer) {
        while let child = cmark_node_first_child(source) {
            cmark_node_unlink(child)
            _ = cmark_node_append_child(target, child)
        }
    }

    static func setLiteral(_ text: String, of node: OpaquePointer) {
        _ = cmark_node_set_literal(node, text)
    }

    static func setLiteral(_ bytes: ArraySlice<UInt8>, of node: OpaquePointer) {
        var bytes = Array(bytes)
        bytes.append(0)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = cmark_node_set_literal(node, $0.baseAddress) }
        }
    }

    /// The literal's bytes, copied.
    static func literalBytes(of node: OpaquePointer) -> [UInt8] {
        CMarkDocument.literalBytes(of: node) { Array($0) }
    }

    /// Whether a custom node is a table cell (`<th…>`, `<td…>`).
    static func isTableCell(_ node: OpaquePointer) -> Bool {
        guard let enter = cmark_node_get_on_enter(node) else { return false }
        return enter[0] == 0x3C && enter[1] == 0x74 && (enter[2] == 0x68 || enter[2] == 0x64)
    }

    static func endLine(of node: OpaquePointer) -> Int {
        Int(cmark_node_get_end_line(node))
    }

    static func endColumn(of node: OpaquePointer) -> Int {
        Int(cmark_node_get_end_column(node))
    }
}
