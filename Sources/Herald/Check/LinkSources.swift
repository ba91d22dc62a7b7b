import Foundation

/// Puts a broken link that `herald check` finds in the output at the place
/// the writer fixes it: the line and column of the article or page that
/// writes it (its Markdown body, its front matter, a template page's body),
/// or else the template that writes it literally; the output file and line
/// stay in the message as context. A link found in neither stays at the
/// output file.
struct LinkSources {
    let root: URL
    let siteURL: SiteURL
    /// Output file (relative to the output folder) → the content file whose page it is.
    private var sourceOf: [String: String] = [:]
    /// The theme's templates, `Templates/…` → lines, read once.
    private let templates: [(path: String, lines: [String])]

    init(root: URL, output: URL, siteURL: SiteURL) {
        self.root = root
        self.siteURL = siteURL
        // The build that was just checked left its content state beside the
        // output: each published item with its URL path.
        if let state = try? ContentState.load(for: output) {
            for record in state.records where record.published && record.item.render && record.item.path.hasPrefix("/") {
                let path = String(record.item.path.dropFirst())
                sourceOf[path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path] = record.path
            }
        }
        templates = SourceFiles.files(under: root, folder: "Templates").filter { $0.hasSuffix(".html") }.compactMap { path in
            guard case .success(let text) = SourceFiles.readText(root.appendingPathComponent(path).path, displayPath: path) else { return nil }
            return (path, Self.lines(text))
        }
    }

    /// The problems at their sources where they can be found there. One
    /// link shown in several places (a summary above its body, a partial on
    /// every page) is one problem, naming each output file and line.
    func locate(_ problems: [LinkChecker.Problem]) -> [Diagnostic] {
        var located: [Diagnostic] = []
        var shownAt: [[(path: String, line: Int)]] = []
        var positions: [Diagnostic: Int] = [:]
        for problem in problems {
            let shown = problem.diagnostic
            guard let source = locate(problem) else {
                located.append(shown)
                shownAt.append([])
                continue
            }
            if let position = positions[source] {
                shownAt[position].append((shown.path, shown.line))
            } else {
                positions[source] = located.count
                located.append(source)
                shownAt.append([(shown.path, shown.line)])
            }
        }
        for index in located.indices where !shownAt[index].isEmpty {
            located[index].message += " (in " + Self.places(shownAt[index]) + ")"
        }
        return located
    }

    /// `problem` at its source, without the context; `nil` when no source has it.
    private func locate(_ problem: LinkChecker.Problem) -> Diagnostic? {
        let shown = problem.diagnostic
        let spellings = self.spellings(of: problem.reference)
        if let source = sourceOf[shown.path],
            case .success(let text) = SourceFiles.readText(root.appendingPathComponent(source).path, displayPath: source),
            let place = Self.find(spellings, in: Self.lines(text), plain: true)
        {
            return Diagnostic(path: source, line: place.line, column: place.column, severity: shown.severity, message: shown.message, sourceLine: place.text)
        }
        // A template writes links through filters; only a quoted literal is its own.
        for template in templates {
            if let place = Self.find(spellings, in: template.lines, plain: false) {
                return Diagnostic(path: template.path, line: place.line, column: place.column, severity: shown.severity, message: shown.message, sourceLine: place.text)
            }
        }
        return nil
    }

    /// `a.html, line 3`, `a.html, lines 3 and 9; b.html, line 4`.
    private static func places(_ places: [(path: String, line: Int)]) -> String {
        var order: [String] = []
        var lines: [String: [Int]] = [:]
        for place in places {
            if lines[place.path] == nil { order.append(place.path) }
            lines[place.path, default: []].append(place.line)
        }
        return order.map { path in
            let numbers = lines[path]!.map(String.init)
            let list = numbers.count == 1 ? "line " + numbers[0] : "lines " + numbers.dropLast().joined(separator: ", ") + " and " + numbers.last!
            return path + ", " + list
        }.joined(separator: "; ")
    }

    /// The ways a source may write the reference the page has: as it is,
    /// with `&` escaped (HTML), and without the base path the build adds.
    private func spellings(of reference: String) -> [String] {
        var spellings = [reference]
        if reference.contains("&") { spellings.append(reference.replacingOccurrences(of: "&", with: "&amp;")) }
        let base = siteURL.basePath
        if base != "/", reference.hasPrefix(base) { spellings.append("/" + reference.dropFirst(base.count)) }
        if reference.hasPrefix(siteURL.description) { spellings.append("/" + reference.dropFirst(siteURL.description.count)) }
        return spellings
    }

    /// The first line (1-based) and column of one of `spellings` written as
    /// a link target (`](x`, `<x>`, `"x"`, `'x'`, `]: x`); with `plain`,
    /// else anywhere on a line.
    private static func find(_ spellings: [String], in lines: [String], plain: Bool) -> (line: Int, column: Int, text: String)? {
        for spelling in spellings {
            let forms = ["](\(spelling)", "<\(spelling)>", "\"\(spelling)\"", "'\(spelling)'", "]: \(spelling)"]
            for (index, line) in lines.enumerated() {
                for form in forms {
                    if let range = line.range(of: form), let start = line.range(of: spelling, range: range) {
                        return (index + 1, line.distance(from: line.startIndex, to: start.lowerBound) + 1, line)
                    }
                }
            }
        }
        guard plain else { return nil }
        for spelling in spellings {
            for (index, line) in lines.enumerated() {
                if let range = line.range(of: spelling) {
                    return (index + 1, line.distance(from: line.startIndex, to: range.lowerBound) + 1, line)
                }
            }
        }
        return nil
    }

    private static func lines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map(String.init)
    }
}
