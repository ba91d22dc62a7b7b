import Foundation
import Herald
import Hummingbird
import Logging
import NIOCore

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
        public var debounce: TimeInterval = 0.1

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
    private var serverTask: Task<Void, any Error>?
    private var watcher: FileWatcher?
    private let buildQueue = DispatchQueue(label: "herald.serve.build")

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
            ) { [weak self] in
                self?.rebuildAfterChange()
            }
            watcher.start()
            lock.withLock { self.watcher = watcher }
        }
        return port
    }

    /// Stops watching, ends every event stream and closes the server.
    public func stop() async {
        let (watcher, task) = lock.withLock { () -> (FileWatcher?, Task<Void, any Error>?) in
            defer { self.watcher = nil; self.serverTask = nil }
            return (self.watcher, self.serverTask)
        }
        watcher?.stop()
        hub.close()
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

    /// Runs on `buildQueue`, so builds never overlap.
    private func performBuild() -> Bool {
        var options = configuration.options
        options.now = BuildOptions.defaultNow()
        do {
            let report = try Builder(options: options).build()
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

    private func rebuildAfterChange() {
        onEvent(.rebuilding)
        build()
    }

    private func updateBasePath() {
        let options = configuration.options
        var path = "/"
        if let base = options.baseURL.flatMap(SiteURL.init) {
            path = base.basePath
        } else if let config = try? SiteConfigLoader.load(root: options.source) {
            path = config.url.basePath
        }
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
        var logger = Logger(label: "herald.serve")
        logger.logLevel = .critical
        let responder = CallbackResponder<BasicRequestContext> { [self] request, _ in
            await self.respond(to: request)
        }
        let (portStream, portContinuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                portContinuation.yield(.success(channel.localAddress?.port ?? 0))
                portContinuation.finish()
            },
            logger: logger
        )
        let task = Task {
            do {
                try await app.run()
            } catch {
                portContinuation.yield(.failure(error))
                portContinuation.finish()
                throw error
            }
            portContinuation.finish()
        }
        lock.withLock { serverTask = task }
        for await result in portStream {
            switch result {
            case .success(let port): return port
            case .failure(let error): throw ServeError.cannotListen(host: configuration.host, port: configuration.port, reason: "\(error)")
            }
        }
        throw ServeError.cannotListen(host: configuration.host, port: configuration.port, reason: "the server stopped")
    }

    func respond(to request: Request) async -> Response {
        let path = request.uri.path
        if path == LiveReloadScript.eventsPath {
            return eventStream()
        }
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"], body: .init())
        }
        let resolver = OutputResolver(output: configuration.options.output, basePath: currentBasePath)
        switch resolver.resolve(path) {
        case .file(let url):
            return fileResponse(url, status: .ok)
        case .redirect(let location):
            var target = location
            if let query = request.uri.query { target += "?" + query }
            return Response(status: .movedPermanently, headers: [.location: target, .cacheControl: "no-store"], body: .init())
        case .forbidden:
            return textResponse("403 Forbidden: this path is outside the site\n", status: .forbidden)
        case .notFound:
            if case .file(let url) = resolver.resolve(resolver.basePath + "404.html") {
                return fileResponse(url, status: .notFound)
            }
            // No 404.html (yet: the first build may have failed): a page
            // that still carries the live-reload script and its overlay.
            let page = "<!doctype html>\n<meta charset=utf-8>\n<title>Not found</title>\n<p>Nothing is published at \(HTMLEscaping.escape(path)).</p>\n"
            return Response(
                status: .notFound,
                headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: LiveReloadScript.inject(into: page)))
            )
        }
    }

    private func fileResponse(_ url: URL, status: HTTPResponse.Status) -> Response {
        guard var data = FileManager.default.contents(atPath: url.path) else {
            return textResponse("404 Not Found\n", status: .notFound)
        }
        let type = ContentTypes.forPath(url.lastPathComponent)
        if type.hasPrefix("text/html") {
            data = Data(LiveReloadScript.inject(into: String(decoding: data, as: UTF8.self)).utf8)
        }
        return Response(
            status: status,
            headers: [.contentType: type, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    private func textResponse(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }

    private func eventStream() -> Response {
        let events = hub.subscribe()
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 1000\n: connected\n\n"))
            for await event in events {
                try await writer.write(ByteBuffer(string: ReloadHub.serverSentEvent(event)))
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
            body: body
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
