import Foundation

/// Runs the whole pipeline: configuration → content → Markdown → site →
/// pages and feeds → output. The `herald` command is a thin layer over this.
///
/// Three ways through, each giving the same output as a clean build:
/// nothing changed since the previous build (stop at `BuildCache`); only
/// content bodies changed (`ContentState`: re-read the changed files and
/// re-render the outputs that showed them); anything else (render everything,
/// still writing only the files whose bytes changed).
public struct Builder: Sendable {
    public let options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Builds the site. On any error nothing is published: the previous
    /// output stays as it was and every error of the run is thrown together.
    public func build() throws(DiagnosticError) -> BuildReport {
        let clock = StageClock()
        let startedAt = Date().timeIntervalSince1970
        let root = options.source
        try OutputLocation.check(output: options.output, root: root)
        do {
            try Publisher.recover(output: options.output)
        } catch {
            throw DiagnosticError([.error("cannot restore the output left by an interrupted build: \(error)", at: options.output.path)])
        }
        let inputs = BuildCache.inputsDigest(options: options)
        let outputs = BuildCache.outputsDigest(output: options.output)
        let cache = BuildCache.load(for: options.output)
        if var cached = cache, cached.describesUnchanged(inputs: inputs, outputs: outputs, options: options) {
            clock.lap("cache")
            cached.report.stageTimes = clock.laps
            cached.report.duration = clock.total
            return cached.report
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

        // Reuse the previous build's content only if it described this very
        // output and everything besides content files is as it was.
        let settings = ContentState.settingsDigest(options: options)
        var previous: ContentState?
        if let cache, cache.outputs == outputs, cache.version == HeraldVersion.current,
            cache.publication == BuildCache.publicationDigest(cache.items, options: options),
            let state = ContentState.load(for: options.output), state.settings == settings
        {
            previous = state
        }
        let loader = ContentLoader(root: root, config: config)
        var content = loader.load(reusing: previous?.records ?? [:])
        clock.lap("content")
        let assembler = SiteAssembler(config: config, options: options)
        let exists = { (name: String) in templates?.contains(name) ?? true }
        var (site, siteDiagnostics) = assembler.assemble(content, templateExists: exists)
        let metadata = ContentState.metadataDigest(site)
        var reuse = previous.map { IncrementalRender(state: $0, changed: content.changed) }
        if let state = previous, metadata != state.metadata || Set(content.metadata.keys) != Set(state.records.keys) {
            // Something every page may show changed: read and render all of it.
            content = loader.load()
            (site, siteDiagnostics) = assembler.assemble(content, templateExists: exists)
            reuse = nil
        }
        clock.lap("markdown")

        var report = BuildReport()
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

        let written = try OutputWriter(options: options).write(plan, reusing: reuse)
        clock.lap("writing")
        report.articles = site.articles.count
        report.pages = site.pages.count
        report.feeds = plan.outputs.filter { $0.kind == .feed }.count
        report.filesWritten = written.written
        report.filesUnchanged = written.unchanged
        report.filesReused = written.reused
        saveCaches(inputs: inputs.digest, settings: settings, metadata: metadata, content: content, site: site,
                   dependencies: written.dependencies, report: report, startedAt: startedAt)
        clock.lap("cache")
        report.stageTimes = clock.laps
        report.duration = clock.total
        return report
    }

    private func saveCaches(
        inputs: UInt64, settings: UInt64, metadata: UInt64, content: LoadedContent, site: Site,
        dependencies: [String: [String]], report: BuildReport, startedAt: Double
    ) {
        var cache = BuildCache(output: options.output)
        cache.inputs = inputs
        cache.items = content.drafts.map {
            BuildCache.Item(kind: $0.item.kind, draft: $0.item.draft, date: $0.item.date, expires: $0.item.expires, path: $0.item.sourcePath)
        }.sorted { $0.path < $1.path }
        cache.publication = BuildCache.publicationDigest(cache.items, options: options)
        cache.outputs = BuildCache.outputsDigest(output: options.output)
        cache.report = report

        var state = ContentState()
        state.settings = settings
        state.metadata = metadata
        state.dependencies = dependencies
        var published: [String: ContentItem] = [:]
        for item in site.articles + site.pages { published[item.sourcePath] = item }
        for draft in content.drafts {
            let path = draft.item.sourcePath
            guard var fileMetadata = content.metadata[path] else { continue }
            // File times are coarse: a file written just before it was read
            // could change again without its size, time or inode showing it
            // (git's "racily clean" problem). Such a record is kept but never
            // matches, so the next build reads the file again.
            if Double(fileMetadata.seconds) + Double(fileMetadata.nanoseconds) / 1e9 >= startedAt - 2 {
                fileMetadata.size = -1
            }
            state.records[path] = ContentState.Record(
                path: path, metadata: fileMetadata, item: published[path] ?? draft.item, published: published[path] != nil,
                extraTerms: draft.extraTerms, warnings: content.warnings[path] ?? [])
        }
        // The content state first: the small cache is what vouches for it.
        state.save(for: options.output)
        cache.save()
    }
}

/// What an incremental build may skip: outputs whose recorded sources did
/// not change keep their published bytes.
struct IncrementalRender: Sendable {
    let state: ContentState
    let changed: Set<String>

    /// Whether `output` must be produced again.
    func mustRender(_ output: PlannedOutput) -> Bool {
        guard let sources = state.dependencies[output.path] else { return true }
        if case .file = output.source { return true }
        return sources.contains(where: changed.contains)
    }
}

/// Times the stages of a build for `--verbose`.
final class StageClock: @unchecked Sendable {
    // Safety: used by the building thread only.
    private let start = DispatchTime.now()
    private var last = DispatchTime.now()
    private var lastCPU = StageClock.processorSeconds()
    private(set) var laps: [BuildReport.StageTime] = []

    func lap(_ stage: String) {
        let now = DispatchTime.now()
        let cpu = StageClock.processorSeconds()
        laps.append(BuildReport.StageTime(
            stage: stage, seconds: Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9, processorSeconds: cpu - lastCPU))
        last = now
        lastCPU = cpu
    }

    /// User and system time of the whole process so far: compared with the
    /// wall time of a stage it shows how well the stage used the cores.
    static func processorSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    var total: Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
