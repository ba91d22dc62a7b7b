import CCmark

/// GFM task list items: a list item whose text starts with `[ ]`, `[x]` or
/// `[X]` and white space gets a disabled checkbox in place of the marker.
///
/// The checkbox goes at the start of the item's first paragraph, so that in
/// a loose list it stands on the line of its text (as on GitHub) rather than
/// on a line of its own, where cmark-gfm 0.29 puts it.
enum TaskLists {
    static func apply(to items: [OpaquePointer], document: CMarkDocument) {
        for item in items {
            guard let paragraph = cmark_node_first_child(item), CMarkDocument.type(of: paragraph) == CMARK_NODE_PARAGRAPH,
                let text = cmark_node_first_child(paragraph), CMarkDocument.type(of: text) == CMARK_NODE_TEXT
            else { continue }
            let bytes = CMarkNode.literalBytes(of: text)
            guard bytes.count >= 4, bytes[0] == 0x5B, bytes[2] == 0x5D, bytes[3] == 0x20 || bytes[3] == 0x09 else { continue }
            let checked: Bool
            switch bytes[1] {
            case 0x20: checked = false
            case 0x78, 0x58: checked = true
            default: continue
            }
            var rest = 4
            while rest < bytes.count, bytes[rest] == 0x20 || bytes[rest] == 0x09 { rest += 1 }
            // The marker alone on its line is not a task (`- [ ]` then a break).
            guard rest < bytes.count || cmark_node_next(text).map({ CMarkDocument.type(of: $0) != CMARK_NODE_SOFTBREAK && CMarkDocument.type(of: $0) != CMARK_NODE_LINEBREAK }) == true
            else { continue }
            let box = document.customNode(
                block: false, enter: checked ? "<input type=\"checkbox\" checked=\"\" disabled=\"\" /> " : "<input type=\"checkbox\" disabled=\"\" /> ")
            CMarkNode.setLiteral(bytes[rest...], of: text)
            _ = cmark_node_prepend_child(paragraph, box)
        }
    }
}
