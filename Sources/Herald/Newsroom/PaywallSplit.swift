/// A body split at its `<!--paywall-->` line: the free part before it and
/// the members' part after it, as HTML (the marker itself is removed).
struct PaywallSplit: Sendable {
    static let marker = "<!--paywall-->"

    var freeHTML: String
    var membersHTML: String
    /// File lines of the marker, and of any further (wrong) markers.
    var line: Int
    var repeatedLines: [Int]

    /// Splits `document` at the first of `markers` (HTML blocks reading
    /// `<!--paywall-->`) and removes them all; `nil` without markers.
    init?(_ document: CMarkDocument, markers: [OpaquePointer], lineOffset: Int) {
        guard let first = markers.first else { return nil }
        var free = ""
        var members = ""
        var after = false
        for block in document.blocks {
            if block == first {
                after = true
            } else if !markers.contains(block) {
                if after { members += document.html(of: block) } else { free += document.html(of: block) }
            }
        }
        freeHTML = free
        membersHTML = members
        line = lineOffset + CMarkDocument.line(of: first)
        repeatedLines = markers.dropFirst().map { lineOffset + CMarkDocument.line(of: $0) }
        for marker in markers { document.remove(marker) }
    }
}

extension PaywallSplit {
    /// A split made elsewhere: of an HTML body (see `HTMLBody`).
    init(freeHTML: String, membersHTML: String, line: Int, repeatedLines: [Int]) {
        self.freeHTML = freeHTML
        self.membersHTML = membersHTML
        self.line = line
        self.repeatedLines = repeatedLines
    }
}
