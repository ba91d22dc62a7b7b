import ArgumentParser
import Foundation
import Herald

struct PingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ping",
        abstract: "Tell the WebSub hubs of feeds.hubs about the feeds that changed.",
        discussion: """
            Each build notes the feeds whose bytes it changed. After you have deployed the output, \
            'herald ping' sends every hub of feeds.hubs a notification (hub.mode=publish) for each of them \
            and prints each hub's answer. Feeds a hub did not accept stay noted for the next ping; \
            the exit status is 1 when any was not accepted. 'herald build --ping' builds and pings at once.

            Examples:
              herald build && rsync -a Public/ host:/var/www/news/ && herald ping
              herald build --ping
            """
    )

    @OptionGroup var site: SiteOptions

    func run() throws {
        let options = site.buildOptions()
        let config: SiteConfig
        do {
            config = try Builder(options: options).configuration()
        } catch {
            Console.printDiagnostics(error.diagnostics)
            throw ExitCode.failure
        }
        try Self.ping(hubs: config.feeds.hubs, output: options.output, quiet: site.quiet)
    }

    /// Sends the pending notifications and prints the answers.
    static func ping(hubs: [String], output: URL, quiet: Bool) throws {
        if hubs.isEmpty {
            if !quiet { print("ping: no hubs (set feeds.hubs in site.yml)") }
            return
        }
        let answers = WebSubPing.run(output: output, hubs: hubs)
        if answers.isEmpty {
            if !quiet { print("ping: no feed changed since the last ping") }
            return
        }
        for answer in answers where !quiet || !answer.accepted {
            print("ping: " + answer.description)
        }
        if answers.contains(where: { !$0.accepted }) { throw ExitCode.failure }
    }
}
