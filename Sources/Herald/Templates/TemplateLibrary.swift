import Foundation

/// What templates need from the build besides their variables.
public struct TemplateEnvironment: Sendable {
    public var timeZone: TimeZone
    public var siteURL: SiteURL
    /// Renders Markdown to HTML for the `markdown` filter (the build passes libcmark).
    public var markdown: @Sendable (String) -> String
    /// The site's processed images, for the `image`, `srcset` and `picture` filters.
    public var images: ImageCatalog
    /// Where the `fingerprint` filter reads files.
    public var assets: AssetSource

    public init(
        timeZone: TimeZone, siteURL: SiteURL,
        markdown: @escaping @Sendable (String) -> String = { HTMLEscaping.escape($0) },
        images: ImageCatalog = .empty, assets: AssetSource = AssetSource()
    ) {
        self.timeZone = timeZone
        self.siteURL = siteURL
        self.markdown = markdown
        self.images = images
        self.assets = assets
    }
}

/// Every template of a site, compiled once; renders from any number of threads.
public final class TemplateLibrary: Sendable {
    struct SourceFile: Sendable {
        var displayPath: String
        var lines: [String]
    }

    let environment: TemplateEnvironment
    /// The files the templates' `fingerprint` filters name, hashed.
    public let assets: AssetFingerprints
    let linked: [String: LinkedTemplate]
    /// The number of every variable name the templates use.
    let variableIDs: [String: Int32]
    let files: [SourceFile]
    private let names: [String]
    private let displayPrefix: String

    /// Reads and compiles every `*.html` under `directory` recursively, and
    /// the bodies of the template pages `pages`.
    public convenience init(
        directory: URL, displayPrefix: String, environment: TemplateEnvironment, pages: [TemplatePageSource] = []
    ) throws(DiagnosticError) {
        var sources: [String: String] = [:]
        var problems: [Diagnostic] = []
        let root = directory.standardizedFileURL.resolvingSymlinksInPath()
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else {
            throw DiagnosticError([Diagnostic.error("cannot read the templates directory", at: displayPrefix)])
        }
        for case let url as URL in enumerator where url.pathExtension == "html" {
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard path.hasPrefix(rootPath) else { continue }
            let name = String(path.dropFirst(rootPath.count))
            do {
                let data = try Data(contentsOf: url)
                guard let text = String(data: data, encoding: .utf8) else {
                    problems.append(Diagnostic.error("the template is not valid UTF-8; save it as UTF-8", at: displayPrefix + "/" + name))
                    continue
                }
                sources[name] = text
            } catch {
                problems.append(Diagnostic.error("cannot read the template: \(error.localizedDescription)", at: displayPrefix + "/" + name))
            }
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        try self.init(sources: sources, displayPrefix: displayPrefix, environment: environment, pages: pages)
    }

    /// Compiles in-memory sources (name → text) and the bodies of template
    /// pages; throws every syntax and link problem at once.
    public init(
        sources: [String: String], displayPrefix: String = "Templates", environment: TemplateEnvironment,
        pages: [TemplatePageSource] = []
    ) throws(DiagnosticError) {
        self.environment = environment
        self.displayPrefix = displayPrefix
        let themeNames = sources.keys.sorted()
        // Template pages after the theme, under names no file can have:
        // they include the theme's partials, and nothing includes them.
        let names = themeNames + pages.map { TemplatePageSource.templateName(of: $0.path) }
        self.names = themeNames
        var files: [SourceFile] = []
        var parsed: [ParsedTemplate] = []
        var diagnostics: [Diagnostic] = []
        let indexOf = Dictionary(uniqueKeysWithValues: themeNames.enumerated().map { ($1, $0) })
        let variables = VariableNames()

        for (index, name) in themeNames.enumerated() {
            let source = sources[name]!
            let file = SourceFile(displayPath: displayPrefix.isEmpty ? name : displayPrefix + "/" + name, lines: Self.lines(of: source))
            files.append(file)
            let (template, problems) = TemplateParser.parse(source, templateIndex: index, variables: variables)
            parsed.append(template)
            for problem in problems {
                diagnostics.append(Self.diagnostic(problem.message, file: file, line: problem.line, column: problem.column))
            }
        }
        for (offset, page) in pages.enumerated() {
            // Located at the lines of the whole file, front matter included.
            let file = SourceFile(displayPath: page.path, lines: Self.lines(of: page.file))
            files.append(file)
            var (template, problems) = TemplateParser.parse(page.body, templateIndex: themeNames.count + offset, variables: variables, firstLine: page.firstLine)
            if let parent = template.parent {
                problems.append(SyntaxProblem(
                    message: "a template page cannot extend '\(parent.name)': its body is placed in its layout (page.html, or the template its 'layout' key names); remove the 'extends' (and the 'block' tags), or move the file to \(displayPrefix)/ and name it in 'layout'",
                    line: Int(parent.loc.line), column: Int(parent.loc.column)))
                template.parent = nil
            }
            parsed.append(template)
            for problem in problems {
                diagnostics.append(Self.diagnostic(problem.message, file: file, line: problem.line, column: problem.column))
            }
        }

        func report(_ message: String, _ loc: SourceLoc) {
            diagnostics.append(Self.diagnostic(message, file: files[Int(loc.template)], line: Int(loc.line), column: Int(loc.column)))
        }

        // Edges for cycle detection: extends always; includes when not inside if/for.
        struct Edge {
            var target: Int
            var loc: SourceLoc
            var isInclude: Bool
        }
        var edges = [[Edge]](repeating: [], count: names.count)
        for (index, template) in parsed.enumerated() {
            if let parent = template.parent {
                if let target = indexOf[parent.name] {
                    edges[index].append(Edge(target: target, loc: parent.loc, isInclude: false))
                } else {
                    report("'\(parent.name)' does not exist, so this template cannot extend it; check the name (relative to \(displayPrefix)/)", parent.loc)
                }
            }
            for include in template.includes {
                if let target = indexOf[include.name] {
                    if !include.conditional {
                        edges[index].append(Edge(target: target, loc: include.loc, isInclude: true))
                    }
                } else {
                    report("template '\(include.name)' does not exist, so it cannot be included; check the name (relative to \(displayPrefix)/)", include.loc)
                }
            }
        }

        // Depth-first search; a back edge closes a cycle. Iterative, so that
        // a long chain of templates cannot overflow the stack.
        var state = [UInt8](repeating: 0, count: names.count)  // 0 new, 1 on stack, 2 done
        var stack: [(node: Int, edge: Edge?)] = []  // the path to the current node: each ancestor and the edge taken
        for root in names.indices where state[root] == 0 {
            state[root] = 1
            var frames: [(node: Int, next: Int)] = [(root, 0)]
            while let top = frames.last {
                let node = top.node
                guard top.next < edges[node].count else {
                    state[node] = 2
                    frames.removeLast()
                    if !frames.isEmpty { stack.removeLast() }
                    continue
                }
                frames[frames.count - 1].next += 1
                let edge = edges[node][top.next]
                if state[edge.target] == 1 {
                    let start = stack.firstIndex { $0.node == edge.target } ?? stack.count
                    let cycle = stack[start...].map { names[$0.node] } + [names[node], names[edge.target]]
                    let kind = edge.isInclude ? "including" : "extending"
                    report("\(kind) '\(names[edge.target])' here never ends: \(cycle.joined(separator: " → ")); break the cycle", edge.loc)
                } else if state[edge.target] == 0 {
                    stack.append((node, edge))
                    state[edge.target] = 1
                    frames.append((edge.target, 0))
                }
            }
        }

        // Every file a `fingerprint` filter names, read once; a missing one
        // is reported at each filter naming it.
        let references = parsed.flatMap(\.fingerprints)
        let (assets, assetProblems) = AssetFingerprints.resolve(
            references.map(\.path), source: environment.assets, siteURL: environment.siteURL, images: environment.images)
        self.assets = assets
        for reference in references {
            if let problem = assetProblems[reference.path] { report(problem, reference.loc) }
        }

        // Resolve extends chains.
        var linked: [String: LinkedTemplate] = [:]
        var longChainsReported = Set<String>()
        for (index, name) in names.enumerated() {
            var chain = [index]
            var seen: Set<Int> = [index]
            var broken = false
            while let parent = parsed[chain.last!].parent {
                guard let target = indexOf[parent.name], !seen.contains(target) else {
                    broken = true
                    break
                }
                // Each level is a level of `super()` calls while rendering.
                guard chain.count < Self.maximumExtendsChain else {
                    if longChainsReported.insert("\(parent.loc.template):\(parent.loc.line):\(parent.loc.column)").inserted {
                        report("this 'extends' makes a chain of more than \(Self.maximumExtendsChain) templates extending each other, which is too long; let fewer templates extend each other", parent.loc)
                    }
                    broken = true
                    break
                }
                chain.append(target)
                seen.insert(target)
            }
            if broken { continue }
            var blocks: [String: [[Node]]] = [:]
            for member in chain {
                for (blockName, body) in parsed[member].blocks { blocks[blockName, default: []].append(body) }
            }
            let preamble = chain.dropLast().map { parsed[$0].preamble }.filter { !$0.isEmpty }
            linked[name] = LinkedTemplate(index: index, root: parsed[chain.last!].nodes, blocks: blocks, preamble: preamble)
        }

        self.files = files
        self.linked = linked
        variableIDs = variables.ids
        if !diagnostics.isEmpty {
            let ordered = diagnostics.enumerated().sorted { a, b in
                (a.element.path, a.element.line, a.element.column, a.offset) < (b.element.path, b.element.line, b.element.column, b.offset)
            }
            throw DiagnosticError(ordered.map(\.element))
        }
    }

    /// The lines of a source, for showing the line of an error.
    private static func lines(of source: String) -> [String] {
        // "\r\n" is one Character in Swift, so split on both.
        source.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map(String.init)
    }

    /// The longest chain of `extends` a template may start.
    static let maximumExtendsChain = 32

    private static func diagnostic(_ message: String, file: SourceFile, line: Int, column: Int) -> Diagnostic {
        Diagnostic(
            path: file.displayPath, line: line, column: column, severity: .error, message: message,
            sourceLine: line >= 1 && line <= file.lines.count ? file.lines[line - 1] : nil)
    }

    /// The names of every template of the theme, sorted.
    public var templateNames: [String] { names }

    public func contains(_ name: String) -> Bool {
        linked[name] != nil
    }

    /// Renders template `name` with the given top-level variables.
    public func render(_ name: String, context: [String: Value]) throws(DiagnosticError) -> String {
        String(decoding: try renderBytes(name, context: context), as: UTF8.self)
    }

    /// Renders template `name` as UTF-8 bytes: what the build writes to disk.
    public func renderBytes(_ name: String, context: [String: Value]) throws(DiagnosticError) -> [UInt8] {
        guard let template = linked[name] else {
            throw DiagnosticError([
                Diagnostic.error(
                    "template '\(name)' does not exist; add it to the templates directory",
                    at: displayPrefix.isEmpty ? name : displayPrefix + "/" + name)
            ])
        }
        var renderer = TemplateRenderer(library: self, context: context)
        do {
            try renderer.render(template)
        } catch {
            let file = files[Int(error.loc.template)]
            throw DiagnosticError([Self.diagnostic(error.message, file: file, line: Int(error.loc.line), column: Int(error.loc.column))])
        }
        return renderer.output
    }
}
