import ArgumentParser
import Foundation
import Herald

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Create a new site from another system's export.",
        subcommands: [WordPressImportCommand.self]
    )
}

struct WordPressImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wordpress",
        abstract: "Create a new site from a WordPress export (WXR).",
        discussion: """
            Reads the file WordPress writes under Tools → Export (All content) and writes a new \
            site with the default theme: posts as articles, pages as pages, their authors, \
            categories, tags, excerpts and statuses, and every old address (the permalink and \
            /?p=ID) as an alias that redirects. The folder must be new or empty. A report lists \
            what was not imported and the shortcodes left to edit.

            With --uploads, the files of the old site's wp-content/uploads that the posts use \
            are copied into Content/static/wp-content/uploads/ and the posts point at them; \
            without it, media stay at their WordPress URLs.

            Example:
              herald import wordpress ledger.WordPress.2025-07-04.xml news
              herald import wordpress ledger.xml news --uploads backup/wp-content/uploads
            """
    )

    @Argument(help: "The WordPress export (.xml).")
    var export: String

    @Argument(help: "The folder to create the site in.")
    var path: String = "."

    @Option(help: ArgumentHelp("A copy of the old site's wp-content/uploads folder: the files the posts use are copied into the site.", valueName: "folder"))
    var uploads: String?

    @Flag(help: "Print only errors.")
    var quiet = false

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let exportURL = URL(fileURLWithPath: export, relativeTo: cwd).standardizedFileURL
        let folder = URL(fileURLWithPath: path, relativeTo: cwd).standardizedFileURL
        do {
            let report = try WordPressImporter(
                export: exportURL, destination: folder,
                uploads: uploads.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL }
            ).run()
            if !quiet {
                for line in report.lines { Console.say(line) }
                Console.say("Next: cd \(Console.displayPath(folder)) && herald build")
            }
        } catch {
            Console.printDiagnostics(error.diagnostics, build: false)
            throw ExitCode.failure
        }
    }
}
