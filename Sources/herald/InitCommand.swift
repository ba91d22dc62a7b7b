import ArgumentParser
import Foundation
import Herald

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new site with the default theme and one sample article.",
        discussion: """
            Writes site.yml, Content/articles/ with a sample article, Content/pages/about.md, \
            Templates/ with the default theme, Public/.gitkeep and a .gitignore. The folder is \
            created when missing; a folder that is not empty (anything but .git) is refused \
            unless --force, which overwrites the files init writes and leaves every other file alone.

            Examples:
              herald init news          create ./news
              herald init               turn the (empty) current folder into a site
              herald init . --force     write the site's files into a folder that has others
            """
    )

    @Argument(help: "The folder to create the site in.")
    var path: String = "."

    @Flag(help: "Write into a folder that is not empty, overwriting the files init writes.")
    var force = false

    @Flag(help: "Print only errors.")
    var quiet = false

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let folder = URL(fileURLWithPath: path, relativeTo: cwd).standardizedFileURL
        do {
            let written = try SiteScaffold.create(at: folder, force: force)
            if SiteScaffold.embeddedTheme().isEmpty {
                Console.writeError("\(Console.colored(.warning)) this herald was built without a default theme: add article.html, index.html and page.html to Templates/ before building\n")
            }
            if !quiet {
                let shown = Console.displayPath(folder)
                Console.say("Created a new site in \(shown.isEmpty || folder.path == cwd.standardizedFileURL.path ? "." : shown) (\(written.count) files).")
                Console.say("Next:")
                if folder.path != cwd.standardizedFileURL.path { Console.say("  cd \(shown)") }
                Console.say("  herald serve                 preview with live reload")
                Console.say("  herald new \"Your headline\"   start an article")
            }
        } catch {
            Console.printDiagnostics(error.diagnostics, build: false)
            throw ExitCode.failure
        }
    }
}
