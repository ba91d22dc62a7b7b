/// What a terminal shows of a run's diagnostics: a big site can produce the
/// same warning for thousands of files (10,000 articles without `image_alt`),
/// which would bury everything else. Warnings with the same message are shown
/// a few times, then summed up in one line; errors are always shown in full,
/// because each one must be fixed where it is.
public struct DiagnosticDigest: Sendable, Equatable {
    /// How many warnings of one kind are shown before the rest are counted.
    public static let shownPerKind = 3

    /// The diagnostics to print, in their original order.
    public var shown: [Diagnostic]
    /// One line per kind of warning that had more than `shownPerKind`, in the
    /// order each kind first appeared: `… and 9,997 more like this: MESSAGE (--verbose lists all)`.
    public var summaries: [String]

    /// Everything when `all` is true (`--verbose`), else the digest.
    public init(_ diagnostics: [Diagnostic], all: Bool = false) {
        guard !all else {
            shown = diagnostics
            summaries = []
            return
        }
        var seen: [String: Int] = [:]
        var kinds: [String] = []
        var kept: [Diagnostic] = []
        for diagnostic in diagnostics {
            guard diagnostic.severity == .warning else {
                kept.append(diagnostic)
                continue
            }
            let count = seen[diagnostic.message, default: 0] + 1
            seen[diagnostic.message] = count
            if count == 1 { kinds.append(diagnostic.message) }
            if count <= Self.shownPerKind { kept.append(diagnostic) }
        }
        shown = kept
        summaries = kinds.compactMap { message in
            let hidden = seen[message, default: 0] - Self.shownPerKind
            guard hidden > 0 else { return nil }
            return "… and \(Self.grouped(hidden)) more like this: \(message) (--verbose lists all)"
        }
    }

    /// 9990 → "9,990": the count is read at a glance.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
