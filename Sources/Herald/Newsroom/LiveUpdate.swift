import Foundation

/// One update of a live story: the part of its body after a line
/// `<!--update YYYY-MM-DD HH:MM-->` (read in the site's time zone).
public struct LiveUpdate: Sendable, Hashable {
    /// When the update was posted, from its marker.
    public var date: Date
    /// A line that names the update: its first heading, else the start of
    /// its text (schema.org `headline`).
    public var headline: String
    /// The update as plain text (`articleBody`).
    public var text: String
    /// The update as HTML, without its marker.
    public var html: String

    public init(date: Date, headline: String = "", text: String = "", html: String = "") {
        self.date = date
        self.headline = headline
        self.text = text
        self.html = html
    }

    /// The update's anchor on its page, from its time in the site's zone
    /// (`update-2025-07-04-1430`): a new update never renames the others.
    func anchor(in timeZone: TimeZone) -> String {
        let time = TemplateDateFormatter.civil(date, timeZone: timeZone)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "update-\(time.year)-\(two(time.month))-\(two(time.day))-\(two(time.hour))\(two(time.minute))"
    }

    /// Longest headline taken from an update's text, in characters: about
    /// what search engines show of one.
    static let headlineLength = 110

    /// The headline of an update whose first block was a heading with the
    /// text `heading`, else the first sentence of `text` when it is short
    /// enough, else its start cut at a word.
    static func headline(heading: String?, text: String) -> String {
        if let heading, !heading.isEmpty { return heading }
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let cut = flat.prefix(headlineLength)
        let ends = [". ", "? ", "! "].compactMap { cut.range(of: $0)?.lowerBound }
        if let end = ends.min() { return String(cut[...end]) }
        guard flat.count > headlineLength else { return flat }
        let words = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return String(words) + "…"
    }
}
