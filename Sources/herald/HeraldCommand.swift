import ArgumentParser
import Herald

@main
struct HeraldCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "herald",
        abstract: "Builds a static news site and its feeds from Markdown articles.",
        discussion: """
            A site is a folder with site.yml, Content/ (articles and pages in Markdown), \
            Templates/ (the theme) and Public/ (the output).

            Examples:
              herald init news && cd news     start a site with the default theme
              herald new "Council votes on the budget"
              herald serve                    preview at http://127.0.0.1:8080/ with live reload
              herald check                    find broken links, images, anchors and feeds
              herald build                    write the site into Public/

            Shell completions: herald --generate-completion-script bash|zsh|fish
            """,
        version: HeraldVersion.current,
        subcommands: [InitCommand.self, NewCommand.self, BuildCommand.self, ServeCommand.self, CheckCommand.self, ImportCommand.self],
        defaultSubcommand: nil
    )
}
