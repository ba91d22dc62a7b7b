import Foundation

/// Runs the whole pipeline: configuration → content → Markdown → site →
/// pages and feeds → output. The `herald` command is a thin layer over this.
public struct Builder: Sendable {
    public let options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Builds the site. On any error nothing is published: the previous
    /// output stays as it was and every error of the run is thrown together.
    public func build() throws(DiagnosticError) -> BuildReport {
        let clock = StageClock()
        var report = BuildReport()
        let root = options.source
        try OutputLocation.check(output: options.output, root: root)
        do {
            try Publisher.recover(output: options.output)
        } catch {
            throw DiagnosticError([.error("cannot restore the output left by an interrupted build: \(error)", at: options.output.path)])
        }
        let inputs = BuildCache.inputsDigest(options: options)
        if var cached = unchangedBuild(inputs: inputs.digest, newest: inputs.newest) {
            clock.lap("cache")
            cached.stageTimes = clock.laps
            cached.duration = clock.total
            return cached
        }

        var config = try SiteConfigLoader.load(root: root)
        if let baseURL = options.baseURL {
            guard let url = SiteURL(baseURL) else {
                throw DiagnosticError([.error("--base-url must be an absolute http(s) URL, not '\(baseURL)'", at: "command line")])
            }
            config.url = url
        }
        clock.lap("configuration")

        var errors: [Diagnostic] = []
        let markdown = MarkdownRenderer(settings: config.markdown)
        let environment = TemplateEnvironment(timeZone: config.timeZone, siteURL: config.url, markdown: { markdown.html($0) })
        var templates: TemplateLibrary?
        do {
            templates = try TemplateLibrary(directory: root.appendingPathComponent("Templates"), displayPrefix: "Templates", environment: environment)
        } catch {
            errors += error.diagnostics
        }
        clock.lap("templates")

        let content = ContentLoader(root: root, config: config).load()
        clock.lap("content")
        let (site, siteDiagnostics) = SiteAssembler(config: config, options: options).assemble(content) { name in
            templates?.contains(name) ?? true
        }
        clock.lap("markdown")
        for diagnostic in content.diagnostics + siteDiagnostics {
            if diagnostic.severity == .error { errors.append(diagnostic) } else { report.warnings.append(diagnostic) }
        }
        if let templates {
            for required in ["article.html", "index.html"] + (site.pages.isEmpty ? [] : ["page.html"]) where !templates.contains(required) {
                errors.append(.error("the theme has no \(required); every site needs article.html, index.html and (with standalone pages) page.html", at: "Templates/\(required)"))
            }
        }
        guard errors.isEmpty, let templates else { throw DiagnosticError(errors) }

        var plan = OutputPlan()
        PagePlanner(site: site, values: SiteValues(site: site), templates: templates).plan(into: &plan)
        FeedPlanner(site: site, root: root).plan(into: &plan)
        StaticFiles.plan(root: root, into: &plan)
        SitemapPlanner(site: site, now: options.now).plan(into: &plan)
        let problems = plan.problems()
        guard problems.isEmpty else { throw DiagnosticError(problems) }
        clock.lap("planning")

        let written = try write(plan)
        clock.lap("writing")
        report.articles = site.articles.count
        report.pages = site.pages.count
        report.feeds = plan.outputs.filter { $0.kind == .feed }.count
        report.filesWritten = written.written
        report.filesUnchanged = written.unchanged
        saveCache(inputs: inputs.digest, content: content, report: report)
        clock.lap("cache")
        report.stageTimes = clock.laps
        report.duration = clock.total
        return report
    }

    /// The previous build's report when nothing it depended on changed: the
    /// same inputs, the same publication decisions for this "now", and the
    /// output exactly as that build left it.
    private func unchangedBuild(inputs: UInt64, newest: Double) -> BuildReport? {
        guard let cache = BuildCache.load(for: options.output), cache.version == HeraldVersion.current,
            cache.inputs == inputs, cache.trusts(newestInput: newest),
            cache.publication == BuildCache.publicationDigest(cache.items, options: options),
            cache.outputs == BuildCache.outputsDigest(output: options.output)
        else { return nil }
        return cache.report
    }

    private func saveCache(inputs: UInt64, content: LoadedContent, report: BuildReport) {
        var cache = BuildCache(output: options.output)
        cache.inputs = inputs
        cache.items = content.drafts.map {
            BuildCache.Item(kind: $0.item.kind, draft: $0.item.draft, date: $0.item.date, expires: $0.item.expires, path: $0.item.sourcePath)
        }.sorted { $0.path < $1.path }
        cache.publication = BuildCache.publicationDigest(cache.items, options: options)
        cache.outputs = BuildCache.outputsDigest(output: options.output)
        cache.report = report
        cache.save()
    }

    /// Produces and writes every planned file on all cores, then publishes
    /// them at once; on any error nothing is published.
    private func write(_ plan: OutputPlan) throws(DiagnosticError) -> (written: Int, unchanged: Int) {
        let publisher: Publisher
        do {
            publisher = try Publisher(output: options.output)
        } catch {
            throw DiagnosticError([.error("cannot prepare the output folder: \(error)", at: options.output.path)])
        }
        let failures = plan.outputs.parallelMap { output -> [Diagnostic] in
            do {
                switch output.source {
                case .generated(let produce): try publisher.write(produce(), to: output.path)
                case .file(let url): try publisher.copy(from: url.path, to: output.path)
                }
                return []
            } catch let error as DiagnosticError {
                return error.diagnostics
            } catch {
                return [.error("\(error)", at: output.origin)]
            }
        }
        // The same template error shows on every page using it: report it once.
        var seen = Set<Diagnostic>()
        let errors = failures.joined().filter { seen.insert($0).inserted }
        guard errors.isEmpty else {
            publisher.discard()
            throw DiagnosticError(errors)
        }
        do {
            return try publisher.commit(keep: Set(plan.outputs.map(\.path)))
        } catch {
            publisher.discard()
            throw DiagnosticError([.error("cannot publish the build: \(error)", at: options.output.path)])
        }
    }
}

/// Times the stages of a build for `--verbose`.
final class StageClock: @unchecked Sendable {
    // Safety: used by the building thread only.
    private let start = DispatchTime.now()
    private var last = DispatchTime.now()
    private(set) var laps: [(stage: String, seconds: Double)] = []

    func lap(_ stage: String) {
        let now = DispatchTime.now()
        laps.append((stage, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
        last = now
    }

    var total: Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
