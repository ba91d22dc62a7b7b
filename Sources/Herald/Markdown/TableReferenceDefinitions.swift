import CCmark

/// A source's link reference definitions (`[ref]: /url "title"`), as text
/// to put before a separate parse of part of it.
///
/// libcmark keeps its definitions to itself, but it leaves no node where it
/// read one: a line that no leaf block covers, is not blank and starts like
/// a definition is where one was. Runs of such lines are kept when, parsed
/// alone, they leave nothing behind (so every line of them was read as a
/// definition); anything else is not added.
struct TableReferenceDefinitions {
    /// The definitions, each line ended, then a blank line.
    var prefix: [UInt8]
    /// The lines `prefix` takes.
    var lineCount: Int

    static let none = TableReferenceDefinitions(prefix: [], lineCount: 0)

    private init(prefix: [UInt8], lineCount: Int) {
        self.prefix = prefix
        self.lineCount = lineCount
    }

    init(under root: OpaquePointer, lines: SourceLines, document: CMarkDocument) {
        self = .none
        // A definition is `[label]:`; most bodies have none (a search for
        // the two bytes costs far less than the walk below).
        guard lines.count > 0, lines.bytes.withUnsafeBytes({ SourceBytes.contains(SourceBytes.definitionColon, in: $0) }) else { return }
        var covered = [Bool](repeating: false, count: lines.count + 2)
        CMarkNode.forEach(in: root) { node in
            switch CMarkDocument.type(of: node) {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK:
                let first = max(1, CMarkDocument.line(of: node)), last = min(CMarkNode.endLine(of: node), lines.count)
                if first <= last { for line in first...last { covered[line] = true } }
            default: break
            }
        }
        var runs: [[UInt8]] = []
        var number = 1
        while number <= lines.count {
            guard !covered[number], Self.startsLikeDefinition(lines.line(number)) else {
                number += 1
                continue
            }
            var run: [UInt8] = []
            while number <= lines.count, !covered[number], !Self.isBlank(lines.line(number)) {
                run += lines.line(number)
                run.append(0x0A)
                number += 1
            }
            runs.append(run)
        }
        guard !runs.isEmpty else { return }
        var text: [UInt8] = []
        let all = runs.reduce(into: [UInt8]()) { $0 += $1 }
        if Self.isOnlyDefinitions(all, document: document) {
            text = all
        } else {
            for run in runs where Self.isOnlyDefinitions(run, document: document) { text += run }
        }
        guard !text.isEmpty else { return }
        let count = text.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        text.append(0x0A)
        self.init(prefix: text, lineCount: count + 1)
    }

    /// Up to three spaces, then `[`: where a definition can start.
    private static func startsLikeDefinition(_ line: ArraySlice<UInt8>) -> Bool {
        let text = line.drop { $0 == 0x20 }
        return line.count - text.count <= 3 && text.first == 0x5B
    }

    private static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    private static func isOnlyDefinitions(_ text: [UInt8], document: CMarkDocument) -> Bool {
        let fragment = text.withUnsafeBufferPointer { document.parseFragment($0) }
        return cmark_node_first_child(fragment) == nil
    }
}
