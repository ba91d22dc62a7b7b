import Foundation

/// One file of the output and how to make it.
struct PlannedOutput: Sendable {
    enum Source: Sendable {
        /// Rendered on demand, on whichever thread writes it.
        case generated(@Sendable () throws(DiagnosticError) -> [UInt8])
        /// Copied from the site's sources (static files, theme assets).
        case file(URL)
    }

    /// Path inside the output folder, without a leading `/`: `2025/07/slug/index.html`.
    var path: String
    /// What produced it, to name both sources when two claim one path.
    var origin: String
    var source: Source
    var kind: Kind
    /// For pages listed in the sitemap: when their content last changed.
    var lastModified: Date?
    /// Source files this output is made from, besides what its render
    /// records (see `RenderDependencies`): a feed's entries, a copied file.
    var dependencies: [String] = []
    /// Produced by every build that renders anything, even when none of
    /// its recorded sources changed: the search index, made from every
    /// article's document rather than from rendered bodies.
    var alwaysRender = false

    enum Kind: Sendable {
        case article, page, list, feed, other
        /// The page of an article or page with `list: false`: in no sitemap.
        case unlisted
    }
}

/// The list of every file a build writes, checked for clashes before
/// anything is written.
struct OutputPlan: Sendable {
    private(set) var outputs: [PlannedOutput] = []
    /// When set, the only outputs planned: those whose paths it accepts.
    /// A build in memory (`WarmBuild`) plans the few an edit touches.
    private let accepts: (@Sendable (String) -> Bool)?

    init(accepting accepts: (@Sendable (String) -> Bool)? = nil) {
        self.accepts = accepts
    }

    /// Whether an output at `path` (in the output folder) is planned:
    /// asked before the work of planning it.
    func wants(_ path: String) -> Bool {
        accepts?(path) ?? true
    }

    /// `wants` for a page at a site path (see `addPage`).
    func wants(page sitePath: String) -> Bool {
        guard let accepts else { return true }
        return accepts(Self.file(ofPage: sitePath))
    }

    mutating func add(_ output: PlannedOutput) {
        guard wants(output.path) else { return }
        outputs.append(output)
    }

    /// The output file of a page at a site path such as `/2025/07/slug/`.
    static func file(ofPage sitePath: String) -> String {
        String((sitePath.hasSuffix("/") ? sitePath + "index.html" : sitePath).dropFirst())
    }

    /// Adds a rendered page at a site path such as `/2025/07/slug/` (written as its `index.html`).
    mutating func addPage(
        at sitePath: String, origin: String, kind: PlannedOutput.Kind, lastModified: Date? = nil,
        render: @escaping @Sendable () throws(DiagnosticError) -> [UInt8]
    ) {
        add(PlannedOutput(path: Self.file(ofPage: sitePath), origin: origin, source: .generated(render), kind: kind, lastModified: lastModified))
    }

    /// Every problem with the paths: two sources for one file, or a path
    /// that would leave the output folder.
    func problems() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var claimed: [String: (path: String, origin: String)] = [:]
        claimed.reserveCapacity(outputs.count)
        for output in outputs {
            let shape = Self.shape(of: output.path)
            if shape.leaves {
                diagnostics.append(.error("output path '/\(output.path)' would leave the output folder; change the slug or permalink", at: output.origin))
                continue
            }
            // A line break would split the publisher's journal line (and confuse deploy tools).
            if shape.hasControl {
                diagnostics.append(.error("output path '/\(output.path.debugDescription.dropFirst().dropLast())' contains a control character such as a line break; rename the file", at: output.origin))
                continue
            }
            // Keyed without case: on the case-insensitive disks of macOS and
            // Windows, and on many hosts, `/River/` and `/river/` are one file.
            let key = shape.isLowercaseASCII ? output.path : output.path.lowercased()
            if let first = claimed[key] {
                let pair = [first, (path: output.path, origin: output.origin)].sorted { $0.origin < $1.origin }
                let (one, other) = (pair[0].origin, pair[1].origin)
                let target = first.path == output.path ? "/\(output.path)" : "/\(pair[0].path) and /\(pair[1].path), one file on case-insensitive disks and hosts"
                diagnostics.append(.error("'\(one)' and '\(other)' both map to \(target); give one of them another slug or path", at: output.origin))
            } else {
                claimed[key] = (output.path, output.origin)
            }
        }
        return diagnostics
    }

    /// What `problems` needs to know of a path, in one pass over its bytes
    /// (every output of a build is checked before anything is written).
    private static func shape(of path: String) -> (leaves: Bool, hasControl: Bool, isLowercaseASCII: Bool) {
        var leaves = path.isEmpty || path.utf8.first == UInt8(ascii: "/")
        var hasControl = false
        var isLowercaseASCII = true
        // Length of the current segment, and whether it is all dots so far.
        var segmentLength = 0
        var onlyDots = true
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if onlyDots && (segmentLength == 1 || segmentLength == 2) { leaves = true }
                segmentLength = 0
                onlyDots = true
                continue
            }
            segmentLength += 1
            if byte != UInt8(ascii: ".") { onlyDots = false }
            if byte < 0x20 || byte == 0x7F { hasControl = true }
            if byte >= 0x80 || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) { isLowercaseASCII = false }
        }
        if onlyDots && (segmentLength == 1 || segmentLength == 2) { leaves = true }
        return (leaves, hasControl, isLowercaseASCII)
    }
}
