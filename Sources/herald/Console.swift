import Foundation
import Herald
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to the terminal: results go to standard output, diagnostics to
/// standard error; "error:" is red and "warning:" yellow only when standard
/// error is a terminal and `NO_COLOR` is not set (https://no-color.org).
enum Console {
    static let useColor: Bool = {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"] ?? ""
        return isatty(STDERR_FILENO) == 1 && noColor.isEmpty
    }()

    static func colored(_ severity: Diagnostic.Severity) -> String {
        guard useColor else { return "\(severity.rawValue):" }
        switch severity {
        case .error: return "\u{1B}[1;31merror:\u{1B}[0m"
        case .warning: return "\u{1B}[1;33mwarning:\u{1B}[0m"
        }
    }

    /// `path:line:column: error: message` with the source line and caret.
    static func format(_ diagnostic: Diagnostic) -> String {
        let plain = diagnostic.description
        let marker = "\(diagnostic.location): \(diagnostic.severity.rawValue):"
        guard useColor, plain.hasPrefix(marker) else { return plain }
        return "\(diagnostic.location): \(colored(diagnostic.severity))" + plain.dropFirst(marker.count)
    }

    /// `path:line: error: message`: the form `herald check` prints for problems
    /// found in the output, where a column means little.
    static func formatProblem(_ diagnostic: Diagnostic) -> String {
        guard diagnostic.column == 0 else { return format(diagnostic) }
        let location = diagnostic.line > 0 ? "\(diagnostic.path):\(diagnostic.line)" : diagnostic.path
        return "\(location): \(colored(diagnostic.severity)) \(diagnostic.message)"
    }

    /// Diagnostics on standard error; after a failed build (`build: true`)
    /// a last line counts the errors and says nothing was published. Repeated
    /// warnings are summed up unless `all` (`--verbose`); errors never are.
    static func printDiagnostics(_ diagnostics: [Diagnostic], build: Bool = true, all: Bool = false) {
        guard !diagnostics.isEmpty else { return }
        let digest = DiagnosticDigest(diagnostics, all: all)
        var text = (digest.shown.map(format) + digest.summaries).joined(separator: "\n") + "\n"
        let errors = diagnostics.filter { $0.severity == .error }.count
        if errors > 0 && build {
            text += "\(errors) error\(errors == 1 ? "" : "s"); nothing was published.\n"
        }
        writeError(text)
    }

    /// `error: message` on standard error.
    static func error(_ message: String) {
        writeError("\(colored(.error)) \(message)\n")
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// A line on standard output, flushed at once (so it shows when piped too).
    /// `--verbose`'s lines for the stages of a build, one per stage.
    static func stageLines(_ report: BuildReport) -> [String] {
        report.stageTimes.map { time in
            "  " + time.stage.padding(toLength: 14, withPad: " ", startingAt: 0)
                + String(format: "%7.3f s  (%.3f s processor time)", time.seconds, time.processorSeconds)
        }
    }

    static func say(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// A path as the user would type it: relative to the working directory when inside it.
    static func displayPath(_ url: URL) -> String {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        let path = url.standardizedFileURL.path
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        return path
    }
}

/// A live line on standard error for a build that takes more than a
/// second: its stage and count (`Rendering pages 8,412/15,102 (14.7 s)`),
/// read from the builder's `BuildProgress` ten times a second; only on a
/// terminal, and cleared when the build ends.
final class ProgressLine: @unchecked Sendable {
    // Safety: `shown` is only touched on `queue`.
    private let queue = DispatchQueue(label: "herald.progress")
    private let timer: any DispatchSourceTimer
    private var shown = false

    private init(_ progress: BuildProgress) {
        timer = DispatchSource.makeTimerSource(queue: queue)
        let start = DispatchTime.now()
        timer.schedule(deadline: .now() + 1, repeating: 0.1)
        timer.setEventHandler { [unowned self] in
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            Console.writeError("\r\u{1B}[2K" + progress.line(elapsed: seconds))
            shown = true
        }
        timer.resume()
    }

    private func finish() {
        queue.sync {
            timer.cancel()
            if shown { Console.writeError("\r\u{1B}[2K") }
        }
    }

    /// Runs `work` with a progress to report to, drawn when `enabled` and
    /// standard error is a terminal; `nil` otherwise, so nothing counts.
    static func run<T>(enabled: Bool, _ work: (BuildProgress?) throws(DiagnosticError) -> T) throws(DiagnosticError) -> T {
        guard enabled && BuildProgress.isShown(standardErrorIsTerminal: isatty(STDERR_FILENO) == 1) else { return try work(nil) }
        let progress = BuildProgress()
        let line = ProgressLine(progress)
        defer { line.finish() }
        return try work(progress)
    }
}
