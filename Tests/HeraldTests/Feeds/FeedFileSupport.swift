import Foundation
@testable import Herald

/// Writing fixture feeds to disk and running external readers on them.
enum FeedFiles {
    /// Writes every fixture feed in every format into a new temporary folder
    /// (or into `HERALD_FEED_DUMP_DIR` when set, to inspect or validate them by hand).
    static func writeAll() throws -> URL {
        let dir: URL
        if let dump = chosenFolder {
            dir = URL(fileURLWithPath: dump, isDirectory: true)
        } else {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("herald-feeds-\(UUID().uuidString)")
        }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let generator = FeedFixtures.generator()
        for (stem, request) in FeedFixtures.requests {
            for format in FeedFormat.allCases {
                let bytes = try generator.render(request, as: format)
                try Data(bytes).write(to: dir.appendingPathComponent(FeedFixtures.fileName(stem, format)))
            }
        }
        return dir
    }

    /// `HERALD_FEED_DUMP_DIR`, when set: feeds written there are kept.
    private static var chosenFolder: String? {
        guard let dump = ProcessInfo.processInfo.environment["HERALD_FEED_DUMP_DIR"], !dump.isEmpty else { return nil }
        return dump
    }

    /// Removes a folder from `writeAll`, unless it is the one the user chose.
    static func discard(_ dir: URL) {
        if chosenFolder == nil { try? FileManager.default.removeItem(at: dir) }
    }

    /// Full path of an executable on PATH, or nil.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs a program; returns its exit status and standard output (standard error appended).
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws
        -> (status: Int32, output: String)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// python3 that can `import feedparser` (installed by `make test`).
    static let hasFeedparser: Bool = {
        guard let python = which("python3") else { return false }
        return (try? run(python, ["-c", "import feedparser"]).status) == 0
    }()

    /// newsboat (Debian package `newsboat`, installed by `make test`).
    static let hasNewsboat: Bool = which("newsboat") != nil
}
