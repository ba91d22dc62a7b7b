import Foundation

/// Conversions, comparisons and JSON for template values.
enum ValueOps {
    static func typeName(_ value: Value) -> String {
        switch value {
        case .none: return "none"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .double: return "a number"
        case .string: return "a string"
        case .html: return "HTML"
        case .date: return "a date"
        case .list: return "a list"
        case .map: return "a map"
        case .object: return "an object"
        }
    }

    static func formatDouble(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e16 {
            return String(Int64(value)) + ".0"
        }
        return String(value)
    }

    /// The text of a value, unescaped (what `~` and string filters see).
    static func plainText(_ value: Value, timeZone: TimeZone = .gmt) -> String {
        switch value {
        case .none: return ""
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return formatDouble(number)
        case .string(let text), .html(let text): return text
        case .date(let date): return TemplateDateFormatter.rfc3339(date, timeZone: timeZone)
        case .list(let items): return items.map { plainText($0, timeZone: timeZone) }.joined(separator: ", ")
        case .map: return json(value, timeZone: timeZone)
        case .object(let object): return object.text ?? ""
        }
    }

    /// Appends a value as an autoescaping template outputs it, as UTF-8.
    static func write(_ value: Value, to output: inout [UInt8], timeZone: TimeZone) {
        switch value {
        case .none: return
        case .html(let text): output.append(contentsOf: text.utf8)
        case .string(let text): HTMLEscaping.escape(text, into: &output)
        case .int(let number): output.append(contentsOf: String(number).utf8)
        case .list(let items):
            for (offset, item) in items.enumerated() {
                if offset > 0 { output.append(contentsOf: ", ".utf8) }
                write(item, to: &output, timeZone: timeZone)
            }
        default: HTMLEscaping.escape(plainText(value, timeZone: timeZone), into: &output)
        }
    }

    // MARK: Equality and order

    static func equal(_ left: Value, _ right: Value) -> Bool {
        switch (left, right) {
        case (.none, .none): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.int(let a), .double(let b)): return Double(a) == b
        case (.double(let a), .int(let b)): return a == Double(b)
        case (.double(let a), .double(let b)): return a == b
        case (.string(let a), .string(let b)), (.string(let a), .html(let b)),
            (.html(let a), .string(let b)), (.html(let a), .html(let b)):
            return a == b
        case (.date(let a), .date(let b)): return a == b
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (.map(let a), .map(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a {
                guard let other = b[key], equal(value, other) else { return false }
            }
            return true
        case (.object(let a), .object(let b)):
            if case .string(let urlA)? = a.member("url"), case .string(let urlB)? = b.member("url") { return urlA == urlB }
            if let textA = a.text, let textB = b.text { return textA == textB }
            return false
        case (.object(let object), .string(let text)), (.string(let text), .object(let object)):
            return object.text == text
        default: return false
        }
    }

    /// Order of two values of comparable kinds; `nil` when they cannot be compared.
    static func compare(_ left: Value, _ right: Value) -> ComparisonResult? {
        func order<T: Comparable>(_ a: T, _ b: T) -> ComparisonResult {
            a < b ? .orderedAscending : (a == b ? .orderedSame : .orderedDescending)
        }
        switch (left, right) {
        case (.int(let a), .int(let b)): return order(a, b)
        case (.int(let a), .double(let b)): return order(Double(a), b)
        case (.double(let a), .int(let b)): return order(a, Double(b))
        case (.double(let a), .double(let b)): return order(a, b)
        case (.string(let a), .string(let b)), (.string(let a), .html(let b)),
            (.html(let a), .string(let b)), (.html(let a), .html(let b)):
            return order(a, b)
        case (.date(let a), .date(let b)): return order(a, b)
        case (.bool(let a), .bool(let b)): return order(a ? 1 : 0, b ? 1 : 0)
        case (.object(let a), .object(let b)):
            guard let textA = a.text, let textB = b.text else { return nil }
            return order(textA, textB)
        case (.object(let a), .string(let b)):
            guard let textA = a.text else { return nil }
            return order(textA, b)
        case (.string(let a), .object(let b)):
            guard let textB = b.text else { return nil }
            return order(a, textB)
        default: return nil
        }
    }

    /// A total order for sorting: none first, then by kind, then by value.
    static func sortOrder(_ left: Value, _ right: Value) -> ComparisonResult {
        if let result = compare(left, right) { return result }
        func rank(_ value: Value) -> Int {
            switch value {
            case .none: return 0
            case .bool: return 1
            case .int, .double: return 2
            case .string, .html: return 3
            case .date: return 4
            case .list: return 5
            case .map: return 6
            case .object: return 7
            }
        }
        let a = rank(left), b = rank(right)
        return a < b ? .orderedAscending : (a == b ? .orderedSame : .orderedDescending)
    }

    // MARK: JSON

    static func json(_ value: Value, timeZone: TimeZone) -> String {
        var output = ""
        writeJSON(value, to: &output, timeZone: timeZone, insideObject: false)
        return output
    }

    static func writeJSONString(_ text: String, to output: inout String) {
        output += "\""
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            var replacement: String?
            switch byte {
            case 0x22: replacement = "\\\""
            case 0x5C: replacement = "\\\\"
            case 0x0A: replacement = "\\n"
            case 0x0D: replacement = "\\r"
            case 0x09: replacement = "\\t"
            case 0x3C: replacement = "\\u003c"
            case 0x3E: replacement = "\\u003e"
            case 0x26: replacement = "\\u0026"
            case 0x27: replacement = "\\u0027"
            case 0xE2:
                // U+2028 and U+2029 are E2 80 A8 / E2 80 A9.
                let second = utf8.index(after: index)
                if second != utf8.endIndex, utf8[second] == 0x80 {
                    let third = utf8.index(after: second)
                    if third != utf8.endIndex, utf8[third] == 0xA8 || utf8[third] == 0xA9 {
                        output += text[runStart..<index]
                        output += utf8[third] == 0xA8 ? "\\u2028" : "\\u2029"
                        index = utf8.index(after: third)
                        runStart = index
                        continue
                    }
                }
            default:
                if byte < 0x20 {
                    let hex = String(byte, radix: 16)
                    replacement = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            }
            if let replacement {
                output += text[runStart..<index]
                output += replacement
                index = utf8.index(after: index)
                runStart = index
            } else {
                index = utf8.index(after: index)
            }
        }
        output += text[runStart..<utf8.endIndex]
        output += "\""
    }

    private static func writeJSON(_ value: Value, to output: inout String, timeZone: TimeZone, insideObject: Bool) {
        switch value {
        case .none: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .double(let number): output += number.isFinite ? formatDouble(number) : "null"
        case .string(let text), .html(let text): writeJSONString(text, to: &output)
        case .date(let date): writeJSONString(TemplateDateFormatter.rfc3339(date, timeZone: timeZone), to: &output)
        case .list(let items):
            output += "["
            for (offset, item) in items.enumerated() {
                if offset > 0 { output += "," }
                writeJSON(item, to: &output, timeZone: timeZone, insideObject: insideObject)
            }
            output += "]"
        case .map(let dictionary):
            output += "{"
            for (offset, key) in dictionary.keys.sorted().enumerated() {
                if offset > 0 { output += "," }
                writeJSONString(key, to: &output)
                output += ":"
                writeJSON(dictionary[key]!, to: &output, timeZone: timeZone, insideObject: insideObject)
            }
            output += "}"
        case .object(let object):
            if insideObject {
                // Objects refer to each other (page.prev.next…): nested ones are written as a reference.
                if let text = object.text {
                    writeJSONString(text, to: &output)
                } else if case .string(let url)? = object.member("url") {
                    writeJSONString(url, to: &output)
                } else {
                    output += "null"
                }
                return
            }
            output += "{"
            for (offset, key) in object.memberNames.sorted().enumerated() {
                if offset > 0 { output += "," }
                writeJSONString(key, to: &output)
                output += ":"
                writeJSON(object.member(key) ?? Value.none, to: &output, timeZone: timeZone, insideObject: true)
            }
            output += "}"
        }
    }
}
