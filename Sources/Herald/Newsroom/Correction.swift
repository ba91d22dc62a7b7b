import Foundation
import Yams

/// A correction notice of an article or page (front matter `corrections`):
/// shown with the story, in its JSON-LD as a `CorrectionComment`, and on the
/// site-wide corrections page and feed.
public struct Correction: Sendable, Hashable {
    /// When the correction was made.
    public var date: Date
    /// What was wrong and what is right, as written (plain text).
    public var text: String

    public init(date: Date, text: String) {
        self.date = date
        self.text = text
    }

    /// The anchor of the `number`th correction (1 = the oldest) on its page:
    /// numbered oldest first, so a new correction never renumbers the others.
    static func anchor(_ number: Int) -> String {
        "correction-\(number)"
    }

    /// Reads the `corrections` key: a list of `{date, text}` mappings, each
    /// problem located at its own entry. Sorted oldest first.
    static func decodeList(_ node: Yams.Node, reader: inout YAMLReader, dateParser: DateParser) -> [Correction] {
        if reader.isNull(node) { return [] }
        guard case .sequence(let sequence) = node else {
            reader.error("'corrections' must be a list of entries such as '- { date: 2025-07-01, text: \"The vote was 5–2, not 6–1.\" }'", at: node)
            return []
        }
        var corrections: [Correction] = []
        for entry in sequence {
            guard case .mapping = entry, let pairs = reader.mapping(entry, what: "a correction") else {
                reader.error("each correction needs 'date' and 'text', such as '{ date: 2025-07-01, text: \"…\" }'", at: entry)
                continue
            }
            var date: Date?
            var text: String?
            var problem = false
            for (key, keyNode, value) in pairs {
                switch key {
                case "date":
                    guard case .scalar(let scalar) = value, !reader.isNull(value), let parsed = dateParser.parse(scalar.string) else {
                        reader.error("a correction's 'date' must be a date such as 2025-07-01 or 2025-07-01 14:30", at: value)
                        problem = true
                        continue
                    }
                    date = parsed
                case "text":
                    guard case .scalar = value, !reader.isNull(value), let string = reader.string(value, key: "corrections.text"),
                        !string.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                    else {
                        reader.error("a correction's 'text' must say what was wrong and what is right", at: value)
                        problem = true
                        continue
                    }
                    text = string.trimmingCharacters(in: .whitespacesAndNewlines)
                default:
                    reader.error(SiteConfigLoader.unknownKeyMessage(key, known: ["date", "text"], in: "a correction"), at: keyNode)
                    problem = true
                }
            }
            if date == nil && !problem {
                reader.error("this correction has no 'date': add when it was made, such as 'date: 2025-07-01 14:30'", at: entry)
            }
            if text == nil && !problem {
                reader.error("this correction has no 'text': say what was wrong and what is right", at: entry)
            }
            if let date, let text { corrections.append(Correction(date: date, text: text)) }
        }
        // Stable: two corrections of one moment keep the order written.
        return corrections.enumerated().sorted { $0.element.date != $1.element.date ? $0.element.date < $1.element.date : $0.offset < $1.offset }.map(\.element)
    }
}
