import CCmark

/// A footnote definition inside a list item or block quote
/// (`- [^a]: text`, `> [^a]: text`), where cmark-gfm opens one as a block
/// of that container and later moves it to the notes.
///
/// Its lines cannot simply be taken out as the top level's are: what
/// continues it depends on the containers around it. So its marker is
/// rewritten, in place, as a bullet list item of its own whose content
/// starts four columns into the container (`[^a]: text` → `+   text`). A list
/// item continues exactly as a footnote definition does — lines indented
/// four columns past the container, blank lines between them, lazy lines of
/// its paragraph — and can interrupt a paragraph as one does, so libcmark
/// parses the note's blocks, in their container, as cmark-gfm would; the
/// item then becomes the note and its list is taken out of the tree.
struct NestedFootnoteDefinition {
    /// As written, for the ids.
    var label: String
    /// How references find it (case and white space aside).
    var key: String
    /// The file line of `[^label]:` (1-based).
    var line: Int
    /// Where the container's content starts on that line (a byte offset):
    /// the bullet is written there.
    var contentOffset: Int
    /// Where `[^` is on the line.
    var markerStart: Int
    /// The definition's first line of text (after `[^label]:` and white
    /// space), empty when it has none, and where it starts on the line.
    var text: ArraySlice<UInt8>
    var textOffset: Int
    /// The colon's offset on the line: escaped when the line is left as
    /// text, so that libcmark does not read a link reference definition.
    var colon: Int
    /// Whether the line is escaped when left as text (markers after a quote
    /// or list marker always were; lines indented into an item were not).
    var escapesWhenText: Bool
    /// Whether cmark-gfm starts a definition here: `[^` at most three
    /// columns into the container (further in, it is code or text).
    var startsHere: Bool
    /// The bullets tried in turn: a bullet of the list just before or after
    /// would join the placeholder to that list.
    var bullet: UInt8 = Self.bullets[0]
    /// Which bullet it started with: definitions one after another start
    /// with different ones, so that they do not make one list.
    var firstBullet = 0
    var attempts = 0

    static let bullets: [UInt8] = [0x2B, 0x2A, 0x2D]  // + * -
    /// What an empty definition's item holds, so that it can interrupt a
    /// paragraph (an empty list item cannot); removed after parsing.
    static let emptyContent = Array("<!-- -->".utf8)

    /// The line as libcmark is given it.
    func rewritten(_ line: ArraySlice<UInt8>) -> [UInt8] {
        var result = Array(line[..<(line.startIndex + contentOffset)])
        result.append(bullet)
        result += [0x20, 0x20, 0x20]
        result += text.isEmpty ? Self.emptyContent[...] : text
        return result
    }

    /// The line left as text.
    func escaped(_ line: ArraySlice<UInt8>) -> [UInt8] {
        guard escapesWhenText else { return Array(line) }
        var result = Array(line[..<(line.startIndex + colon)])
        result.append(0x5C)
        result += line[(line.startIndex + colon)...]
        return result
    }

    /// What a link's column on the first line moves by, back to the file's.
    var firstLineShift: Int {
        textOffset - (contentOffset + 4)
    }

    /// Starts with the first bullet that is none of `avoided` (the markers of
    /// the lists on the lines around it) and makes an item.
    mutating func start(avoiding avoided: Set<UInt8>) {
        firstBullet = Self.bullets.indices.first { index in
            var trial = self
            trial.bullet = Self.bullets[index]
            return !avoided.contains(trial.bullet) && !trial.makesThematicBreak
        } ?? 0
        attempts = -1
        _ = nextBullet()
    }

    /// The bullet a line starts a list item with, after quote markers and indentation.
    static func listBullet(of line: ArraySlice<UInt8>) -> UInt8? {
        var index = line.startIndex
        while index < line.endIndex, line[index] == 0x20 || line[index] == 0x09 || line[index] == 0x3E { index += 1 }
        guard index + 1 < line.endIndex, bullets.contains(line[index]), line[index + 1] == 0x20 || line[index + 1] == 0x09 else { return nil }
        return line[index]
    }

    /// Chooses the next bullet after a failed parse; `false` when none is left.
    mutating func nextBullet() -> Bool {
        attempts += 1
        while attempts < Self.bullets.count {
            bullet = Self.bullets[(firstBullet + attempts) % Self.bullets.count]
            if !makesThematicBreak { return true }
            attempts += 1
        }
        return false
    }

    /// `*   * *` or `-   - -` would be a thematic break, not an item.
    var makesThematicBreak: Bool {
        guard bullet != 0x2B else { return false }
        var count = 1
        for byte in text {
            if byte == bullet { count += 1 } else if byte != 0x20 && byte != 0x09 { return false }
        }
        return count >= 3
    }

    /// The line where cmark-gfm ends the definition but the placeholder item
    /// would go on: a line blank after the quote markers but not empty
    /// (`>`, or spaces). cmark-gfm continues a definition over empty lines
    /// only, so there the definition ends; when what follows stays in the
    /// container, an empty comment written on that line ends the item there
    /// too (removed after parsing). When what follows leaves the container,
    /// the item ends there anyway and the line stays blank, as its blank
    /// line decides whether the list around it is loose.
    func closingLine(in lines: SourceLines) -> Int? {
        let prefix = Self.quotePrefix(lines.line(line)[..<(lines.line(line).startIndex + contentOffset)])
        let indent = contentOffset - prefix.end
        var afterText = true
        var number = line + 1
        while number <= lines.count {
            let text = lines.line(number)
            if text.isEmpty {
                afterText = false
                number += 1
                continue
            }
            // Another definition ends this one (and so no scan goes past it).
            if FootnoteDefinitions.startsDefinition(text) { return nil }
            switch Self.match(text, quotes: prefix.quotes) {
            case .blank:
                var next = number + 1
                while next <= lines.count, lines.line(next).isEmpty || Self.match(lines.line(next), quotes: prefix.quotes) == .blank { next += 1 }
                if next <= lines.count, case .content(let found, _) = Self.match(lines.line(next), quotes: prefix.quotes), found >= indent + 4 {
                    return number
                }
                return nil
            case .content(let found, _) where found >= indent + 4:
                afterText = true
            case .content(_, let first) where afterText && Self.mayBeLazy(first), .outside(let first) where afterText && Self.mayBeLazy(first):
                break
            default:
                return nil
            }
            number += 1
        }
        return nil
    }

    /// An empty comment on the closing line, inside the same containers.
    func closer(for line: ArraySlice<UInt8>, definitionLine: ArraySlice<UInt8>) -> [UInt8] {
        var result: [UInt8] = definitionLine[..<(definitionLine.startIndex + contentOffset)].map { $0 == 0x3E || $0 == 0x09 ? $0 : 0x20 }
        result += Self.emptyContent
        return result
    }

    private enum LineMatch: Equatable {
        /// Blank after the quote markers.
        case blank
        /// Text after the quote markers, this many columns in, starting with this byte.
        case content(Int, UInt8)
        /// Fewer quote markers than the definition's line has.
        case outside(UInt8)
    }

    private static func match(_ text: ArraySlice<UInt8>, quotes: Int) -> LineMatch {
        var index = text.startIndex
        for _ in 0..<quotes {
            var spaces = 0
            while index < text.endIndex, text[index] == 0x20, spaces < 3 {
                index += 1
                spaces += 1
            }
            guard index < text.endIndex, text[index] == 0x3E else {
                let first = text.first { $0 != 0x20 && $0 != 0x09 } ?? 0x20
                return .outside(first)
            }
            index += 1
            if index < text.endIndex, text[index] == 0x20 { index += 1 }
        }
        var column = 0
        while index < text.endIndex, text[index] == 0x20 || text[index] == 0x09 {
            column = text[index] == 0x09 ? (column / 4 + 1) * 4 : column + 1
            index += 1
        }
        return index == text.endIndex ? .blank : .content(column, text[index])
    }

    /// How many quote markers a line's prefix holds, and where the last one's content starts.
    private static func quotePrefix(_ prefix: ArraySlice<UInt8>) -> (quotes: Int, end: Int) {
        var quotes = 0, end = 0
        var index = prefix.startIndex
        while index < prefix.endIndex {
            if prefix[index] == 0x3E {
                quotes += 1
                index += 1
                if index < prefix.endIndex, prefix[index] == 0x20 { index += 1 }
                end = index - prefix.startIndex
            } else {
                index += 1
            }
        }
        return (quotes, end)
    }

    /// A line that may carry on a paragraph (it starts no block of its own).
    private static func mayBeLazy(_ first: UInt8) -> Bool {
        !(first == 0x3E || first == 0x2D || first == 0x2B || first == 0x2A || first == 0x23 || first == 0x60 || first == 0x7E
            || first == 0x3C || first == 0x7C || first == 0x3D || first == 0x5F || (0x30...0x39).contains(first))
    }

    /// The placeholder's list in a parsed document: a bullet list starting
    /// at the line and column, holding one item.
    static func placeholders(in document: CMarkDocument, for definitions: [NestedFootnoteDefinition]) -> [Int: OpaquePointer] {
        var wanted: [Int: Int] = [:]
        for definition in definitions { wanted[definition.line] = definition.contentOffset + 1 }
        var found: [Int: OpaquePointer] = [:]
        document.forEachNode { node in
            guard CMarkDocument.type(of: node) == CMARK_NODE_LIST, cmark_node_get_list_type(node) == CMARK_BULLET_LIST else { return }
            let line = CMarkDocument.line(of: node)
            guard let column = wanted[line], CMarkDocument.column(of: node) == column, found[line] == nil,
                let item = cmark_node_first_child(node), cmark_node_next(item) == nil
            else { return }
            found[line] = node
        }
        return found
    }
}
