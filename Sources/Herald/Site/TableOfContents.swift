/// `page.toc`: the headings of a body as a nested list. Each entry has
/// `level` (1–6), `id`, `text` and `children`, the headings below it up to
/// the next one of its level or higher.
enum TableOfContents {
    static func value(of entries: [TOCEntry]) -> Value {
        var index = 0
        return .list(level(entries, from: &index, above: 0))
    }

    /// The entries from `index` on that are deeper than `parent`.
    private static func level(_ entries: [TOCEntry], from index: inout Int, above parent: Int) -> [Value] {
        var result: [Value] = []
        while index < entries.count, entries[index].level > parent {
            let entry = entries[index]
            index += 1
            let children = level(entries, from: &index, above: entry.level)
            result.append(.map([
                "level": .int(entry.level), "id": .string(entry.id), "text": .string(entry.text), "children": .list(children),
            ]))
        }
        return result
    }
}
