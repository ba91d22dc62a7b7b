import Foundation
import Testing
@testable import Herald

/// The output is always one complete build: a `herald build` killed at any
/// moment leaves, once the next build's recovery has run, exactly the files
/// of either the previous build or the new one — none partial, none missing.
@Suite(.serialized) struct AtomicOutputTests {
    static let now = 1_800_000_000

    /// A site of `count` articles; `version` changes every article's text,
    /// and each version has articles (and so tag pages) the other lacks.
    static func writeSite(at root: URL, version: Int, count: Int) throws {
        let site = TemporarySite(existing: root)
        try site.write("title: Atomic News\nurl: https://news.example.org/\ntimezone: UTC\npaginate: 10\n", to: "site.yml")
        for (path, text) in BuildFixtures.minimalTheme { try site.write(text, to: path) }
        try site.write("{{ term.name }}{% for a in paginator.items %}{{ a.title }}{% endfor %}", to: "Templates/term.html")
        for index in 0..<count where index % 7 != version {
            let day = 1 + index % 28
            let text = """
                ---
                title: Story \(index) v\(version)
                date: 2025-07-\(day < 10 ? "0" : "")\(day) 09:\(10 + index % 50)
                tags: [tag-\(index % 23), v\(version)-tag-\(index % 5)]
                ---
                Version \(version) of story \(index). \(String(repeating: "Words of the story. ", count: 20 + index % 40))
                """
            try site.write(text, to: "Content/articles/story-\(index).md")
        }
        try site.write("body{color:#\(version == 0 ? "000" : "333")}", to: "Templates/assets/site.css")
    }

    @Test(.timeLimit(.minutes(2))) func killedBuildsAlwaysLeaveACompleteOutput() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("herald-atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let roots = [base.appendingPathComponent("siteA"), base.appendingPathComponent("siteB")]
        let output = base.appendingPathComponent("out/Public")
        for (version, root) in roots.enumerated() {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try Self.writeSite(at: root, version: version, count: 300)
        }
        // The two complete trees, built in process into reference folders.
        var trees: [[String: Data]] = []
        for (version, root) in roots.enumerated() {
            let reference = base.appendingPathComponent("reference\(version)/Public")
            _ = try Builder(options: BuildOptions(source: root, output: reference, now: Date(timeIntervalSince1970: Double(Self.now)))).build()
            trees.append(Robustness.snapshot(reference))
        }
        #expect(trees[0].count > 300 && trees[1].count > 300)
        #expect(trees[0] != trees[1])

        func build(_ version: Int) throws -> Process {
            let process = Process()
            guard let binary = Robustness.heraldBinary else { throw CocoaError(.fileNoSuchFile) }
            process.executableURL = binary
            process.arguments = ["build", "-s", roots[version].path, "-o", output.path, "--quiet"]
            var environment = ProcessInfo.processInfo.environment
            environment["SOURCE_DATE_EPOCH"] = String(Self.now)
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }

        // A first complete build, timed, to spread the kills over a whole build.
        let start = Date()
        let first = try build(0)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let fullBuild = Date().timeIntervalSince(start)
        #expect(Robustness.snapshot(output) == trees[0])

        var generator = SystemRandomNumberGenerator()
        var outcomes: [String] = []
        var current = 0
        let deadline = Date().addingTimeInterval(25)
        for round in 0..<15 where Date() < deadline {
            let target = 1 - current
            // Mostly within the first 300 ms, and some over the whole build (the commit is at its end).
            let window = round % 3 == 2 ? max(fullBuild * 1.2, 0.3) : 0.3
            let delay = Double.random(in: 0...window, using: &generator)
            let process = try build(target)
            usleep(useconds_t(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let killed = process.terminationReason == .uncaughtSignal
            // What the next `herald build` does before anything else.
            try Publisher.recover(output: output)
            let tree = Robustness.snapshot(output)
            let matches = trees.firstIndex(of: tree)
            #expect(matches != nil, "round \(round): killed after \(Int(delay * 1000)) ms, the output is neither build: \(Self.difference(tree, trees))")
            #expect(Robustness.leftovers(in: output.deletingLastPathComponent()).isEmpty, "round \(round): recovery left files behind")
            if let matches { current = matches }
            outcomes.append("\(Int(delay * 1000))ms:\(killed ? "killed" : "finished")→\(matches.map { $0 == target ? "new" : "old" } ?? "BROKEN")")
        }
        #expect(outcomes.count >= 5, "too few rounds ran: \(outcomes)")

        // A staging folder left by a kill is removed by the next full build.
        let process = try build(0)
        usleep(useconds_t(min(fullBuild * 0.6, 0.25) * 1_000_000))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let parent = output.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent.appendingPathComponent(".Public.herald-staging/stale"), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: parent.appendingPathComponent(".Public.herald-staging/stale/half.html").path, contents: Data("<p>hal".utf8))
        let last = try build(1)
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)
        #expect(Robustness.snapshot(output) == trees[1])
        #expect(Robustness.leftovers(in: parent).isEmpty)
        print("AtomicOutputTests: full build \(Int(fullBuild * 1000)) ms; rounds \(outcomes.joined(separator: ", "))")
    }

    /// A short description of how `tree` differs from the nearest of `trees`.
    static func difference(_ tree: [String: Data], _ trees: [[String: Data]]) -> String {
        trees.enumerated().map { index, reference in
            let missing = reference.keys.filter { tree[$0] == nil }.sorted()
            let extra = tree.keys.filter { reference[$0] == nil }.sorted()
            let changed = reference.keys.filter { tree[$0] != nil && tree[$0] != reference[$0] }.sorted()
            return "vs build \(index): \(missing.count) missing \(missing.prefix(3)), \(extra.count) extra \(extra.prefix(3)), \(changed.count) differ \(changed.prefix(3))"
        }.joined(separator: "; ")
    }
}

extension TemporarySite {
    /// A site rooted at an existing folder (not removed by `remove()` callers here).
    init(existing root: URL) {
        self.root = root
    }
}
