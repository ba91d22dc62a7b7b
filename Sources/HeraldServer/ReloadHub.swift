import Foundation

/// Fans build results out to every open page's event stream.
public final class ReloadHub: @unchecked Sendable {
    public enum Event: Sendable, Equatable {
        /// A build succeeded: pages reload.
        case reload
        /// A build failed: pages show the text in an overlay.
        case buildError(String)
    }

    // Safety: every stored property is guarded by `lock`.
    private let lock = NSLock()
    private var subscribers: [UUID: AsyncStream<Event>.Continuation] = [:]
    private var currentError: String?
    private var closed = false

    public init() {}

    /// A stream of events; it starts with the current build error, if any,
    /// so a page opened (or reloaded) while the build is broken shows it.
    public func subscribe() -> AsyncStream<Event> {
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let id = UUID()
        lock.lock()
        if closed {
            lock.unlock()
            continuation.finish()
            return stream
        }
        subscribers[id] = continuation
        let error = currentError
        lock.unlock()
        if let error { continuation.yield(.buildError(error)) }
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        return stream
    }

    public func publish(_ event: Event) {
        lock.lock()
        switch event {
        case .reload: currentError = nil
        case .buildError(let text): currentError = text
        }
        let targets = Array(subscribers.values)
        lock.unlock()
        for continuation in targets { continuation.yield(event) }
    }

    /// Ends every stream; later subscribers get an empty stream.
    public func close() {
        lock.lock()
        closed = true
        let targets = Array(subscribers.values)
        subscribers.removeAll()
        lock.unlock()
        for continuation in targets { continuation.finish() }
    }

    public var subscriberCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return subscribers.count
    }

    private func remove(_ id: UUID) {
        lock.lock()
        subscribers[id] = nil
        lock.unlock()
    }

    /// One server-sent event: `event: NAME` and the text as `data:` lines.
    static func serverSentEvent(_ event: Event) -> String {
        switch event {
        case .reload:
            return "event: reload\ndata: reload\n\n"
        case .buildError(let text):
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { "data: " + $0.replacingOccurrences(of: "\r", with: "") }
            return "event: build-error\n" + lines.joined(separator: "\n") + "\n\n"
        }
    }
}
