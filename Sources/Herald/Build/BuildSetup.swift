import Foundation

/// What every build path needs before content: the configuration (with
/// `--base-url` applied), the image catalog, the theme, and the settings
/// digests that decide whether the previous build's content can be reused.
struct BuildSetup {
    let config: SiteConfig
    let images: ImageCatalog
    /// `nil` when the theme has errors (`templateErrors`), reported with
    /// the content's so that a run shows every error at once.
    let templates: TemplateLibrary?
    let templateErrors: [Diagnostic]
    /// `site.data`, and the problems of its files (reported with the rest).
    let data: SiteData
    let dataErrors: [Diagnostic]
    let settings: BuildSettings
    let loader: ContentLoader
    let assembler: SiteAssembler
    let searchCache: SearchCache
    /// Where this build keeps Markdown sources and rendered bodies between
    /// stages (`nil`: in memory, when no file can be made beside the output).
    let spill: SpillFile?

    init(options: BuildOptions, sources: [BuildCache.SourceFile], clock: StageClock) throws(DiagnosticError) {
        let root = options.source, progress = options.progress
        progress?.begin(.configuration)
        config = try Self.configuration(options: options)
        clock.lap("configuration")
        images = ImageCatalog.build(root: root, files: sources, settings: config.images, siteURL: config.url, progress: progress)
        clock.lap("images")
        progress?.begin(.templates)
        let markdown = MarkdownRenderer(settings: config.markdown)
        let environment = TemplateEnvironment(timeZone: config.timeZone, siteURL: config.url, markdown: { markdown.html($0) }, images: images,
            assets: AssetSource(root: root, fingerprint: config.assets.fingerprint))
        do {
            let pages = TemplatePageSource.load(root: root.path, sources: sources.map(\.path))
            templates = try TemplateLibrary(
                directory: root.appendingPathComponent("Templates"), displayPrefix: "Templates", environment: environment, pages: pages)
            templateErrors = []
        } catch {
            templates = nil
            templateErrors = error.diagnostics
        }
        clock.lap("templates")
        (data, dataErrors) = SiteData.load(root: root, sources: sources.map(\.path))
        var settings = BuildSettings(options: options, files: sources)
        settings.data = data.digests
        self.settings = settings
        spill = SpillFile(in: options.output.deletingLastPathComponent())
        var loader = ContentLoader(root: root, config: config, progress: progress)
        loader.spill = spill
        self.loader = loader
        var assembler = SiteAssembler(config: config, options: options)
        assembler.images = images
        self.assembler = assembler
        searchCache = config.search.engine == .herald ? SearchCache.load(for: options.output, language: config.language) : SearchCache()
    }

    /// `site.yml` with `--base-url` in place of its `url`: what `build`,
    /// `check` and `serve` all use.
    static func configuration(options: BuildOptions) throws(DiagnosticError) -> SiteConfig {
        var config = try SiteConfigLoader.load(root: options.source)
        if let baseURL = options.baseURL {
            guard let url = SiteURL(baseURL) else {
                throw DiagnosticError([.error("--base-url must be an absolute http(s) URL, not '\(baseURL)'", at: "command line")])
            }
            config.url = url
        }
        return config
    }

    /// Whether the theme has a template (every one, when it has errors).
    func templateExists(_ name: String) -> Bool {
        templates?.contains(name) ?? true
    }
}
