import Foundation
@testable import Herald

/// A site written into a fresh temporary folder, for tests that build.
struct TemporarySite {
    let root: URL

    init(files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("herald-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in files {
            try write(text, to: path)
        }
    }

    func write(_ text: String, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func writeBytes(_ bytes: [UInt8], to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: root.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    /// Builds with "now" fixed, so results never depend on the clock.
    func build(now: Date = Date(timeIntervalSince1970: 1_800_000_000), configure: (inout BuildOptions) -> Void = { _ in }) throws(DiagnosticError) -> BuildReport {
        var options = BuildOptions(source: root, now: now)
        configure(&options)
        return try Builder(options: options).build()
    }

    /// The diagnostics of a build that is expected to fail (empty if it succeeded).
    func buildErrors(configure: (inout BuildOptions) -> Void = { _ in }) -> [Diagnostic] {
        do {
            _ = try build(configure: configure)
            return []
        } catch {
            return error.diagnostics
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
