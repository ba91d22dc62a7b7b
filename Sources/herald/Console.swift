import Foundation
import Herald

/// Writing to the terminal: diagnostics go to standard error.
enum Console {
    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        var text = diagnostics.map(\.description).joined(separator: "\n") + "\n"
        let errors = diagnostics.filter { $0.severity == .error }.count
        if errors > 0 {
            text += "\(errors) error\(errors == 1 ? "" : "s"); nothing was published.\n"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
