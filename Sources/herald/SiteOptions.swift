import ArgumentParser
import Foundation
import Herald

/// The options every building command shares.
struct SiteOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "The site root, the folder holding site.yml.")
    var source: String = "."

    @Option(name: [.short, .long], help: "Where to write the site (default: ROOT/Public).")
    var output: String?

    @Flag(help: "Include articles and pages marked 'draft: true'.")
    var drafts = false

    @Flag(help: "Include articles dated in the future.")
    var future = false

    @Option(name: .customLong("base-url"), help: "Use this absolute URL instead of site.yml's url.")
    var baseURL: String?

    @Flag(name: [.short, .long], help: "Print only errors.")
    var quiet = false

    @Flag(name: [.short, .long], help: "Print the time of each stage.")
    var verbose = false

    func buildOptions() -> BuildOptions {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let root = URL(fileURLWithPath: source, relativeTo: cwd)
        var options = BuildOptions(source: root, output: output.map { URL(fileURLWithPath: $0, relativeTo: cwd) })
        options.includeDrafts = drafts
        options.includeFuture = future
        options.baseURL = baseURL
        return options
    }
}
