/// The `<!--update …-->` lines of an HTML body (a story written as `.html`):
/// the text before the first and after each, with the marker's time and
/// line in the body. Like Markdown's, a marker is a line of its own.
struct LiveLines {
    struct Part {
        var time: String
        var line: Int
        var text: String
    }

    var intro = ""
    var parts: [Part] = []
    /// The body with each marker line emptied: lines keep their numbers.
    var blanked = ""

    init?(_ source: String) {
        guard source.contains("<!--") else { return nil }
        var lines: [Substring] = []
        for (index, text) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let time = LiveSplit.markerTime(String(text).trimmingWhitespace()) {
                parts.append(Part(time: String(time), line: index + 1, text: ""))
                lines.append("")
            } else {
                if parts.isEmpty { intro += text + "\n" } else { parts[parts.count - 1].text += text + "\n" }
                lines.append(text)
            }
        }
        guard !parts.isEmpty else { return nil }
        blanked = lines.joined(separator: "\n")
    }

    /// The split as `LiveSplit` holds it, each part through `clean` (the
    /// sanitiser, unless the site keeps HTML as written).
    func split(lineOffset: Int, clean: (String) -> String) -> LiveSplit {
        LiveSplit(introHTML: clean(intro), parts: parts.map { part in
            let html = clean(part.text)
            var split = LiveSplit.Part(time: part.time, line: lineOffset + part.line, html: html)
            if let heading = LiveSplit.leadingHeading(of: html) {
                split.heading = heading.text
                split.bodyHTML = heading.rest
            }
            return split
        })
    }
}
