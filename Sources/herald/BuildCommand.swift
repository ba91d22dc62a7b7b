import ArgumentParser
import Foundation
import Herald

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into Public/.",
        discussion: """
            Reads site.yml, Content/ and Templates/ and writes the site with its feeds. \
            On any error nothing is published: every error is printed as path:line:column: error: message, \
            the previous output stays as it was, and the exit status is 1.

            Examples:
              herald build
              herald build -s ~/sites/news -o /var/www/news
              SOURCE_DATE_EPOCH=1751600000 herald build --base-url https://staging.example.org/
            """
    )

    @OptionGroup var site: SiteOptions

    @Flag(help: "Then tell the WebSub hubs of feeds.hubs about the feeds that changed (see 'herald ping').")
    var ping = false

    func run() throws {
        let report: BuildReport
        var chosen = site.buildOptions()
        // The process ends right after the build: freeing its data is wasted time.
        chosen.keepsMemoryUntilExit = true
        let options = chosen
        do {
            report = try ProgressLine.run(enabled: !site.quiet) { (progress) throws(DiagnosticError) in
                var reporting = options
                reporting.progress = progress
                return try Builder(options: reporting).build()
            }
        } catch {
            Console.printDiagnostics(error.diagnostics)
            throw ExitCode.failure
        }
        if !site.quiet {
            Console.printDiagnostics(report.warnings, all: site.verbose)
            if site.verbose {
                print(report.path.description)
                for line in Console.stageLines(report) { print(line) }
            }
            print(report.summary)
        }
        if ping {
            let hubs: [String]
            do {
                hubs = try Builder(options: options).configuration().feeds.hubs
            } catch {
                Console.printDiagnostics(error.diagnostics)
                throw ExitCode.failure
            }
            try PingCommand.ping(hubs: hubs, output: options.output, quiet: site.quiet)
        }
    }
}
