import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The socket address `herald serve` listens on, from `--host` and `--port`:
/// an IPv4 or IPv6 literal as written, or a name (`localhost`) looked up with
/// `getaddrinfo`, its IPv4 address preferred: `localhost` then means
/// 127.0.0.1 whichever order the system lists its addresses in.
enum ListenAddress {
    enum Failure: Error, CustomStringConvertible {
        case badPort(Int)
        case unknownHost(String, String)

        var description: String {
            switch self {
            case .badPort(let port): return "\(port) is not a port number (0 to 65535)"
            case .unknownHost(let host, let reason): return "cannot find the address of '\(host)': \(reason)"
            }
        }
    }

    static func resolve(host: String, port: Int) throws -> any SocketAddress {
        guard let port = UInt16(exactly: port) else { throw Failure.badPort(port) }
        if let address = try? sockaddr_in.inet(ip4: host, port: port) { return address }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if let address = try? sockaddr_in6.inet6(ip6: bare, port: port) { return address }
        return try lookUp(bare, port: port)
    }

    private static func lookUp(_ host: String, port: UInt16) throws -> any SocketAddress {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw Failure.unknownHost(host, String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(first) }
        var ip4: sockaddr_in?
        var ip6: sockaddr_in6?
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            if let raw = current.pointee.ai_addr {
                if current.pointee.ai_family == AF_INET, ip4 == nil {
                    ip4 = raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee }
                } else if current.pointee.ai_family == AF_INET6, ip6 == nil {
                    ip6 = raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee }
                }
            }
            entry = current.pointee.ai_next
        }
        if let ip4 { return ip4 }
        if let ip6 { return ip6 }
        throw Failure.unknownHost(host, "no IPv4 or IPv6 address")
    }
}
