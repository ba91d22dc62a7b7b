import CCmark

/// One heading of a body, for `page.toc`.
public struct TOCEntry: Sendable, Hashable {
    public var level: Int
    public var id: String
    public var text: String

    public init(level: Int, id: String, text: String) {
        self.level = level
        self.id = id
        self.text = text
    }
}

/// Heading ids: a GitHub-style slug of the heading's text, made unique
/// within the body with `-1`, `-2`, …, or the id of a trailing `{#id}`.
///
/// The body's footnote ids (`fn-…`, `fnref-…`) are taken before any
/// heading's: a heading whose slug or `{#id}` is one of them gets the next
/// free `-1`, `-2` as a second heading of the same text would, so that the
/// references keep their targets (a clashing `{#id}` is also reported).
///
/// libcmark writes `<hN>` without attributes, so each heading is replaced by
/// a custom block holding its own HTML with the id added: the element's
/// content stays exactly what libcmark renders.
enum HeadingIDs {
    /// A `{#id}` that is one of the footnotes' ids, and the id the heading got instead.
    struct Clash {
        var line: Int
        var column: Int
        var written: String
        var given: String
    }

    static func apply(
        to headings: [OpaquePointer], document: CMarkDocument, reserved: Set<String> = [], clashes: inout [Clash]
    ) -> [TOCEntry] {
        var used = reserved
        // The next number to try for each slug, so that many equal headings
        // do not each count up from 1.
        var nextNumber: [String: Int] = [:]
        var entries: [TOCEntry] = []
        var pending: [(node: OpaquePointer, custom: String?)] = []
        // Custom ids are claimed first, so that a slug never takes one.
        for heading in headings {
            let custom = takeCustomID(from: heading)
            if let custom, !reserved.contains(custom) { used.insert(custom) }
            pending.append((heading, custom))
        }
        func unique(_ base: String) -> String {
            var candidate = base
            var number = nextNumber[base] ?? 0
            while used.contains(candidate) {
                number += 1
                candidate = "\(base)-\(number)"
            }
            nextNumber[base] = number
            used.insert(candidate)
            return candidate
        }
        for (heading, custom) in pending {
            let text = plainText(of: heading)
            let id: String
            if let custom, reserved.contains(custom) {
                id = unique(custom)
                clashes.append(Clash(line: CMarkDocument.line(of: heading), column: CMarkDocument.column(of: heading), written: custom, given: id))
            } else if let custom {
                id = custom
            } else {
                id = unique(slug(text))
            }
            let level = Int(cmark_node_get_heading_level(heading))
            entries.append(TOCEntry(level: level, id: id, text: text))
            var html = document.renderedHTML(of: heading)
            let open = "<h\(level)"
            if html.hasPrefix(open) {
                html.insert(contentsOf: " id=\"\(HTMLEscaping.escape(id))\"", at: html.index(html.startIndex, offsetBy: open.count))
            }
            let replacement = document.customNode(block: true, enter: html)
            _ = cmark_node_replace(heading, replacement)
        }
        return entries
    }

    /// GitHub's slug: lower case; letters, digits, `-` and `_` kept, spaces
    /// made hyphens, everything else dropped.
    static func slug(_ text: String) -> String {
        if let ascii = asciiSlug(text) { return ascii }
        var result = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " {
                result.append("-")
            } else if scalar == "-" || scalar == "_" {
                result.append(scalar)
            } else if scalar.isASCII {
                let value = scalar.value
                if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) { result.append(scalar) }
            } else {
                switch scalar.properties.generalCategory {
                case .lowercaseLetter, .uppercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                    .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark,
                    .connectorPunctuation:
                    result.append(scalar)
                default: break
                }
            }
        }
        return result.isEmpty ? "section" : String(result)
    }

    /// The same for text all in ASCII (most headings), on its bytes: the
    /// general path's lower-casing and scalar properties cost ten times as
    /// much, on every heading of every article. `nil` for other text.
    private static func asciiSlug(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            for byte in bytes {
                switch byte {
                case 0x80...: return nil
                case 0x20: result.append(0x2D)
                case 0x2D, 0x5F, 0x30...0x39, 0x61...0x7A: result.append(byte)
                case 0x41...0x5A: result.append(byte + 0x20)
                default: break
                }
            }
            return result.isEmpty ? "section" : String(decoding: result, as: UTF8.self)
        }
    }

    /// The text of a heading as a reader sees it.
    static func plainText(of node: OpaquePointer) -> String {
        var bytes: [UInt8] = []
        collect(node, into: &bytes)
        // ASCII white space off the ends on the bytes; other white space
        // (a no-break space) through `Character`, which is far slower.
        var text = bytes[...]
        while let first = text.first, first == 0x20 || first == 0x09 || first == 0x0A || first == 0x0D { text = text.dropFirst() }
        while let last = text.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { text = text.dropLast() }
        let string = String(decoding: text, as: UTF8.self)
        guard let first = text.first, let last = text.last, first >= 0x80 || last >= 0x80 else { return string }
        return string.trimmingWhitespace().description
    }

    private static func collect(_ node: OpaquePointer, into bytes: inout [UInt8]) {
        var child = cmark_node_first_child(node)
        while let current = child {
            switch CMarkDocument.type(of: current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: CMarkDocument.literalBytes(of: current) { bytes += $0 }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: bytes.append(0x20)
            case CMARK_NODE_HTML_INLINE: break
            default: collect(current, into: &bytes)
            }
            child = cmark_node_next(current)
        }
    }

    /// Removes a trailing `{#id}` (after white space, or as the whole text)
    /// from the heading and returns the id.
    private static func takeCustomID(from heading: OpaquePointer) -> String? {
        guard let last = cmark_node_last_child(heading), CMarkDocument.type(of: last) == CMARK_NODE_TEXT else { return nil }
        let bytes = CMarkNode.literalBytes(of: last)
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard end >= 4, bytes[end - 1] == 0x7D else { return nil }
        var start = end - 2
        while start > 0, isIDByte(bytes[start]) { start -= 1 }
        guard start >= 1, bytes[start] == 0x23, bytes[start - 1] == 0x7B, start + 1 < end - 1 else { return nil }
        let open = start - 1
        guard open == 0 || bytes[open - 1] == 0x20 || bytes[open - 1] == 0x09 else { return nil }
        let id = String(decoding: bytes[(start + 1)..<(end - 1)], as: UTF8.self)
        var keep = open
        while keep > 0, bytes[keep - 1] == 0x20 || bytes[keep - 1] == 0x09 { keep -= 1 }
        CMarkNode.setLiteral(bytes[..<keep], of: last)
        return id
    }

    private static func isIDByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x2D || byte == 0x5F || byte == 0x3A || byte == 0x2E
    }
}
