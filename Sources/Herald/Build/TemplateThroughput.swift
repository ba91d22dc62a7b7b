import Foundation

/// Measures how fast a site's real `article.html` renders, for
/// `Benchmarks/TemplateBenchmark`: the site is loaded as a build would load
/// it, then its articles are rendered one after another on one thread.
public enum TemplateThroughput {
    /// Renders `article.html` `count` times, cycling through the site's
    /// articles, split over `threads` threads; returns the seconds taken and
    /// the bytes of the last page. With more than one thread it shows how
    /// rendering scales across cores (shared reference counts can stop it).
    public static func renderArticles(siteRoot: URL, count: Int, threads: Int = 1) throws(DiagnosticError) -> (seconds: Double, bytes: Int) {
        let options = BuildOptions(source: siteRoot)
        let config = try SiteConfigLoader.load(root: options.source)
        let markdown = MarkdownRenderer(settings: config.markdown)
        let environment = TemplateEnvironment(
            timeZone: config.timeZone, siteURL: config.url, markdown: { markdown.html($0) },
            assets: AssetSource(root: options.source, fingerprint: config.assets.fingerprint))
        let templates = try TemplateLibrary(
            directory: options.source.appendingPathComponent("Templates"), displayPrefix: "Templates", environment: environment)
        var content = ContentLoader(root: options.source, config: config).load()
        let site = SiteAssembler(config: config, options: options).assemble(&content) { templates.contains($0) }.0
        guard !site.articles.isEmpty else { return (0, 0) }
        let values = SiteValues(site: site)
        let start = DispatchTime.now()
        let shares = (0..<max(threads, 1)).map { ($0, max(threads, 1)) }
        let results = shares.parallelMap { (thread, threads) -> Result<Int, DiagnosticError> in
            var bytes = 0
            do throws(DiagnosticError) {
                for number in stride(from: thread, to: count, by: threads) {
                    let index = number % site.articles.count
                    bytes = try templates.renderBytes(
                        "article.html", context: values.context(path: site.articles[index].path, ["page": values.pageValue(.article, index)])).count
                }
            } catch {
                return .failure(error)
            }
            return .success(bytes)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return (seconds, try results[0].get())
    }
}
