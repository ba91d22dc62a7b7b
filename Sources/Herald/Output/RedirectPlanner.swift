import Foundation

/// Plans the redirects of a site (DESIGN §2, §3, §6): every `aliases` entry
/// of a published article or page and every `redirects.map` entry becomes a
/// redirect page (format `html`) and a line of each host file in
/// `redirects.formats`.
///
/// Problems are located where the user wrote the redirect: an alias at its
/// line in the content file, a map entry at its line in site.yml. A source
/// that is the address of another output (it would hide a page), two
/// sources for one address with different targets, a loop and a target the
/// site does not have are errors; a chain (a → b → c) is written as a → c
/// with a warning, so no visitor follows two redirects.
struct RedirectPlanner {
    let site: Site
    /// The site root, to find the line of an alias in its file (only when
    /// there is a problem to report).
    let root: URL

    /// One redirect as the user wrote it.
    struct Entry {
        var source: RedirectPath
        var target: RedirectPath
        var origin: Origin
    }

    /// Where an entry was written.
    enum Origin {
        case alias(sourcePath: String, text: String)
        case map(RedirectRule)

        var name: String {
            switch self {
            case .alias(let path, let text): return "alias '\(text)' of \(path)"
            case .map(let rule): return "redirects.map '\(rule.from)'"
            }
        }
    }

    /// Adds the redirect outputs to `plan`, which must hold every other
    /// output already; returns the problems found.
    func plan(into plan: inout OutputPlan) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let entries = collect(&diagnostics)
        guard !entries.isEmpty || !diagnostics.isEmpty else { return [] }

        var outputs: [String: String] = [:]
        outputs.reserveCapacity(plan.outputs.count)
        for output in plan.outputs { outputs[output.path] = output.origin }

        // One entry per address; a second one for the same address is
        // either the same redirect again (dropped) or a conflict.
        var bySource: [String: Entry] = [:]
        var ordered: [Entry] = []
        for entry in entries {
            if let file = entry.source.pageFile, let owner = outputs[file] {
                diagnostics.append(problem(
                    "\(entry.source.display) is the address of \(owner): a redirect there would hide it; remove the redirect or move that page",
                    entry.origin))
                continue
            }
            if let first = bySource[entry.source.key] {
                if first.target.key != entry.target.key {
                    diagnostics.append(problem(
                        "\(entry.source.display) already redirects to \(first.target.display) (\(first.origin.name)); one address can redirect to one place only",
                        entry.origin))
                }
                continue
            }
            bySource[entry.source.key] = entry
            ordered.append(entry)
        }

        // Follow each target through the other redirects: a loop is an
        // error, a chain is shortened.
        var resolved: [Entry] = []
        for entry in ordered {
            var steps = [entry.source.display]
            var visited: Set<String> = [entry.source.key]
            var target = entry.target
            var looped = false
            while let next = bySource[target.key] {
                steps.append(target.display)
                guard visited.insert(target.key).inserted else {
                    looped = true
                    break
                }
                target = next.target
            }
            if looped {
                diagnostics.append(problem("redirect loop: \(steps.joined(separator: " → ")); point one of them at a page", entry.origin))
                continue
            }
            if steps.count > 1 {
                steps.append(target.display)
                diagnostics.append(problem(
                    "redirect chain \(steps.joined(separator: " → ")) is written as \(entry.source.display) → \(target.display); point it there directly",
                    entry.origin, severity: .warning))
            }
            if !Self.exists(target, in: outputs) {
                diagnostics.append(problem(
                    "\(entry.source.display) redirects to \(target.display), which this site does not have; point it at a page of the site",
                    entry.origin))
                continue
            }
            var shortened = entry
            shortened.target = target
            resolved.append(shortened)
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return diagnostics }

        let files = RedirectFiles(config: site.config, redirects: resolved.sorted { $0.source.key < $1.source.key }.map { ($0.source, $0.target) })
        let formats = site.config.redirects.formats
        if formats.contains(.html) {
            for entry in resolved {
                guard let file = entry.source.pageFile else { continue }
                let page = files.page(to: entry.target)
                plan.add(PlannedOutput(path: file, origin: entry.origin.name, source: .generated { page }, kind: .other))
            }
        }
        for format in formats.sorted() where format != .html {
            let (path, bytes) = files.hostFile(format)
            plan.add(PlannedOutput(path: path, origin: "the redirects (\(format.rawValue))", source: .generated { bytes }, kind: .other))
        }
        if formats.contains(.netlify) {
            for entry in resolved where entry.source.query.map(RedirectFiles.netlifyQuery) == .some(nil) {
                diagnostics.append(problem(
                    "\(entry.source.display): a _redirects file can match only queries of key=value pairs; Netlify and Cloudflare will not redirect it (the other formats do)",
                    entry.origin, severity: .warning))
            }
        }
        return diagnostics
    }

    /// Every redirect the site's content and site.yml ask for.
    private func collect(_ diagnostics: inout [Diagnostic]) -> [Entry] {
        let siteURL = site.config.url
        var entries: [Entry] = []
        for item in site.articles + site.pages where !item.aliases.isEmpty {
            guard case .success(let target) = RedirectPath.parse(item.path, siteURL: siteURL) else { continue }
            for alias in item.aliases {
                let origin = Origin.alias(sourcePath: item.sourcePath, text: alias)
                // `render: false`: there is no page for the old address to lead to.
                guard item.render else {
                    diagnostics.append(problem("alias '\(alias)' leads nowhere: this \(item.kind.rawValue) has 'render: false', so no page of its own; remove the alias or the 'render: false'", origin, severity: .warning))
                    continue
                }
                guard case .success(let source) = RedirectPath.parse(alias, siteURL: siteURL) else { continue }
                if source.key == target.key {
                    diagnostics.append(problem("alias '\(alias)' is the address of this \(item.kind.rawValue) itself; remove it", origin, severity: .warning))
                    continue
                }
                entries.append(Entry(source: source, target: target, origin: origin))
            }
        }
        for rule in site.config.redirects.map {
            let origin = Origin.map(rule)
            switch (RedirectPath.parse(rule.from, siteURL: siteURL), RedirectPath.parse(rule.to, siteURL: siteURL, target: true)) {
            case (.failure(let problem), _):
                diagnostics.append(self.problem("redirects.map source '\(rule.from)' \(problem.message)", origin))
            case (_, .failure(let problem)):
                diagnostics.append(self.problem("redirects.map target '\(rule.to)' \(problem.message)", origin))
            case (.success(let source), .success(let target)):
                if source.key == target.key {
                    diagnostics.append(self.problem("redirect loop: '\(rule.from)' redirects to itself; remove it", origin))
                } else {
                    entries.append(Entry(source: source, target: target, origin: origin))
                }
            }
        }
        return entries
    }

    /// Whether the site has a page or file at `target`.
    private static func exists(_ target: RedirectPath, in outputs: [String: String]) -> Bool {
        let file = String(target.path.dropFirst())
        if outputs[file] != nil { return true }
        let folder = file.isEmpty || file.hasSuffix("/") ? file : file + "/"
        return outputs[folder + "index.html"] != nil
    }

    /// A diagnostic at the line where `origin` was written.
    private func problem(_ message: String, _ origin: Origin, severity: Diagnostic.Severity = .error) -> Diagnostic {
        switch origin {
        case .map(let rule):
            return Diagnostic(path: "site.yml", line: rule.line, column: rule.column, severity: severity, message: message)
        case .alias(let sourcePath, let text):
            let (line, column) = Self.locate(text, in: root.appendingPathComponent(sourcePath))
            return Diagnostic(path: sourcePath, line: line, column: column, severity: severity, message: message)
        }
    }

    /// The line and column of the first occurrence of `text` in a file's
    /// front matter: the aliases are not kept with their lines, since they
    /// are needed only for a problem.
    static func locate(_ text: String, in file: URL) -> (Int, Int) {
        guard let data = FileManager.default.contents(atPath: file.path) else { return (0, 0) }
        let content = String(decoding: data, as: UTF8.self)
        for (number, line) in content.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: text) {
                return (number + 1, line.distance(from: line.startIndex, to: range.lowerBound) + 1)
            }
        }
        return (1, 1)
    }
}
