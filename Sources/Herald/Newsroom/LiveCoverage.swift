import Foundation

/// Live coverage (front matter `live: true`): a story whose body gains
/// updates, each after a line `<!--update YYYY-MM-DD HH:MM-->`, written
/// oldest first and shown newest first, each with its time and anchor.
enum LiveCoverage {
    /// How a live story's page shows the time of each update.
    static let timeFormat = "%B %-d, %Y, %H:%M"

    /// Whether coverage from `start` (the story's date) to `until`
    /// (open-ended when `nil`) is open at the build's "now": what shows the
    /// "Live" badge. A story built early with `--future` is not live yet.
    static func isOpen(from start: Date?, until: Date?, now: Date) -> Bool {
        (start.map { $0 <= now } ?? true) && (until.map { now < $0 } ?? true)
    }

    /// The body of `item` with its updates in place (newest first, after
    /// the introduction), its updates, and the problems of its markers,
    /// located at their lines. Markers in a story that is not live are
    /// dropped with a warning, and the body kept as written. A live story
    /// cannot also have a paywall (on `paywallLine`): its updates are
    /// for everyone who follows the story.
    static func apply(
        _ split: LiveSplit?, html: String, to item: ContentItem, paywallLine: Int?, timeZone: TimeZone
    ) -> (html: String, updates: [LiveUpdate], diagnostics: [Diagnostic]) {
        guard let split else { return (html, [], []) }
        let path = item.sourcePath
        guard item.live else {
            let warning = Diagnostic.warning(
                "'<!--update …-->' in a story without 'live: true' is ignored: add 'live: true' to the front matter, or remove the line",
                at: path, line: split.parts[0].line, column: 1)
            return (html, [], [warning])
        }
        var diagnostics: [Diagnostic] = []
        if let paywallLine {
            diagnostics.append(.error(
                "'\(PaywallSplit.marker)' in a live story: live updates are for every reader; remove the line, or 'live: true'",
                at: path, line: paywallLine, column: 1))
        }
        let parser = DateParser(timeZone: timeZone)
        var updates: [LiveUpdate] = []
        var previous: (date: Date, line: Int, time: String)?
        for part in split.parts {
            guard let date = parser.parse(part.time), part.time.contains(":") else {
                diagnostics.append(.error(
                    "the time of this update is not a date and time: '\(part.time)'; write the line as <!--update 2025-07-04 14:30--> (in the site's time zone)",
                    at: path, line: part.line, column: 1))
                continue
            }
            if let previous, date <= previous.date {
                diagnostics.append(.error(
                    "this update (\(part.time)) is not later than the one before it (line \(previous.line), \(previous.time)): write updates oldest first, at most one a minute",
                    at: path, line: part.line, column: 1))
            }
            if let start = item.date, date < start {
                diagnostics.append(.error(
                    "this update (\(part.time)) is before the story's 'date' (\(FeedDates.rfc3339(start, in: timeZone))): live coverage starts with the story",
                    at: path, line: part.line, column: 1))
            }
            previous = (date, part.line, part.time)
            // Under a heading, the text is what follows it: the heading is the headline.
            let text = PlainText.fromHTML(part.heading == nil ? part.html : part.bodyHTML)
            updates.append(LiveUpdate(date: date, headline: LiveUpdate.headline(heading: part.heading, text: text), text: text, html: part.html))
        }
        let newestFirst = Array(updates.reversed())
        return (split.introHTML + Self.html(of: newestFirst, timeZone: timeZone), newestFirst, diagnostics)
    }

    /// The updates as the body shows them: each in an element with its
    /// anchor, opening with its time linked to itself.
    static func html(of updates: [LiveUpdate], timeZone: TimeZone) -> String {
        guard !updates.isEmpty else { return "" }
        var html = "<div class=\"live-updates\">\n"
        for update in updates {
            let anchor = update.anchor(in: timeZone)
            let shown = TemplateDateFormatter.format(update.date, timeFormat, timeZone: timeZone) ?? ""
            html += "<div class=\"live-update\" id=\"\(anchor)\">\n"
            html += "<p class=\"live-update-time\"><a href=\"#\(anchor)\"><time datetime=\"\(FeedDates.rfc3339(update.date, in: timeZone))\">\(HTMLEscaping.escape(shown))</time></a></p>\n"
            html += update.html
            html += "</div>\n"
        }
        return html + "</div>\n"
    }

    /// `page.live_updates`: the updates, newest first, each with `date`,
    /// `headline`, `text`, `content` (HTML), `anchor`, and `url` and
    /// `permalink` (the story's, with the anchor).
    static func values(of item: ContentItem, timeZone: TimeZone) -> Value {
        .list(item.liveUpdates.map { update in
            let anchor = update.anchor(in: timeZone)
            return [
                "date": .date(update.date),
                "headline": .string(update.headline),
                "text": .string(update.text),
                "content": .html(update.html),
                "anchor": .string(anchor),
                "url": .string(item.url + "#" + anchor),
                "permalink": .string(item.permalink + "#" + anchor),
            ]
        })
    }
}
