import CCmark

/// GFM's tag filter: with raw HTML allowed, the few tags that would change
/// how the rest of the page is parsed (`<script>`, `<style>`, `<textarea>`,
/// …) are written with `&lt;` so that they show as text.
enum TagFilter {
    static let tags: [[UInt8]] = ["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"].map { Array($0.utf8) }

    static func apply(to nodes: [OpaquePointer]) {
        for node in nodes {
            let bytes = CMarkNode.literalBytes(of: node)
            guard bytes.contains(0x3C) else { continue }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 8)
            var changed = false
            for index in bytes.indices {
                if bytes[index] == 0x3C, isFiltered(bytes, at: index) {
                    output += Array("&lt;".utf8)
                    changed = true
                } else {
                    output.append(bytes[index])
                }
            }
            if changed { CMarkNode.setLiteral(output[...], of: node) }
        }
    }

    /// Whether a filtered tag opens or closes at `index` (`<script`, `</style`),
    /// followed by white space, `>` or `/>`.
    static func isFiltered(_ bytes: [UInt8], at index: Int) -> Bool {
        var position = index + 1
        if position < bytes.count, bytes[position] == 0x2F { position += 1 }
        for tag in tags {
            guard position + tag.count < bytes.count else { continue }
            var matches = true
            for offset in tag.indices {
                var byte = bytes[position + offset]
                if byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
                if byte != tag[offset] { matches = false; break }
            }
            guard matches else { continue }
            let next = bytes[position + tag.count]
            if next == 0x3E || next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D || next == 0x0C || next == 0x0B { return true }
            if next == 0x2F, position + tag.count + 1 < bytes.count, bytes[position + tag.count + 1] == 0x3E { return true }
        }
        return false
    }
}
