import Foundation

/// Measures how fast a site's real `article.html` renders, for
/// `Benchmarks/TemplateBenchmark`: the site is loaded as a build would load
/// it, then its articles are rendered one after another on one thread.
public enum TemplateThroughput {
    /// Renders `article.html` `count` times, cycling through the site's
    /// articles; returns the seconds taken and the bytes of the last page.
    public static func renderArticles(siteRoot: URL, count: Int) throws(DiagnosticError) -> (seconds: Double, bytes: Int) {
        let options = BuildOptions(source: siteRoot)
        let config = try SiteConfigLoader.load(root: options.source)
        let markdown = MarkdownRenderer(settings: config.markdown)
        let environment = TemplateEnvironment(timeZone: config.timeZone, siteURL: config.url, markdown: { markdown.html($0) })
        let templates = try TemplateLibrary(
            directory: options.source.appendingPathComponent("Templates"), displayPrefix: "Templates", environment: environment)
        let content = ContentLoader(root: options.source, config: config).load()
        let site = SiteAssembler(config: config, options: options).assemble(content) { templates.contains($0) }.0
        guard !site.articles.isEmpty else { return (0, 0) }
        let values = SiteValues(site: site)
        var bytes = 0
        let start = DispatchTime.now()
        for number in 0..<count {
            let index = number % site.articles.count
            let page = try templates.renderBytes(
                "article.html", context: values.context(path: site.articles[index].path, ["page": values.pageValue(.article, index)]))
            bytes = page.count
        }
        return (Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9, bytes)
    }
}
