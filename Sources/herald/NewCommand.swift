import ArgumentParser
import Foundation
import Herald

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new article (or page) with front matter and print its path.",
        discussion: """
            Articles go to Content/articles/YYYY-MM-DD-slug.md, dated now in the site's time zone \
            (or at SOURCE_DATE_EPOCH when set); pages go to Content/pages/slug.md. The new file is \
            a draft (draft: true): 'herald serve --drafts' shows it; remove the line to publish. \
            An existing file is never overwritten.

            Examples:
              herald new "Council votes on the budget"
              herald new --page "Corrections policy"
              $EDITOR "$(herald new 'Flood warning lifted')"
            """
    )

    @Flag(help: "Create a standalone page in Content/pages/ instead of an article.")
    var page = false

    @Argument(help: "The title; the file name is made from it.")
    var title: String

    @Option(name: [.short, .long], help: "The site root, the folder holding site.yml.")
    var source: String = "."

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let root = URL(fileURLWithPath: source, relativeTo: cwd).standardizedFileURL
        do {
            let url = try ContentScaffold.create(title: title, kind: page ? .page : .article, root: root)
            Console.say(Console.displayPath(url))
        } catch {
            Console.printDiagnostics(error.diagnostics, build: false)
            throw ExitCode.failure
        }
    }
}
