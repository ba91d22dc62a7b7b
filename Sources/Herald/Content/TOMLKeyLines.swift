import Foundation

/// Where each key of a TOML text is written, found by a light scan of its
/// lines: TOMLKit gives the place of a syntax error but not of the values,
/// and a wrong value must be reported at its line as in YAML.
///
/// Keys are dotted paths (`image.alt`, or `params.x` under `[params]`). A
/// value is placed at its first character after `=`; entries of a list at
/// their list's line.
struct TOMLKeyLines {
    typealias Place = (line: Int, column: Int)
    private var values: [String: Place] = [:]
    private var keys: [String: Place] = [:]

    init(_ text: String) {
        var table = ""
        var openString: String?  // the delimiter of a multi-line string that spans lines
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            if let delimiter = openString {
                if line.contains(delimiter) { openString = nil }
                continue
            }
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            let trimmed = line.dropFirst(indent)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("[") {
                let name = trimmed.drop { $0 == "[" }.prefix { $0 != "]" }
                table = Self.clean(name)
                values[table] = (number, indent + 1)
                keys[table] = (number, indent + 1)
                continue
            }
            guard let equals = Self.equalsSign(in: trimmed) else { continue }
            let key = Self.clean(trimmed[..<equals])
            let path = table.isEmpty ? key : table + "." + key
            keys[path] = (number, indent + 1)
            let afterEquals = trimmed[trimmed.index(after: equals)...]
            let spaces = afterEquals.prefix { $0 == " " || $0 == "\t" }.count
            values[path] = (number, indent + trimmed.distance(from: trimmed.startIndex, to: equals) + 2 + spaces)
            for delimiter in ["\"\"\"", "'''"] where afterEquals.components(separatedBy: delimiter).count == 2 {
                openString = delimiter
            }
        }
    }

    /// The place of the value at `path`; a key written nowhere (an entry of
    /// an inline table) takes its parent's place.
    subscript(path: String) -> Place {
        var path = Substring(path)
        while true {
            if let place = values[String(path)] { return place }
            guard let dot = path.lastIndex(of: ".") else { return (1, 1) }
            path = path[..<dot]
        }
    }

    func keyPlace(_ path: String) -> Place {
        keys[path] ?? self[path]
    }

    /// The first `=` outside quotes.
    private static func equalsSign(in line: Substring) -> Substring.Index? {
        var quote: Character?
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "=" {
                return index
            }
        }
        return nil
    }

    /// A key or table name without quotes and spaces around its dots.
    private static func clean(_ key: Substring) -> String {
        key.split(separator: ".").map { part in
            part.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }.joined(separator: ".")
    }
}
