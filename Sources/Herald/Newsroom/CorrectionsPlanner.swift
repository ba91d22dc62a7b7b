import Foundation

/// Plans the site-wide corrections page (`corrections.html`, when the theme
/// has it) and its feeds, newest correction first.
enum CorrectionsPlanner {
    static func plan(_ site: Site, values: SiteValues, templates: TemplateLibrary, into plan: inout OutputPlan) {
        let settings = site.config.corrections
        let feedPaths = site.config.feeds.formats.map { String(FeedGenerator.path(for: $0, in: settings.path).dropFirst()) }
        guard plan.wants(page: settings.path) || feedPaths.contains(where: { plan.wants($0) }) else { return }
        let log = CorrectionsLog(site: site)
        // The feeds go with the page: a theme without it has neither.
        guard templates.contains("corrections.html") else { return }
        let listed = Value.list(log.entries.map { CorrectionsLog.value(of: $0, site: site) })
        plan.addPage(at: settings.path, origin: "the corrections page", kind: .list, lastModified: log.entries.first?.correction.date) { () throws(DiagnosticError) -> [UInt8] in
            try templates.renderBytes("corrections.html", context: values.context(path: settings.path, ["corrections": listed]))
        }
        guard settings.feeds else { return }
        let config = site.config
        let generator = FeedGenerator(config: config)
        let request = FeedRequest(
            title: "\(config.title): Corrections", subtitle: "Every correction published by \(config.title), newest first",
            directory: settings.path, alternatePath: settings.path,
            items: log.entries.map { CorrectionsLog.feedItem(of: $0, site: site) })
        for format in config.feeds.formats {
            let path = FeedGenerator.path(for: format, in: settings.path)
            plan.add(PlannedOutput(path: String(path.dropFirst()), origin: "the corrections feed", source: .generated { () throws(DiagnosticError) -> [UInt8] in
                try generator.document(request, as: format, at: path)
            }, kind: .feed))
        }
    }
}
