/// One problem found in a user's site, located in a file.
///
/// Every stage reports problems as diagnostics instead of throwing on the first
/// one, so that a build can show all of them in a single run. The description
/// follows the compiler convention `path:line:column: error: message`, which
/// editors and terminals turn into clickable locations.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    /// Path of the offending file, relative to the site root where possible.
    public var path: String
    /// 1-based line, or 0 when the problem concerns the whole file.
    public var line: Int
    /// 1-based column, or 0 when unknown.
    public var column: Int
    public var severity: Severity
    public var message: String
    /// The source line the problem is on, shown under the message with a caret.
    public var sourceLine: String?

    public init(
        path: String, line: Int = 0, column: Int = 0,
        severity: Severity = .error, message: String, sourceLine: String? = nil
    ) {
        self.path = path
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
        self.sourceLine = sourceLine
    }

    public static func error(_ message: String, at path: String, line: Int = 0, column: Int = 0) -> Diagnostic {
        Diagnostic(path: path, line: line, column: column, severity: .error, message: message)
    }

    public static func warning(_ message: String, at path: String, line: Int = 0, column: Int = 0) -> Diagnostic {
        Diagnostic(path: path, line: line, column: column, severity: .warning, message: message)
    }

    /// `path:line:column: error: message`, with the location parts that are known.
    public var location: String {
        var text = path
        if line > 0 {
            text += ":\(line)"
            text += ":\(max(column, 1))"
        }
        return text
    }

    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let sourceLine, line > 0 {
            text += "\n\(sourceLine)\n"
            // Keep tabs so the caret lines up under the column in any terminal.
            let indent = sourceLine.prefix(max(column - 1, 0)).map { $0 == "\t" ? "\t" : " " }
            text += indent.joined() + "^"
        }
        return text
    }
}

/// All the problems of a failed stage or build, in the order they were found.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
