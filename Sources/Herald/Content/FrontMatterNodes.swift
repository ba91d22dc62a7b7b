import Foundation
import TOMLKit
import Yams

/// TOML and JSON front matter as the YAML nodes `ContentDecoder` reads, so
/// that every key means the same and every problem is located the same way
/// whatever the format (DESIGN §3).
///
/// Strings become quoted scalars (never read as numbers, booleans or null),
/// numbers and booleans plain ones, TOML dates their RFC 3339 text.
enum FrontMatterNodes {
    /// The root node of `frontMatter`; nil, with the problem recorded in
    /// `reader`, when the text is not valid in its format.
    static func root(of frontMatter: FrontMatter, reader: inout YAMLReader) -> Yams.Node? {
        let text = String(frontMatter.text)
        switch frontMatter.format {
        case .yaml: return reader.parse(text)
        case .toml: return toml(text, reader: &reader)
        case .json: return json(text, reader: &reader)
        }
    }

    // MARK: TOML

    private static func toml(_ text: String, reader: inout YAMLReader) -> Yams.Node? {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            reader.error("invalid TOML: \(error.description)", line: error.source.begin.line, column: error.source.begin.column)
            return nil
        } catch {
            reader.error("invalid TOML: \(error)", line: 1, column: 1)
            return nil
        }
        if table.isEmpty { return nil }
        let places = TOMLKeyLines(text)
        var marks = Marks()
        return node(table, key: "", places: places, marks: &marks)
    }

    private static func node(_ value: TOMLValueConvertible, key: String, places: TOMLKeyLines, marks: inout Marks) -> Yams.Node {
        let place = places[key]
        let mark = marks.mark(line: place.line, column: place.column)
        switch value.type {
        case .table:
            let table = value.table!
            var pairs: [(Yams.Node, Yams.Node)] = []
            for name in table.keys {
                guard let child = table[name] else { continue }
                let path = key.isEmpty ? name : key + "." + name
                let keyPlace = places.keyPlace(path)
                let keyNode = Yams.Node.scalar(.init(name, .implicit, .plain, marks.mark(line: keyPlace.line, column: keyPlace.column)))
                pairs.append((keyNode, node(child, key: path, places: places, marks: &marks)))
            }
            return .mapping(.init(pairs, .implicit, .any, mark))
        case .array:
            let array = value.array!
            return .sequence(.init(array.map { node($0, key: key, places: places, marks: &marks) }, .implicit, .any, mark))
        case .string:
            return .scalar(.init(value.string ?? "", .implicit, .doubleQuoted, mark))
        case .int:
            return .scalar(.init(String(value.int ?? 0), .implicit, .plain, mark))
        case .double:
            return .scalar(.init(String(value.double ?? 0), .implicit, .plain, mark))
        case .bool:
            return .scalar(.init(value.bool == true ? "true" : "false", .implicit, .plain, mark))
        case .date:
            return .scalar(.init(value.date.map(dateText) ?? "", .implicit, .plain, mark))
        case .time:
            // A time without a date is no date: the decoder says so.
            return .scalar(.init(value.time.map(timeText) ?? "", .implicit, .plain, mark))
        case .dateTime:
            guard let dateTime = value.dateTime else { return .scalar(.init("", .implicit, .plain, mark)) }
            var text = dateText(dateTime.date) + "T" + timeText(dateTime.time)
            if let offset = dateTime.offset?.offset {
                text += offset == 0 ? "Z" : String(format: "%@%02d:%02d", offset < 0 ? "-" : "+", abs(offset) / 60, abs(offset) % 60)
            }
            return .scalar(.init(text, .implicit, .plain, mark))
        }
    }

    private static func dateText(_ date: TOMLDate) -> String {
        String(format: "%04d-%02d-%02d", date.year, date.month, date.day)
    }

    private static func timeText(_ time: TOMLTime) -> String {
        String(format: "%02d:%02d:%02d", time.hour, time.minute, time.second)
    }

    // MARK: JSON

    /// JSON is checked by Foundation's parser (so YAML that is not JSON is
    /// refused), then read by Yams: a JSON object is a YAML flow mapping, and
    /// Yams gives each value its line and column.
    private static func json(_ text: String, reader: inout YAMLReader) -> Yams.Node? {
        do {
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            guard object is [String: Any] else {
                reader.error("JSON front matter must be an object of \"key\": value pairs", line: 1, column: 1)
                return nil
            }
            if (object as? [String: Any])?.isEmpty == true { return nil }
        } catch {
            let (line, column) = jsonErrorPlace(error, in: text)
            reader.error("invalid JSON: \(jsonErrorText(error)); front matter in JSON is one object such as {\"title\": \"…\", \"date\": \"2025-07-04\"}", line: line, column: column)
            return nil
        }
        return reader.parse(text)
    }

    /// Foundation names the place of a JSON error in its message ("around
    /// line 2, column 9") or as a character index; line 1 otherwise.
    static func jsonErrorPlace(_ error: Error, in text: String) -> (Int, Int) {
        let info = (error as NSError).userInfo
        let message = (info[NSDebugDescriptionErrorKey] as? String) ?? (error as NSError).localizedDescription
        if let line = number(after: "line ", in: message), let column = number(after: "column ", in: message) { return (line, column) }
        if let index = (error as NSError).userInfo["NSJSONSerializationErrorIndex"] as? Int ?? number(after: "around character ", in: message) {
            let prefix = text.utf8.prefix(index)
            let line = prefix.filter { $0 == 0x0A }.count + 1
            let column = prefix.count - (prefix.lastIndex(of: 0x0A).map { prefix.distance(from: prefix.startIndex, to: $0) + 1 } ?? 0) + 1
            return (line, column)
        }
        return (1, 1)
    }

    private static func number(after label: String, in message: String) -> Int? {
        guard let range = message.range(of: label) else { return nil }
        return Int(message[range.upperBound...].prefix(while: \.isNumber))
    }

    static func jsonErrorText(_ error: Error) -> String {
        let info = (error as NSError).userInfo
        let text = (info[NSDebugDescriptionErrorKey] as? String) ?? (error as NSError).localizedDescription
        // The place is given as the diagnostic's line and column instead.
        if let range = text.range(of: " around ") { return String(text[..<range.lowerBound]) }
        return text.hasSuffix(".") ? String(text.dropLast()) : text
    }
}

/// Scalars' marks for nodes made here. Yams' `Mark` has no public
/// initialiser, so each one is taken from a tiny document whose only scalar
/// stands at that line and column (and kept for the next node there).
struct Marks {
    private var known: [Int: Mark] = [:]

    mutating func mark(line: Int, column: Int) -> Mark? {
        let key = line << 20 | min(column, 1 << 20 - 1)
        if let mark = known[key] { return mark }
        let text = String(repeating: "\n", count: max(line - 1, 0)) + String(repeating: " ", count: max(column - 1, 0)) + "x"
        let mark = (try? Yams.compose(yaml: text, .basic, .default, .utf8))??.mark
        known[key] = mark
        return mark
    }
}
