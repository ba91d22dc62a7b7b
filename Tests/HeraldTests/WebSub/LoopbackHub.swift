import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A WebSub hub for tests: an HTTP server on 127.0.0.1 (a port the system
/// picks) that records each request and answers it with `status`. It never
/// waits longer than `timeout` for anything, and its socket is closed when
/// it is stopped or released.
final class LoopbackHub: @unchecked Sendable {
    // Safety: `requests` is guarded by `lock`; the socket is written once
    // (in init) and closed once (in `stop`, under `lock`).
    struct Request: Sendable {
        var method: String
        var path: String
        var headers: [String: String]
        var body: String
    }

    let port: UInt16
    private var socket: Int32
    private let lock = NSLock()
    private var recorded: [Request] = []
    private let finished = DispatchSemaphore(value: 0)

    /// Starts serving at most `expected` requests, then stops by itself.
    init(status: Int = 204, expected: Int, timeout: TimeInterval = 10) throws {
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 8) == 0 else {
            close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        socket = descriptor
        let thread = Thread { [self] in
            serve(status: status, expected: expected, deadline: Date().addingTimeInterval(timeout))
            finished.signal()
        }
        thread.start()
    }

    deinit {
        stop()
    }

    var url: String { "http://127.0.0.1:\(port)/hub" }

    /// The requests so far.
    var requests: [Request] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    /// Waits (at most `seconds`) until the hub has served what it expected
    /// or given up; then its socket is closed.
    @discardableResult
    func waitUntilDone(seconds: TimeInterval = 15) -> Bool {
        let done = finished.wait(timeout: .now() + seconds) == .success
        stop()
        return done
    }

    func stop() {
        lock.lock()
        defer { lock.unlock() }
        if socket >= 0 {
            shutdown(socket, Int32(SHUT_RDWR))
            close(socket)
            socket = -1
        }
    }

    private var listening: Int32 {
        lock.lock()
        defer { lock.unlock() }
        return socket
    }

    private func serve(status: Int, expected: Int, deadline: Date) {
        var served = 0
        while served < expected, Date() < deadline {
            let listener = listening
            guard listener >= 0 else { return }
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 200)
            guard ready > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            if let request = read(client, deadline: deadline) {
                lock.lock()
                recorded.append(request)
                lock.unlock()
                let reason = status == 204 ? "No Content" : "Error"
                let response = "HTTP/1.1 \(status) \(reason)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                _ = response.withCString { send(client, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
                served += 1
            }
            close(client)
        }
    }

    /// One request: the head, then as many body bytes as Content-Length says.
    private func read(_ client: Int32, deadline: Date) -> Request? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var headEnd: Int?
        var bodyLength = 0
        while Date() < deadline {
            var poller = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 200) > 0 else { continue }
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            bytes += buffer[0..<count]
            if headEnd == nil, let end = Self.find([13, 10, 13, 10], in: bytes) {
                headEnd = end + 4
                let head = String(decoding: bytes[0..<end], as: UTF8.self)
                for line in head.split(separator: "\r\n").dropFirst() where line.lowercased().hasPrefix("content-length:") {
                    bodyLength = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            if let headEnd, bytes.count >= headEnd + bodyLength { break }
        }
        guard let headEnd else { return nil }
        let head = String(decoding: bytes[0..<(headEnd - 4)], as: UTF8.self).split(separator: "\r\n").map(String.init)
        let requestLine = head.first?.split(separator: " ").map(String.init) ?? []
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = String(decoding: bytes[headEnd..<min(bytes.count, headEnd + bodyLength)], as: UTF8.self)
        return Request(method: requestLine.first ?? "", path: requestLine.dropFirst().first ?? "", headers: headers, body: body)
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for start in 0...(bytes.count - needle.count) where Array(bytes[start..<(start + needle.count)]) == needle {
            return start
        }
        return nil
    }
}
