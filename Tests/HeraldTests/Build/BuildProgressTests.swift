import Foundation
import Testing
@testable import Herald

/// The progress line of a long build: its text, the counts the build
/// reports, and silence when standard error is not a terminal.
@Suite struct BuildProgressTests {
    @Test func theLineNamesTheStageAndItsCount() {
        #expect(BuildProgress.line(stage: .pages, done: 8412, total: 15102, elapsed: 14.72) == "Rendering pages 8,412/15,102 (14.7 s)")
        #expect(BuildProgress.line(stage: .markdown, done: 0, total: 999, elapsed: 1) == "Rendering Markdown 0/999 (1.0 s)")
        // A count read after the last increment of a stage never passes its total.
        #expect(BuildProgress.line(stage: .content, done: 1_000_001, total: 1_000_000, elapsed: 3) == "Reading content 1,000,000/1,000,000 (3.0 s)")
        #expect(BuildProgress.line(stage: .checking, done: 0, total: 0, elapsed: 2) == "Checking outputs… (2.0 s)")
        #expect(BuildProgress.line(stage: nil, done: 0, total: 0, elapsed: 1.05) == "Building… (1.1 s)")
    }

    @Test func onlyATerminalThatMovesItsCursorGetsALine() {
        #expect(BuildProgress.isShown(standardErrorIsTerminal: true, environment: ["TERM": "xterm-256color"]))
        #expect(BuildProgress.isShown(standardErrorIsTerminal: true, environment: [:]))
        #expect(!BuildProgress.isShown(standardErrorIsTerminal: false, environment: ["TERM": "xterm-256color"]))
        #expect(!BuildProgress.isShown(standardErrorIsTerminal: true, environment: ["TERM": "dumb"]))
    }

    @Test func countsFromManyThreadsAddUp() {
        let progress = BuildProgress()
        progress.begin(.pages, total: 40_000)
        DispatchQueue.concurrentPerform(iterations: 40_000) { _ in progress.advance() }
        #expect(progress.line(elapsed: 0) == "Rendering pages 40,000/40,000 (0.0 s)")
        // A new stage starts from zero.
        progress.begin(.saving)
        #expect(progress.line(elapsed: 0) == "Saving the build state… (0.0 s)")
    }

    /// Every counted stage reaches its total, and reporting changes nothing
    /// the build writes.
    @Test func aBuildReportsEachStageAndWritesWhatItWouldWithout() throws {
        let site = try BuildFixtures.storiesSite()
        defer { site.remove() }
        let progress = BuildProgress()
        let report = try site.build { $0.progress = progress }
        let pages = report.filesWritten + report.filesUnchanged
        #expect(progress.endedStages == [
            "Reading the previous build…", "Reading site.yml…", "Compiling templates…", "Reading content 6/6",
            "Rendering Markdown 6/6", "Planning outputs…", "Checking outputs…", "Rendering pages \(pages)/\(pages)",
        ])
        #expect(progress.line(elapsed: 0) == "Saving the build state… (0.0 s)")
        #expect(try site.tree() == site.cleanBuildTree())
    }

    /// `herald build` with standard error on a pipe prints no progress,
    /// even on a build long enough to show one on a terminal (through
    /// `script`, which gives the child a pseudo-terminal).
    @Test func theRealCommandIsSilentOnAPipeAndShowsCountsOnATerminal() throws {
        let site = try Self.manyArticles(2500)
        defer { site.remove() }
        let piped = try Robustness.runHerald(["build", "-s", site.root.path])
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stderr == "")
        guard let script = FeedFiles.which("script"), let herald = Robustness.heraldBinary else { return }
        let command = [herald.path, "build", "-s", site.root.path, "-o", site.root.appendingPathComponent("OnTerminal").path]
        let result = try FeedFiles.run(script, ["-qec", command.joined(separator: " "), "/dev/null"], environment: ["TERM": "xterm", "PATH": "/usr/bin:/bin"])
        #expect(result.status == 0, "\(result.output)")
        // The line shows after a second; a faster machine may finish first.
        guard let seconds = Self.buildSeconds(result.output), seconds > 1.5 else { return }
        #expect(result.output.contains("Rendering pages ") && result.output.contains("/2,"), "\(result.output.suffix(500))")
        #expect(result.output.contains("\u{1B}[2K"))
    }

    /// The `in 2.76 s` of the summary line.
    static func buildSeconds(_ output: String) -> Double? {
        guard let range = output.range(of: " in ", options: .backwards) else { return nil }
        return Double(output[range.upperBound...].prefix { $0.isNumber || $0 == "." })
    }

    static func manyArticles(_ count: Int) throws -> TemporarySite {
        var files = BuildFixtures.minimalTheme
        files["site.yml"] = "title: Many\nurl: https://news.example.org/\n"
        for number in 1...count {
            files["Content/articles/2025-02-01-story-\(number).md"] = "---\ntitle: Story \(number)\ndate: 2025-02-01\ntags: [t\(number % 25)]\n---\nThe story of number \(number), told briefly.\n"
        }
        return try TemporarySite(files: files)
    }
}
