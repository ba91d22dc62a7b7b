import Foundation

/// What one check of a built site sees.
public struct OutputCheckContext: Sendable {
    /// The site root (holding site.yml).
    public var root: URL
    /// The freshly built output folder.
    public var output: URL
    /// The configuration, with `--base-url` applied.
    public var config: SiteConfig
    public var options: BuildOptions
}

/// One check `herald check` runs on a built site. Problems are diagnostics:
/// for output files, `path` is relative to the output folder and `column` 0.
public protocol OutputCheck: Sendable {
    func check(_ context: OutputCheckContext) -> [Diagnostic]
}

/// Internal links, images and fragment anchors in every HTML file, each
/// reported where it is written (see `LinkSources`).
public struct LinkCheck: OutputCheck {
    public init() {}
    public func check(_ context: OutputCheckContext) -> [Diagnostic] {
        let problems = LinkChecker(output: context.output, siteURL: context.config.url).problems()
        guard !problems.isEmpty else { return [] }
        let sources = LinkSources(root: context.root, output: context.output, siteURL: context.config.url)
        return sources.locate(problems)
    }
}

/// Front matter beyond what the build itself reports: a summary longer than
/// `maximumSummaryLength` characters of text (readers and feeds cut it).
public struct FrontMatterCheck: OutputCheck {
    public var maximumSummaryLength = 300
    public init() {}

    public func check(_ context: OutputCheckContext) -> [Diagnostic] {
        let content = ContentLoader(root: context.root, config: context.config).load()
        let markdown = MarkdownRenderer(settings: context.config.markdown)
        var problems: [Diagnostic] = []
        for draft in content.drafts where Self.isPublished(draft.item, options: context.options) {
            guard let summary = draft.summaryMarkdown else { continue }
            let text = PlainText.fromHTML(markdown.html(summary))
            guard text.count > maximumSummaryLength else { continue }
            let line = Self.line(ofKey: "summary", in: context.root.appendingPathComponent(draft.item.sourcePath))
            problems.append(.warning("the summary is \(text.count) characters long; keep it under \(maximumSummaryLength) so that lists and feed readers show it whole", at: draft.item.sourcePath, line: line, column: line > 0 ? 1 : 0))
        }
        return problems
    }

    /// The same rule as the build's: drafts, future and expired items are not published.
    static func isPublished(_ item: ContentItem, options: BuildOptions) -> Bool {
        options.publishes(kind: item.kind, draft: item.draft, date: item.date, expires: item.expires)
    }

    /// The 1-based line of a top-level front matter key, or 0.
    static func line(ofKey key: String, in file: URL) -> Int {
        guard let data = FileManager.default.contents(atPath: file.path) else { return 0 }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if index > 0, line.trimmingCharacters(in: .whitespaces) == "---" { break }
            if line.hasPrefix(key + ":") { return index + 1 }
        }
        return 0
    }
}

/// `herald check`: builds the site into a temporary folder, runs every
/// check on it and removes the folder.
public struct SiteChecker: Sendable {
    public var options: BuildOptions
    /// The checks, in order: links and images, front matter, feeds.
    public var checks: [any OutputCheck]
    /// Where the temporary build folder is made (and removed).
    public var temporaryFolder = FileManager.default.temporaryDirectory

    public static let defaultChecks: [any OutputCheck] = [
        LinkCheck(),
        FrontMatterCheck(),
        FeedCheck(),
    ]

    public init(options: BuildOptions, checks: [any OutputCheck] = SiteChecker.defaultChecks) {
        self.options = options
        self.checks = checks
    }

    public struct Result: Sendable {
        public var report: BuildReport
        /// The build's warnings (site-root-relative paths) then each check's problems.
        public var problems: [Diagnostic]
    }

    /// Builds and checks; a failed build throws its errors.
    public func run() throws(DiagnosticError) -> Result {
        let scratch = temporaryFolder.appendingPathComponent("herald-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        } catch {
            throw DiagnosticError([.error("cannot create a temporary folder: \(error.localizedDescription)", at: scratch.path)])
        }
        var buildOptions = options
        buildOptions.output = scratch.appendingPathComponent("site")
        let report = try Builder(options: buildOptions).build()

        let config = try Builder(options: buildOptions).configuration()
        let context = OutputCheckContext(root: options.source, output: buildOptions.output, config: config, options: buildOptions)
        var problems = report.warnings
        options.progress?.begin(.checkingSite)
        for check in checks {
            problems += check.check(context)
        }
        return Result(report: report, problems: problems)
    }
}
