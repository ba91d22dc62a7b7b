/// A content file split into its YAML front matter and its Markdown body.
struct FrontMatter {
    /// The YAML between the `---` lines.
    var yaml: Substring
    /// The Markdown after the closing `---`.
    var body: Substring
    /// Lines before the YAML text (the opening `---`), for locating YAML errors.
    var yamlLineOffset: Int { 1 }
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
        guard let (firstLineEnd, afterFirstLine) = Self.lineBreak(in: rest, from: rest.startIndex) ?? Optional((rest.endIndex, rest.endIndex)),
            Self.isFence(rest.utf8[rest.startIndex..<firstLineEnd], dots: false)
        else {
            return .failure(.error("missing front matter: the file must start with a line '---', then YAML such as 'title: …', then another '---'", at: path, line: 1, column: 1))
        }
        // A file of just "---" (no line break) opens the front matter and ends.
        guard firstLineEnd < rest.endIndex else {
            return .failure(unclosed(path))
        }
        var lineStart = afterFirstLine
        let yamlStart = lineStart
        var line = 2
        while lineStart < rest.endIndex {
            let (lineEnd, nextLine) = Self.lineBreak(in: rest, from: lineStart) ?? (rest.endIndex, rest.endIndex)
            if Self.isFence(rest.utf8[lineStart..<lineEnd], dots: true) {
                return .success(FrontMatter(yaml: rest[yamlStart..<lineStart], body: rest[nextLine...], bodyLineOffset: line))
            }
            line += 1
            lineStart = nextLine
        }
        return .failure(unclosed(path))
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

    /// Whether a line is `---` (or, with `dots`, `...`) followed by nothing
    /// but spaces, tabs and carriage returns. Compared as bytes: comparing
    /// characters cost more than finding the lines.
    static func isFence(_ line: Substring.UTF8View.SubSequence, dots: Bool) -> Bool {
        var end = line.endIndex
        while end > line.startIndex {
            let last = line[line.index(before: end)]
            guard last == 0x20 || last == 0x09 || last == 0x0D else { break }
            end = line.index(before: end)
        }
        let content = line[line.startIndex..<end]
        guard content.count == 3, let mark = content.first, mark == UInt8(ascii: "-") || (dots && mark == UInt8(ascii: ".")) else {
            return false
        }
        return content.allSatisfy { $0 == mark }
    }

    private static func unclosed(_ path: String) -> Diagnostic {
        .error("front matter opened by '---' on line 1 is never closed; add a line '---' after the last key", at: path, line: 1, column: 1)
    }
}
