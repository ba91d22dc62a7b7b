import Foundation
import Herald
import FlyingFox
import FlyingSocks

/// `herald serve`: builds the site, serves the output over HTTP, watches the
/// sources, rebuilds on change and reloads open pages.
///
/// The output folder is served under the site's base path (`/news/` for a
/// `url` of `https://x.github.io/news/`), so links in the built pages work
/// as they will once published, and the output stays exactly what
/// `herald build` writes: the live-reload script is added to HTML responses
/// only, never to the files.
public final class PreviewServer: @unchecked Sendable {
    public struct Configuration: Sendable {
        public var options: BuildOptions
        public var host: String
        /// 0 picks a free port; `start()` returns the one bound.
        public var port: Int
        /// Watch the sources and rebuild on change.
        public var watch = true
        public var watchMode: FileWatcher.Mode = .automatic
        /// Quiet time after a change before rebuilding: long enough for an
        /// editor's save (write, rename) to finish, short enough not to show.
        public var debounce: TimeInterval = 0.02

        public init(options: BuildOptions, host: String = "127.0.0.1", port: Int = 8080) {
            self.options = options
            self.host = host
            self.port = port
        }
    }

    /// What happened, for the terminal.
    public enum Event: Sendable {
        case rebuilding
        case built(BuildReport)
        case failed(DiagnosticError)
    }

    public let configuration: Configuration
    public let hub = ReloadHub()
    private let onEvent: @Sendable (Event) -> Void

    // Safety: the mutable state below is guarded by `lock`.
    private let lock = NSLock()
    private var basePath = "/"
    private var httpServer: HTTPServer?
    private var serverTask: Task<Void, any Error>?
    private var watcher: FileWatcher?
    private let buildQueue = DispatchQueue(label: "herald.serve.build")
    /// Keeps what each build leaves for the next in memory.
    private let session = BuildSession()

    public init(configuration: Configuration, onEvent: @escaping @Sendable (Event) -> Void = { _ in }) {
        self.configuration = configuration
        self.onEvent = onEvent
    }

    /// Builds once, starts watching and listening; returns the bound port.
    /// A failed build does not stop the server: its errors are reported and
    /// shown in the browser until a build succeeds.
    public func start() async throws -> Int {
        _ = await withCheckedContinuation { continuation in
            buildQueue.async { continuation.resume(returning: self.performBuild()) }
        }
        let port = try await listen()
        if configuration.watch {
            let watcher = FileWatcher(
                root: configuration.options.source, mode: configuration.watchMode, debounce: configuration.debounce
            ) { [weak self] changed in
                self?.rebuildAfterChange(changed)
            }
            watcher.start()
            lock.withLock { self.watcher = watcher }
        }
        return port
    }

    /// Stops watching, ends every event stream and closes the server.
    public func stop() async {
        let (watcher, server, task) = lock.withLock { () -> (FileWatcher?, HTTPServer?, Task<Void, any Error>?) in
            defer { self.watcher = nil; self.httpServer = nil; self.serverTask = nil }
            return (self.watcher, self.httpServer, self.serverTask)
        }
        watcher?.stop()
        // What the last builds in memory left to write (see `BuildSession`).
        buildQueue.sync { session.flush() }
        // Ending the event streams first lets their responses finish, so
        // the server's connections close without waiting for a timeout.
        hub.close()
        await server?.stop(timeout: 1)
        task?.cancel()
        _ = try? await task?.value
    }

    /// The watching method in use ("inotify" or "polling"), once started.
    public var watchMethod: String? {
        lock.withLock { watcher?.method }
    }

    /// Builds now, publishing the result to open pages.
    @discardableResult
    public func build() -> Bool {
        buildQueue.sync { performBuild() }
    }

    /// Runs on `buildQueue`, so builds never overlap. `changed`: the files
    /// the watcher saw change, when it could name them.
    private func performBuild(changed: Set<String>? = nil) -> Bool {
        var options = configuration.options
        options.now = BuildOptions.defaultNow()
        do {
            let report = try session.build(options: options, changed: changed)
            updateBasePath()
            onEvent(.built(report))
            hub.publish(.reload)
            return true
        } catch {
            onEvent(.failed(error))
            hub.publish(.buildError(error.diagnostics.map(\.description).joined(separator: "\n")))
            return false
        }
    }

    private func rebuildAfterChange(_ changed: Set<String>?) {
        onEvent(.rebuilding)
        buildQueue.sync { _ = performBuild(changed: changed) }
    }

    private func updateBasePath() {
        let path = (try? Builder(options: configuration.options).configuration())?.url.basePath ?? "/"
        lock.withLock { basePath = path }
    }

    /// The base path pages are served under (`/` or `/news/`).
    public var basePathForDisplay: String {
        currentBasePath
    }

    private var currentBasePath: String {
        lock.withLock { basePath }
    }

    // MARK: HTTP

    private func listen() async throws -> Int {
        updateBasePath()
        let host = configuration.host, port = configuration.port
        let address: any SocketAddress
        do {
            address = try ListenAddress.resolve(host: host, port: port)
        } catch {
            throw ServeError.cannotListen(host: host, port: port, reason: "\(error)")
        }
        let handler = ClosureHTTPHandler { [self] request in await self.respond(to: request) }
        let server = HTTPServer(config: .init(address: address, logger: .disabled), handler: handler)

        // The first of: the server listening (its port), or run() failing (the reason).
        let (results, continuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        let task = Task {
            defer { continuation.finish() }
            do {
                try await server.run()
            } catch {
                continuation.yield(.failure(error))
                throw error
            }
        }
        let waiter = Task {
            guard (try? await server.waitUntilListening(timeout: 30)) != nil else { return }
            switch await server.listeningAddress {
            case .ip4(_, let bound), .ip6(_, let bound): continuation.yield(.success(Int(bound)))
            default: continuation.yield(.success(port))
            }
        }
        defer { waiter.cancel() }
        lock.withLock {
            httpServer = server
            serverTask = task
        }
        for await result in results {
            switch result {
            case .success(let bound): return bound
            case .failure(let error): throw ServeError.cannotListen(host: host, port: port, reason: Self.reason(error))
            }
        }
        throw ServeError.cannotListen(host: host, port: port, reason: "the server stopped")
    }

    /// What the system said (`Address already in use`), without the socket library's wrapping.
    private static func reason(_ error: any Error) -> String {
        if case SocketError.failed(_, _, let message) = error { return message.lowercased() }
        return "\(error)"
    }

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        // The path as sent, still percent-encoded: the resolver decodes each
        // segment itself, so that an encoded `..` or `/` is refused rather
        // than normalised away.
        let path = request.target.path()
        if path == LiveReloadScript.eventsPath {
            return eventStream()
        }
        let head = request.method == .HEAD
        guard request.method == .GET || head else {
            let headers: HTTPHeaders = [HTTPHeader("Allow"): "GET, HEAD"]
            return HTTPResponse(statusCode: .methodNotAllowed, headers: headers)
        }
        let resolver = OutputResolver(output: configuration.options.output, basePath: currentBasePath)
        switch resolver.resolve(path) {
        case .file(let url):
            return fileResponse(url, status: .ok, head: head)
        case .redirect(let location):
            var target = location
            let query = request.target.query()
            if !query.isEmpty { target += "?" + query }
            let headers: HTTPHeaders = [.location: target, .cacheControl: "no-store"]
            return HTTPResponse(statusCode: .movedPermanently, headers: headers)
        case .forbidden:
            return textResponse("403 Forbidden: this path is outside the site\n", status: .forbidden, head: head)
        case .notFound:
            if case .file(let url) = resolver.resolve(resolver.basePath + "404.html") {
                return fileResponse(url, status: .notFound, head: head)
            }
            // No 404.html (yet: the first build may have failed): a page
            // that still carries the live-reload script and its overlay.
            let page = "<!doctype html>\n<meta charset=utf-8>\n<title>Not found</title>\n<p>Nothing is published at \(HTMLEscaping.escape(path)).</p>\n"
            return Self.response(
                status: .notFound, type: "text/html; charset=utf-8", body: Data(LiveReloadScript.inject(into: page).utf8), head: head
            )
        }
    }

    private func fileResponse(_ url: URL, status: HTTPStatusCode, head: Bool) -> HTTPResponse {
        guard var data = FileManager.default.contents(atPath: url.path) else {
            return textResponse("404 Not Found\n", status: .notFound, head: head)
        }
        let type = ContentTypes.forPath(url.lastPathComponent)
        if type.hasPrefix("text/html") {
            data = Data(LiveReloadScript.inject(into: String(decoding: data, as: UTF8.self)).utf8)
        }
        return Self.response(status: status, type: type, body: data, head: head)
    }

    private func textResponse(_ text: String, status: HTTPStatusCode, head: Bool) -> HTTPResponse {
        Self.response(status: status, type: "text/plain; charset=utf-8", body: Data(text.utf8), head: head)
    }

    /// A response that is never cached; a HEAD request gets the headers
    /// (with the length the body would have) and no body.
    private static func response(status: HTTPStatusCode, type: String, body: Data, head: Bool) -> HTTPResponse {
        var headers: HTTPHeaders = [.contentType: type, .cacheControl: "no-store"]
        guard head else { return HTTPResponse(statusCode: status, headers: headers, body: body) }
        headers[.contentLength] = String(body.count)
        return HTTPResponse(statusCode: status, headers: headers, body: Data())
    }

    private func eventStream() -> HTTPResponse {
        let headers: HTTPHeaders = [.contentType: "text/event-stream", .cacheControl: "no-store"]
        return HTTPResponse(
            statusCode: .ok,
            headers: headers,
            body: HTTPBodySequence(from: EventStreamBody(events: hub.subscribe()), suggestedBufferSize: 4096)
        )
    }
}

public enum ServeError: Error, CustomStringConvertible {
    case cannotListen(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case .cannotListen(let host, let port, let reason):
            return "cannot listen on \(host):\(port) (\(reason)); is another server using the port? Try --port"
        }
    }
}
