import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps a request path to a file of the output folder, refusing every path
/// that would leave it: `..` segments (plain or percent-encoded), encoded
/// slashes, NUL bytes, and symlinks whose real path is outside the folder.
public struct OutputResolver: Sendable {
    public enum Resolution: Sendable, Equatable {
        /// A regular file inside the output.
        case file(URL)
        /// A folder asked for without its trailing slash, or the base path without it.
        case redirect(String)
        case notFound
        case forbidden
    }

    public let output: URL
    /// The site's base path (`/` or `/news/`), under which the output is served.
    public let basePath: String

    public init(output: URL, basePath: String = "/") {
        self.output = output.standardizedFileURL
        self.basePath = basePath
    }

    /// Resolves the raw (still percent-encoded) path of a request, without its query.
    public func resolve(_ rawPath: String) -> Resolution {
        var path = rawPath
        if let question = path.firstIndex(of: "?") { path = String(path[..<question]) }
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        guard path.hasPrefix("/") else { return .notFound }
        if path + "/" == basePath { return .redirect(basePath) }
        guard path.hasPrefix(basePath) else { return .notFound }
        let inside = path.dropFirst(basePath.count)

        var segments: [String] = []
        for raw in inside.split(separator: "/", omittingEmptySubsequences: true) {
            guard let segment = String(raw).removingPercentEncoding else { return .forbidden }
            if segment == "." || segment == ".." || segment.contains("/") || segment.contains("\\") || segment.contains("\0") {
                return .forbidden
            }
            segments.append(segment)
        }
        guard let rootReal = Self.realPath(output.path) else { return .notFound }
        var candidate = output
        for segment in segments { candidate.appendPathComponent(segment) }
        guard let real = Self.realPath(candidate.path) else { return .notFound }
        guard real == rootReal || real.hasPrefix(rootReal.hasSuffix("/") ? rootReal : rootReal + "/") else {
            return .forbidden
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory) else { return .notFound }
        if isDirectory.boolValue {
            guard path.hasSuffix("/") else { return .redirect(path + "/") }
            let index = URL(fileURLWithPath: real).appendingPathComponent("index.html").path
            guard let indexReal = Self.realPath(index), indexReal.hasPrefix(rootReal.hasSuffix("/") ? rootReal : rootReal + "/") else {
                return FileManager.default.fileExists(atPath: index) ? .forbidden : .notFound
            }
            return .file(URL(fileURLWithPath: indexReal))
        }
        return .file(URL(fileURLWithPath: real))
    }

    /// The path with every symlink resolved, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
