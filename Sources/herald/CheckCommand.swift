import ArgumentParser
import Foundation
import Herald

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Build into a temporary folder and check links, images, anchors, feeds and front matter.",
        discussion: """
            Builds the site into a temporary folder (Public/ is not touched), then checks every \
            internal link (href, src, srcset and poster in every HTML file, resolved against the \
            page and the site's base path), every image, and every #fragment (it must name an id \
            in the target page). It also reports the build's front matter warnings (such as an \
            image without image_alt) and summaries longer than 300 characters, and parses every \
            feed (Atom, RSS, JSON Feed): well-formed, the elements every reader needs, absolute \
            URLs and unique entry ids. The temporary folder is removed afterwards.

            A broken link, image or anchor prints where it is written: the article, page or \
            template, as FILE:LINE:COLUMN, with the output file and line in the message; one \
            found in no source prints as PATH:LINE, PATH relative to the output \
            (2025/07/slug/index.html:42). Other problems in sources print with their own location. \
            Exit status: 0 when there is no problem, 1 when there is any (or the build fails).

            Examples:
              herald check
              herald check --drafts --future
              herald check -s ~/sites/news --base-url https://x.github.io/news/
            """
    )

    @OptionGroup var site: SiteOptions

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    func run() throws {
        let result: SiteChecker.Result
        do {
            let options = site.buildOptions()
            result = try ProgressLine.run(enabled: !site.quiet) { (progress) throws(DiagnosticError) in
                var reporting = options
                reporting.progress = progress
                return try SiteChecker(options: reporting).run()
            }
        } catch {
            Console.printDiagnostics(error.diagnostics, build: false)
            Console.writeError("The build failed; fix the errors above and check again.\n")
            throw ExitCode.failure
        }
        if !result.problems.isEmpty {
            Console.writeError(result.problems.map(Console.formatProblem).joined(separator: "\n") + "\n")
        }
        let errors = result.problems.filter { $0.severity == .error }.count
        let warnings = result.problems.count - errors
        if result.problems.isEmpty {
            if !site.quiet { Console.say("No problems found in \(Self.count(result.report.articles, "article")) and \(Self.count(result.report.pages, "page")).") }
        } else {
            let parts = [errors > 0 ? "\(errors) error\(errors == 1 ? "" : "s")" : nil, warnings > 0 ? "\(warnings) warning\(warnings == 1 ? "" : "s")" : nil].compactMap { $0 }
            Console.writeError(parts.joined(separator: ", ") + ".\n")
            throw ExitCode.failure
        }
    }
}
