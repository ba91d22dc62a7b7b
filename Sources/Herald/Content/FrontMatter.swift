/// A content file split into its front matter and its body (DESIGN §3).
///
/// Front matter is YAML between `---` lines, TOML between `+++` lines, or a
/// JSON object at the very start of the file (as Hugo reads them).
struct FrontMatter {
    enum Format: Sendable {
        case yaml, toml, json
    }

    var format: Format
    /// The front matter text: the YAML or TOML between the fences, or the
    /// whole JSON object with its braces.
    var text: Substring
    /// What comes after the front matter.
    var body: Substring
    /// Lines before `text` (the opening fence; none for JSON), for locating errors.
    var textLineOffset: Int { format == .json ? 0 : 1 }
    /// Lines before the body, for locating Markdown problems.
    var bodyLineOffset: Int

    /// Splits `text`; a diagnostic names what is missing when the file does
    /// not start with a front matter block or never closes it.
    static func split(_ text: String, path: String) -> Result<FrontMatter, Diagnostic> {
        var rest = Substring(text)
        if rest.hasPrefix("\u{FEFF}") { rest = rest.dropFirst() }
        if rest.allSatisfy(\.isWhitespace) {
            return .failure(.error("the file is empty: an article starts with '---', front matter such as 'title: …', and '---'", at: path, line: 1, column: 1))
        }
        if rest.utf8.first == UInt8(ascii: "{") { return json(rest, path: path) }
        guard let (firstLineEnd, afterFirstLine) = Self.lineBreak(in: rest, from: rest.startIndex) ?? Optional((rest.endIndex, rest.endIndex)) else {
            return .failure(missing(path))
        }
        let fence: UInt8
        if Self.isFence(rest.utf8[rest.startIndex..<firstLineEnd], mark: UInt8(ascii: "-")) {
            fence = UInt8(ascii: "-")
        } else if Self.isFence(rest.utf8[rest.startIndex..<firstLineEnd], mark: UInt8(ascii: "+")) {
            fence = UInt8(ascii: "+")
        } else {
            return .failure(missing(path))
        }
        // A file of just "---" (no line break) opens the front matter and ends.
        guard firstLineEnd < rest.endIndex else {
            return .failure(unclosed(path, fence: fence))
        }
        var lineStart = afterFirstLine
        let textStart = lineStart
        var line = 2
        while lineStart < rest.endIndex {
            let (lineEnd, nextLine) = Self.lineBreak(in: rest, from: lineStart) ?? (rest.endIndex, rest.endIndex)
            let closes = fence == UInt8(ascii: "-")
                ? Self.isFence(rest.utf8[lineStart..<lineEnd], mark: fence) || Self.isFence(rest.utf8[lineStart..<lineEnd], mark: UInt8(ascii: "."))
                : Self.isFence(rest.utf8[lineStart..<lineEnd], mark: fence)
            if closes {
                return .success(FrontMatter(
                    format: fence == UInt8(ascii: "-") ? .yaml : .toml, text: rest[textStart..<lineStart], body: rest[nextLine...], bodyLineOffset: line))
            }
            line += 1
            lineStart = nextLine
        }
        return .failure(unclosed(path, fence: fence))
    }

    /// A JSON object from the first `{` to its matching `}` (braces inside
    /// strings do not count); the body starts on the next line.
    private static func json(_ rest: Substring, path: String) -> Result<FrontMatter, Diagnostic> {
        var depth = 0
        var inString = false
        var escaped = false
        var line = 1
        let utf8 = rest.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A { line += 1 }
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "{") {
                depth += 1
            } else if byte == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 {
                    let end = utf8.index(after: index)
                    // The rest of the closing brace's line belongs to the front matter.
                    var bodyStart = rest.endIndex
                    if let (_, next) = Self.lineBreak(in: rest, from: end) { bodyStart = next }
                    return .success(FrontMatter(format: .json, text: rest[rest.startIndex..<end], body: rest[bodyStart...], bodyLineOffset: line))
                }
            }
            index = utf8.index(after: index)
        }
        return .failure(.error("the JSON front matter opened by '{' on line 1 is never closed; end the object with '}' before the body", at: path, line: 1, column: 1))
    }

    /// The next line break at or after `start`: where it begins and where the
    /// next line starts. Breaks are what `Character.isNewline` accepts (LF,
    /// CR, CR LF, VT, FF, NEL, U+2028, U+2029), found by bytes: a search by
    /// characters was a visible cost of loading thousands of files.
    static func lineBreak(in text: Substring, from start: Substring.Index) -> (Substring.Index, Substring.Index)? {
        let utf8 = text.utf8
        var index = start
        while index < utf8.endIndex {
            let byte = utf8[index]
            var length = 0
            switch byte {
            case 0x0A, 0x0B, 0x0C: length = 1
            case 0x0D:
                let next = utf8.index(after: index)
                length = next < utf8.endIndex && utf8[next] == 0x0A ? 2 : 1
            case 0xC2:
                let next = utf8.index(after: index)
                if next < utf8.endIndex && utf8[next] == 0x85 { length = 2 }
            case 0xE2:
                let second = utf8.index(after: index)
                if second < utf8.endIndex && utf8[second] == 0x80 {
                    let third = utf8.index(after: second)
                    if third < utf8.endIndex && (utf8[third] == 0xA8 || utf8[third] == 0xA9) { length = 3 }
                }
            default: break
            }
            if length > 0 { return (index, utf8.index(index, offsetBy: length)) }
            index = utf8.index(after: index)
        }
        return nil
    }

    /// Whether a line is three `mark`s (`---`, `...`, `+++`) followed by
    /// nothing but spaces, tabs and carriage returns. Compared as bytes:
    /// comparing characters cost more than finding the lines.
    static func isFence(_ line: Substring.UTF8View.SubSequence, mark: UInt8) -> Bool {
        var end = line.endIndex
        while end > line.startIndex {
            let last = line[line.index(before: end)]
            guard last == 0x20 || last == 0x09 || last == 0x0D else { break }
            end = line.index(before: end)
        }
        let content = line[line.startIndex..<end]
        return content.count == 3 && content.allSatisfy { $0 == mark }
    }

    private static func missing(_ path: String) -> Diagnostic {
        .error("missing front matter: the file must start with a line '---', then YAML such as 'title: …', then another '---' (or TOML between '+++' lines, or a JSON object)", at: path, line: 1, column: 1)
    }

    private static func unclosed(_ path: String, fence: UInt8) -> Diagnostic {
        let mark = String(repeating: Character(Unicode.Scalar(fence)), count: 3)
        return .error("front matter opened by '\(mark)' on line 1 is never closed; add a line '\(mark)' after the last key", at: path, line: 1, column: 1)
    }
}
