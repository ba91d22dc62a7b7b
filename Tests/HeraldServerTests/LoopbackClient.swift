import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal HTTP/1.1 client over a blocking loopback socket, so that tests
/// send request paths exactly as written (`/../x`, `%2e%2e`), which
/// URLSession would normalise. Every read has a timeout.
final class LoopbackConnection: @unchecked Sendable {
    // Safety: used by one test at a time, from one thread at a time.
    let fd: Int32
    private(set) var received: [UInt8] = []

    init(port: Int, timeout: TimeInterval = 30) throws {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw ClientError.socket }
        var time = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw ClientError.connect
        }
    }

    deinit { close(fd) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { throw ClientError.write }
            sent += count
        }
    }

    /// Reads once; false at end of stream or timeout.
    @discardableResult
    func readSome() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        let count = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }
        received += buffer[0..<count]
        return true
    }

    var text: String { String(decoding: received, as: UTF8.self) }

    /// Reads until the text received contains `needle` or `deadline` passes.
    func read(until needle: String, deadline: Date) -> Bool {
        while !text.contains(needle) {
            if Date() > deadline { return false }
            if !readSome() && Date() > deadline { return false }
        }
        return true
    }

    enum ClientError: Error { case socket, connect, write }
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, buffer, count)
    #else
    Darwin.read(fd, buffer, count)
    #endif
}

struct HTTPResult: Sendable {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// One `GET` with `Connection: close`, read to the end.
func get(_ path: String, port: Int) async throws -> HTTPResult {
    try await request("GET", path, port: port)
}

/// One request without a body, with `Connection: close`, read to the end.
func request(_ method: String, _ path: String, port: Int) async throws -> HTTPResult {
    try await offThePool {
        let connection = try LoopbackConnection(port: port)
        try connection.send("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        while connection.readSome() {}
        return parse(connection.received)
    }
}

/// Opens the live-reload event stream and reads until `needle` arrives (or
/// five seconds pass; with `required`, that throws).
func openEvents(port: Int, until needle: String, required: Bool = false) async throws -> LoopbackConnection {
    try await offThePool {
        let connection = try LoopbackConnection(port: port)
        try connection.send("GET /__herald/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        if !connection.read(until: needle, deadline: Date() + 5), required {
            throw StreamFailure.noStream(connection.text)
        }
        return connection
    }
}

enum StreamFailure: Error { case noStream(String) }

func parse(_ bytes: [UInt8]) -> HTTPResult {
    let separator: [UInt8] = [13, 10, 13, 10]
    var headEnd = bytes.count
    if bytes.count >= 4 {
        for index in 0...(bytes.count - 4) where Array(bytes[index..<(index + 4)]) == separator {
            headEnd = index
            break
        }
    }
    let head = String(decoding: bytes[0..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
    let status = head.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
    var headers: [String: String] = [:]
    for line in head.dropFirst() {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    var body = headEnd + 4 <= bytes.count ? Array(bytes[(headEnd + 4)...]) : []
    if headers["transfer-encoding"] == "chunked" { body = dechunk(body) }
    return HTTPResult(status: status, headers: headers, body: body)
}

func dechunk(_ bytes: [UInt8]) -> [UInt8] {
    var result: [UInt8] = []
    var index = 0
    while index < bytes.count {
        guard let lineEnd = (index..<(bytes.count - 1)).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 }) else { break }
        let size = Int(String(decoding: bytes[index..<lineEnd], as: UTF8.self).split(separator: ";").first ?? "", radix: 16) ?? 0
        if size == 0 { break }
        let start = lineEnd + 2
        result += bytes[start..<min(start + size, bytes.count)]
        index = start + size + 2
    }
    return result
}

/// Runs blocking socket work on a thread of its own, never on the
/// concurrency pool the server also needs.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try work() })
        }
    }
}
