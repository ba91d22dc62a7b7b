import ArgumentParser
import Herald

@main
struct HeraldCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "herald",
        abstract: "Builds a static news site and its feeds from Markdown articles.",
        version: HeraldVersion.current,
        subcommands: [BuildCommand.self],
        defaultSubcommand: nil
    )
}
