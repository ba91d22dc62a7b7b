import Yams

/// Who may read a story (front matter `access`): everyone, or members, for
/// whom the part after `<!--paywall-->` is (DESIGN §3).
public enum Access: String, Sendable, CaseIterable {
    case free, members
}

/// `feeds.members_content`: what the feeds carry of a members' story.
public enum MembersFeedContent: String, Sendable, CaseIterable {
    /// The free part and a link to the story (the default).
    case free
    /// The whole story, as for any other.
    case full
}

extension PaywallSplit {
    /// The body HTML of `item` with its paywall applied, the free part (for
    /// feeds) and the problems of its markers, located in its file.
    ///
    /// A members' story keeps the part after the marker in an element of
    /// class `paywalled` (the whole body, without a marker). A marker in a
    /// free story is dropped with a warning; a second marker is an error.
    static func apply(_ rendered: RenderedMarkdown, access: Access, path: String) -> (html: String, free: String?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard let split = rendered.paywall else {
            guard access == .members else { return (rendered.html, nil, []) }
            return (wrapped(rendered.html), "", [])
        }
        for line in split.repeatedLines {
            diagnostics.append(.error("a second '\(marker)': a story has one paywall (the first is on line \(split.line)); remove this one", at: path, line: line, column: 1))
        }
        guard access == .members else {
            diagnostics.append(.warning("'\(marker)' in a story without 'access: members' is ignored: add 'access: members' to the front matter, or remove the line", at: path, line: split.line, column: 1))
            return (rendered.html, nil, diagnostics)
        }
        return (split.freeHTML + wrapped(split.membersHTML), split.freeHTML, diagnostics)
    }

    private static func wrapped(_ html: String) -> String {
        "<div class=\"paywalled\">\n" + html + "</div>\n"
    }
}

extension YAMLReader {
    /// One of the values of `T` (`free`, `members`), or an error at the value
    /// naming every allowed one.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Yams.Node, key: String, as type: T.Type) -> T? where T.RawValue == String {
        guard let text = string(node, key: key) else { return nil }
        if let value = T(rawValue: text) { return value }
        let names = T.allCases.map { "'\($0.rawValue)'" }
        error("'\(key)' must be \(names.dropLast().joined(separator: ", ")) or \(names.last ?? ""), not '\(text)'", at: node)
        return nil
    }
}
