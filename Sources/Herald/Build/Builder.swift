import Foundation

/// Runs the whole pipeline: configuration → content → Markdown → site →
/// pages and feeds → output. The `herald` command is a thin layer over this.
///
/// Three ways through, chosen by `BuildPlanner` and named in the report's
/// `path` (see `BuildPath`), each giving the same output as a clean build:
/// nothing changed since the previous build (stop at `BuildCache`); only
/// content bodies changed (`ContentState`: re-read the changed files and
/// re-render the outputs that showed them); anything else (render everything,
/// still writing only the files whose bytes changed).
public struct Builder: Sendable {
    public let options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    /// The configuration a build with these options uses: `site.yml` with
    /// `--base-url` in place of its `url`. What `check`, `serve` and
    /// `ping` read too, so that no command derives it another way.
    public func configuration() throws(DiagnosticError) -> SiteConfig {
        try BuildSetup.configuration(options: options)
    }

    /// Builds the site. On any error nothing is published: the previous
    /// output stays as it was and every error of the run is thrown together.
    public func build() throws(DiagnosticError) -> BuildReport {
        try build(previous: nil)
    }

    /// What a build leaves in memory for `serve`'s next one (see `WarmSite`).
    struct Memory: Sendable {
        let setup: BuildSetup
        let sources: [BuildCache.SourceFile]
        let site: Site
        /// By record index, which items' bodies `site` holds; `nil` for all.
        let read: [Bool]?
        let redirectWarnings: [Diagnostic]
    }

    /// A build that takes the previous build's cache and state from `kept`
    /// (see `BuildSession`) when they are still current.
    func build(previous kept: BuildSession.Kept?) throws(DiagnosticError) -> BuildReport {
        try build(remembering: kept).report
    }

    /// The same, with what the build leaves in memory (none when nothing
    /// changed: nothing was assembled).
    func build(remembering kept: BuildSession.Kept?) throws(DiagnosticError) -> (report: BuildReport, memory: Memory?) {
        let clock = StageClock()
        let startedAt = Date().timeIntervalSince1970
        try OutputLocation.check(output: options.output, root: options.source)
        do {
            try Publisher.recover(output: options.output)
        } catch {
            throw DiagnosticError([.error("cannot restore the output left by an interrupted build: \(error)", at: options.output.path)])
        }
        options.progress?.begin(.previous)
        let previous = PreviousBuild(options: options, kept: kept)
        if var report = previous.unchangedReport(options: options) {
            clock.lap("cache")
            report.stageTimes = clock.laps
            report.duration = clock.total
            report.path = .unchanged
            return (report, nil)
        }
        let setup = try BuildSetup(options: options, sources: previous.sources, clock: clock)
        let planner = BuildPlanner(options: options, previous: previous, setup: setup, startedAt: startedAt)
        var route = planner.route()
        clock.lap("content")
        if let built = try publish(&route, setup: setup, previous: previous, clock: clock, startedAt: startedAt) {
            return built
        }
        // An output showed a body this build did not render (its template
        // reads other items than last time): once more, rendering everything.
        var again = planner.full(reason: "an output shows an item it did not show before")
        clock.lap("content")
        guard let built = try publish(&again, setup: setup, previous: previous, clock: clock, startedAt: startedAt) else {
            preconditionFailure("a full build renders every output")
        }
        return built
    }

    /// Renders, checks and writes the outputs of `route`, then the build
    /// state. `nil` when an incremental route finds an output showing a body
    /// it did not render; nothing is published then.
    private func publish(
        _ route: inout BuildPlanner.Route, setup: BuildSetup, previous: PreviousBuild, clock: StageClock, startedAt: Double
    ) throws(DiagnosticError) -> (report: BuildReport, memory: Memory)? {
        let root = options.source, config = setup.config, images = setup.images
        var content = LoadedContent()
        let incremental: IncrementalBuild?
        let site: Site
        var diagnostics: [Diagnostic]
        switch route.kind {
        case .incremental(let build):
            incremental = build
            site = build.site
            diagnostics = build.diagnostics
        case .full:
            incremental = nil
            var loaded = route.takeContent()
            // Frees each Markdown source once rendered (see `assemble`).
            let assembled = setup.assembler.assemble(&loaded, spillingTo: setup.spill, templateExists: setup.templateExists)
            site = assembled.0
            diagnostics = loaded.diagnostics + assembled.1
            content = loaded
        }
        clock.lap("markdown")

        var report = BuildReport()
        report.path = route.path
        var errors = setup.templateErrors + setup.dataErrors
        for diagnostic in diagnostics {
            if diagnostic.severity == .error { errors.append(diagnostic) } else { report.warnings.append(diagnostic) }
        }
        if let templates = setup.templates {
            for required in ["article.html", "index.html"] + (site.pages.isEmpty ? [] : ["page.html"]) where !templates.contains(required) {
                errors.append(.error("the theme has no \(required); every site needs article.html, index.html and (with standalone pages) page.html", at: "Templates/\(required)"))
            }
        }
        guard errors.isEmpty, let templates = setup.templates else { throw DiagnosticError(errors) }

        let progress = options.progress
        progress?.begin(.planning)
        // Before rendering: pages link the crops that keep their image_focus.
        images.prepareFocusCrops(for: site.articles + site.pages)
        var plan = OutputPlan()
        let values = SiteValues(site: site, data: setup.data)
        PagePlanner(site: site, values: values, templates: templates).plan(into: &plan)
        FeedPlanner(site: site, root: root, images: images).plan(into: &plan)
        CorrectionsPlanner.plan(site, values: values, templates: templates, into: &plan)
        StaticFiles.plan(root: root, into: &plan, processed: images.replaces)
        templates.assets.plan(into: &plan)
        images.plan(into: &plan)
        SitemapPlanner(site: site, now: options.now, urlLimit: options.sitemapURLLimit).plan(into: &plan)
        clock.lap("planning")
        var stagedSearchCache: StagedStateFile?
        if config.search.engine == .herald {
            progress?.begin(.search)
            let withheld = incremental.map { IncrementalRender.Withheld(state: $0.state, read: $0.read) }
            let documents = SearchPlanner(site: site, cache: setup.searchCache, withheld: { withheld?.contains($0) ?? false }).plan(into: &plan)
            // Staged now, so that the documents are not held while the outputs are written.
            stagedSearchCache = SearchCache.stage(documents, language: config.language, for: options.output)
            clock.lap("search")
        }
        // Last: a redirect must not hide any other output.
        let redirectProblems = RedirectPlanner(site: site, root: root).plan(into: &plan)
        let redirectErrors = redirectProblems.filter { $0.severity == .error }
        guard redirectErrors.isEmpty else { throw DiagnosticError(redirectErrors) }
        report.warnings += redirectProblems
        // An incremental build plans the outputs the previous build
        // checked (same site, same templates): only a full one checks.
        if incremental == nil {
            progress?.begin(.checking)
            let problems = plan.problems()
            guard problems.isEmpty else { throw DiagnosticError(problems) }
        }
        clock.lap("checking")

        // The content state's records are known now: encode them while
        // the outputs are written.
        let loaded = content, settings = setup.settings, stateFile = StagedStateFile(for: options.output)
        let state = BackgroundWork {
            incremental.map { $0.state.encode(replacing: $0.replaced, settings: settings, into: stateFile) }
                ?? ContentState.encode(settings: settings, content: loaded, site: site, startedAt: startedAt, into: stateFile)
        }
        let reuse = incremental.map(IncrementalRender.init)
        guard let written = try OutputWriter(options: options).write(plan, reusing: reuse) else { return nil }
        clock.lap("writing")
        progress?.begin(.saving)
        // Before the content state, which vouches for the documents of
        // the articles the next build does not read.
        SearchCache.save(stagedSearchCache, for: options.output)
        report.articles = site.articles.count
        report.pages = site.pages.count
        report.feeds = plan.outputs.filter { $0.kind == .feed }.count
        report.changedFeeds = Self.changedFeeds(plan: plan, written: written.writtenPaths, site: site.config.url)
        report.filesWritten = written.written
        report.filesUnchanged = written.unchanged
        report.filesReused = written.reused
        let saved = BackgroundWork {
            let encoded = state.value
            // Only the outputs rendered again have new sources when the
            // set of outputs is the previous one.
            let dependencies = reuse.flatMap { reuse in
                written.pruned ? nil : reuse.state.dependencies.replacing(reuse.outputsShowingChanges, of: written.dependencies)
            } ?? DependencyTable(written.dependencies, recordPaths: encoded.paths)
            ContentState.save(encoded, dependencies: dependencies)
        }
        // Without pruning, only the files the build rewrote changed (unless
        // it added some); after pruning, the output holds exactly the
        // planned files (or the next build finds a difference).
        let outputs = previous.outputs
        let rewritten = written.pruned ? nil : outputs.digest(afterRewriting: written.writtenPaths, in: options.output)
        let snapshot = rewritten.map { (digest: $0, paths: outputs.files.map(\.path)) } ?? {
            let snapshot = OutputSnapshot.files(written.dependencies.keys.sorted(), in: options.output)
            return (snapshot.digest, snapshot.files.map(\.path))
        }()
        let items = incremental.map { build in
            build.state.records.indices.map { index in
                build.replaced[index].map { BuildCache.Item($0.item) } ?? BuildCache.Item(build.state.records[index].item)
            }
        } ?? content.drafts.map { BuildCache.Item($0.item) }
        // Encoded while the content state is written, and written after
        // it: the cache vouches for it.
        let finished = report, inputs = previous.inputs.digest
        let cacheBytes = BackgroundWork { [self] in
            cacheFile(inputs: inputs, outputs: snapshot.digest, outputPaths: snapshot.paths, items: items, report: finished)
        }
        saved.value
        BuildCache.write(cacheBytes.value, for: options.output)
        // Hubs are told later (`herald ping`, `build --ping`): after a
        // deploy, when the new feeds can be fetched.
        if !config.feeds.hubs.isEmpty { PendingPings.add(report.changedFeeds, for: options.output) }
        clock.lap("cache")
        report.stageTimes = clock.laps
        report.duration = clock.total
        if options.keepsMemoryUntilExit {
            ExitRetention.keep([site, content, plan, outputs, written, incremental as Any, templates, snapshot.paths, items, previous])
        }
        return (report, Memory(setup: setup, sources: previous.sources, site: site, read: incremental?.read, redirectWarnings: redirectProblems))
    }

    /// The absolute URLs of the planned feeds among the files written.
    static func changedFeeds(plan: OutputPlan, written: [String], site: SiteURL) -> [String] {
        let feeds = Set(plan.outputs.lazy.filter { $0.kind == .feed }.map(\.path))
        return written.filter(feeds.contains).sorted().map { FeedGenerator.uri(site.absolute("/" + $0)) }
    }

    /// The small cache of this build, encoded.
    private func cacheFile(inputs: UInt64, outputs: UInt64, outputPaths: [String], items: [BuildCache.Item], report: BuildReport) -> [UInt8] {
        var cache = BuildCache(output: options.output)
        cache.inputs = inputs
        cache.items = items.sorted { $0.path < $1.path }
        cache.publication = BuildCache.publicationDigest(cache.items, options: options)
        cache.outputs = outputs
        cache.outputPaths = outputPaths
        cache.report = report
        return cache.encoded()
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
