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
        guard let firstLineEnd = rest.firstIndex(where: \.isNewline) ?? Optional(rest.endIndex),
            rest[rest.startIndex..<firstLineEnd].trimmingTrailingSpaces() == "---"
        else {
            return .failure(.error("missing front matter: the file must start with a line '---', then YAML such as 'title: …', then another '---'", at: path, line: 1, column: 1))
        }
        // A file of just "---" (no line break) opens the front matter and ends.
        guard firstLineEnd < rest.endIndex else {
            return .failure(unclosed(path))
        }
        var lineStart = rest.index(after: firstLineEnd)
        let yamlStart = lineStart
        var line = 2
        while lineStart < rest.endIndex {
            let lineEnd = rest[lineStart...].firstIndex(where: \.isNewline) ?? rest.endIndex
            let content = rest[lineStart..<lineEnd].trimmingTrailingSpaces()
            if content == "---" || content == "..." {
                let bodyStart = lineEnd < rest.endIndex ? rest.index(after: lineEnd) : rest.endIndex
                return .success(FrontMatter(yaml: rest[yamlStart..<lineStart], body: rest[bodyStart...], bodyLineOffset: line))
            }
            line += 1
            lineStart = lineEnd < rest.endIndex ? rest.index(after: lineEnd) : rest.endIndex
        }
        return .failure(unclosed(path))
    }

    private static func unclosed(_ path: String) -> Diagnostic {
        .error("front matter opened by '---' on line 1 is never closed; add a line '---' after the last key", at: path, line: 1, column: 1)
    }
}

extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " || self[index(before: end)] == "\t" || self[index(before: end)] == "\r" {
            end = index(before: end)
        }
        return self[startIndex..<end]
    }
}
