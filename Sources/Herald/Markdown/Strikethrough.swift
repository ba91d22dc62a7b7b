import CCmark

/// GFM strikethrough: `~text~` and `~~text~~` become `<del>`.
///
/// libcmark leaves tildes in its text nodes, so the runs are found there and
/// matched with CommonMark's delimiter rules as cmark-gfm does (a run of one
/// or two that is left-flanking may open, right-flanking may close; opener
/// and closer have the same length; what lies between an opener and the
/// closer it meets becomes literal). Runs are matched among the children of
/// one node: libcmark has already made emphasis and links, so a run inside
/// `*…*` never pairs with one outside it.
struct Strikethrough {
    let document: CMarkDocument
    let source: () -> SourceLines

    /// One run of tildes in a text child.
    private struct Run {
        var child: Int
        var offset: Int
        var length: Int
        var canOpen: Bool
        var canClose: Bool
    }

    /// Rewrites every node whose children are inlines.
    func apply(to containers: [OpaquePointer]) {
        for container in containers {
            process(container)
        }
    }

    static func holdsInlines(_ type: cmark_node_type) -> Bool {
        switch type {
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK, CMARK_NODE_IMAGE,
            CMARK_NODE_CUSTOM_INLINE:
            return true
        default: return false
        }
    }

    private func process(_ container: OpaquePointer) {
        let children = CMarkNode.children(of: container)
        var texts: [Int: [UInt8]] = [:]
        var runs: [Run] = []
        for (index, child) in children.enumerated() where CMarkDocument.type(of: child) == CMARK_NODE_TEXT {
            let hasTilde = CMarkDocument.literalBytes(of: child) { $0.contains(0x7E) }
            guard hasTilde else { continue }
            let bytes = CMarkNode.literalBytes(of: child)
            texts[index] = bytes
            let active = activeTildes(of: child, literal: bytes)
            var position = 0
            var tildeNumber = 0
            while position < bytes.count {
                guard bytes[position] == 0x7E else { position += 1; continue }
                var end = position
                var allActive = true
                while end < bytes.count, bytes[end] == 0x7E {
                    if let active, tildeNumber < active.count, !active[tildeNumber] { allActive = false }
                    tildeNumber += 1
                    end += 1
                }
                let length = end - position
                if allActive, length <= 2 {
                    let before = InlineCharacters.scalar(before: position, in: bytes) ?? Self.boundary(before: index, in: children, container: container)
                    let after = InlineCharacters.scalar(at: end, in: bytes) ?? Self.boundary(after: index, in: children, container: container)
                    let (left, right) = Self.flanking(before: before, after: after)
                    if left || right {
                        runs.append(Run(child: index, offset: position, length: length, canOpen: left, canClose: right))
                    }
                }
                position = end
            }
        }
        guard runs.count >= 2 else { return }
        let pairs = Self.match(runs)
        guard !pairs.isEmpty else { return }
        // Each text child holding a paired run is cut into pieces, the runs
        // becoming text nodes of their own.
        var runNodes: [Int: OpaquePointer] = [:]
        let paired = Set(pairs.flatMap { [$0.opener, $0.closer] })
        var byChild: [Int: [Int]] = [:]
        for index in paired.sorted() { byChild[runs[index].child, default: []].append(index) }
        for (child, runIndices) in byChild {
            guard let bytes = texts[child] else { continue }
            var node = children[child]
            var position = 0
            var first = true
            func emit(_ piece: ArraySlice<UInt8>) -> OpaquePointer {
                if first {
                    first = false
                    CMarkNode.setLiteral(piece, of: node)
                    return node
                }
                let next = document.newNode(CMARK_NODE_TEXT)
                CMarkNode.setLiteral(piece, of: next)
                _ = cmark_node_insert_after(node, next)
                node = next
                return next
            }
            for runIndex in runIndices {
                let run = runs[runIndex]
                if run.offset > position { _ = emit(bytes[position..<run.offset]) }
                runNodes[runIndex] = emit(bytes[run.offset..<run.offset + run.length])
                position = run.offset + run.length
            }
            if position < bytes.count { _ = emit(bytes[position...]) }
        }
        // Innermost first: a pair closes before any pair around it.
        for pair in pairs {
            guard let opener = runNodes[pair.opener], let closer = runNodes[pair.closer] else { continue }
            let del = document.customNode(block: false, enter: "<del>", exit: "</del>")
            _ = cmark_node_insert_before(opener, del)
            while let next = cmark_node_next(opener), next != closer {
                cmark_node_unlink(next)
                _ = cmark_node_append_child(del, next)
            }
            cmark_node_unlink(opener)
            cmark_node_unlink(closer)
        }
    }

    /// CommonMark's process-emphasis loop for one kind of delimiter: pairs
    /// of run indices, in the order they close.
    private static func match(_ runs: [Run]) -> [(opener: Int, closer: Int)] {
        var removed = [Bool](repeating: false, count: runs.count)
        var bottom = [-1, -1, -1]
        var pairs: [(opener: Int, closer: Int)] = []
        for closer in runs.indices where !removed[closer] && runs[closer].canClose {
            let length = runs[closer].length
            var candidate = closer - 1
            var found: Int?
            while candidate > bottom[length % 3] {
                let opener = runs[candidate]
                if !removed[candidate], opener.canOpen {
                    // The "multiple of 3" rule, as for emphasis.
                    let oddMatch = (runs[closer].canOpen || opener.canClose) && length % 3 != 0 && (opener.length + length) % 3 == 0
                    if !oddMatch {
                        found = candidate
                        break
                    }
                }
                candidate -= 1
            }
            if let found {
                if runs[found].length == length { pairs.append((found, closer)) }
                for index in found...closer { removed[index] = true }
            } else {
                bottom[length % 3] = closer - 1
                if !runs[closer].canOpen { removed[closer] = true }
            }
        }
        return pairs
    }

    private static func flanking(before: Unicode.Scalar, after: Unicode.Scalar) -> (left: Bool, right: Bool) {
        let spaceBefore = InlineCharacters.isSpace(before), spaceAfter = InlineCharacters.isSpace(after)
        let punctuationBefore = InlineCharacters.isPunctuation(before), punctuationAfter = InlineCharacters.isPunctuation(after)
        let left = !spaceAfter && (!punctuationAfter || spaceBefore || punctuationBefore)
        let right = !spaceBefore && (!punctuationBefore || spaceAfter || punctuationAfter)
        return (left, right)
    }

    /// What the source had just before child `index`'s text, when that text
    /// starts a run: the end of the node before it, or of the container's
    /// opening syntax.
    private static func boundary(before index: Int, in children: [OpaquePointer], container: OpaquePointer) -> Unicode.Scalar {
        guard index > 0 else { return opening(of: container) }
        let previous = children[index - 1]
        switch CMarkDocument.type(of: previous) {
        case CMARK_NODE_TEXT:
            return CMarkDocument.literalBytes(of: previous) { bytes in
                InlineCharacters.scalar(before: bytes.count, in: Array(bytes.suffix(4))) ?? "\n"
            }
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: return "\n"
        // Emphasis, code, links and raw HTML all end with punctuation.
        default: return "*"
        }
    }

    private static func boundary(after index: Int, in children: [OpaquePointer], container: OpaquePointer) -> Unicode.Scalar {
        guard index + 1 < children.count else { return opening(of: container) }
        let next = children[index + 1]
        switch CMarkDocument.type(of: next) {
        case CMARK_NODE_TEXT:
            return CMarkDocument.literalBytes(of: next) { bytes in
                InlineCharacters.scalar(at: 0, in: Array(bytes.prefix(4))) ?? "\n"
            }
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: return "\n"
        default: return "*"
        }
    }

    /// The edge of a container: a line's start or end for blocks, the
    /// delimiters or brackets of emphasis and links.
    private static func opening(of container: OpaquePointer) -> Unicode.Scalar {
        switch CMarkDocument.type(of: container) {
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_CUSTOM_INLINE: return "\n"
        default: return "*"
        }
    }

    /// For each tilde of `literal`, whether the source wrote it as a tilde
    /// (`\~` and `&#126;` are text, never delimiters); `nil` when the node's
    /// source is the literal itself or cannot be lined up with it.
    private func activeTildes(of node: OpaquePointer, literal: [UInt8]) -> [Bool]? {
        let line = CMarkDocument.line(of: node), start = CMarkDocument.column(of: node), end = CMarkNode.endColumn(of: node)
        guard line > 0, start > 0, end >= start, CMarkNode.endLine(of: node) == line else { return nil }
        if end - start + 1 == literal.count { return nil }
        let text = source().line(line)
        guard text.count >= end else { return nil }
        let written = Array(text[(text.startIndex + start - 1)..<(text.startIndex + end)])
        var active: [Bool] = []
        var index = 0
        while index < written.count {
            let byte = written[index]
            if byte == 0x5C, index + 1 < written.count, InlineCharacters.isPunctuation(Unicode.Scalar(written[index + 1])) {
                if written[index + 1] == 0x7E { active.append(false) }
                index += 2
            } else if byte == 0x26, let length = Self.tildeEntityLength(written, at: index) {
                active.append(false)
                index += length
            } else {
                if byte == 0x7E { active.append(true) }
                index += 1
            }
        }
        return active.count == literal.count(where: { $0 == 0x7E }) ? active : nil
    }

    /// The length of a numeric character reference to `~` at `index`.
    private static func tildeEntityLength(_ bytes: [UInt8], at index: Int) -> Int? {
        guard let reference = InlineCharacters.numericReference(in: bytes, at: index), reference.value == 0x7E else { return nil }
        return reference.length
    }
}
