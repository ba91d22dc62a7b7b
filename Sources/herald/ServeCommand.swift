import ArgumentParser
import Foundation
import Herald
import HeraldServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, watch the sources and serve the site with live reload.",
        discussion: """
            Builds the site into the output folder (Public/ by default), serves it over HTTP and \
            watches Content/, Templates/ and site.yml: every change rebuilds the site and reloads \
            the open pages. A failed build is printed here and shown over the page in the browser; \
            the server keeps running and serves the last good build. Pages are served under the \
            site's base path (from site.yml's url or --base-url), so links work as they will when \
            published. Stop with Ctrl-C.

            The live-reload script is added to HTML responses only; the files in the output are \
            exactly what 'herald build' writes.

            Examples:
              herald serve
              herald serve --drafts --future
              herald serve --port 4000
              herald serve --host 0.0.0.0      reachable from other machines on the network
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 8080

    func run() async throws {
        let quiet = site.quiet, verbose = site.verbose
        let server = PreviewServer(configuration: .init(options: site.buildOptions(), host: host, port: port)) { event in
            switch event {
            case .rebuilding:
                if verbose { Console.say("Change detected; rebuilding…") }
            case .built(let report):
                if !quiet {
                    Console.printDiagnostics(report.warnings, build: false, all: verbose)
                    if verbose {
                        Console.say(report.path.description)
                        for line in Console.stageLines(report) { Console.say(line) }
                    }
                    Console.say(report.summary)
                }
            case .failed(let error):
                Console.printDiagnostics(error.diagnostics, build: false)
                Console.writeError("The build failed; serving the last good build. Fix the errors and save to rebuild.\n")
            }
        }
        let bound: Int
        do {
            bound = try await server.start()
        } catch {
            await server.stop()
            Console.error("\(error)")
            throw ExitCode.failure
        }
        if !quiet {
            let shownHost = host.contains(":") ? "[\(host)]" : host
            Console.say("Serving \(Console.displayPath(server.configuration.options.output)) at http://\(shownHost):\(bound)\(server.basePathForDisplay) (watching with \(server.watchMethod ?? "nothing")); press Ctrl-C to stop.")
        }
        await Signals.waitForInterrupt()
        if !quiet { Console.say("\nStopping.") }
        await server.stop()
    }
}

/// Waits for SIGINT or SIGTERM, which then no longer end the process at once.
enum Signals {
    static func waitForInterrupt() async {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield() }
            source.resume()
            sources.append(source)
        }
        for await _ in stream { break }
        for source in sources { source.cancel() }
    }
}
