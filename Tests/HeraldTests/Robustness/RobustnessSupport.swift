import Foundation
import Testing
@testable import Herald

/// Helpers of the robustness suites: snapshots of an output tree, and the
/// real `herald` binary run as a child process.
enum Robustness {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `herald` executable that `swift test` built beside the test bundle
    /// (so that `--scratch-path .build-asan` finds its own), else `.build/debug/herald`.
    static var heraldBinary: URL? {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL {
            var folder = executable.deletingLastPathComponent()
            // On Linux the tests run from `.build/debug/HeraldPackageTests.xctest`;
            // inside a bundle, climb out of it.
            while folder.path.contains(".xctest") { folder = folder.deletingLastPathComponent() }
            candidates.append(folder.appendingPathComponent("herald"))
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/herald"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct RunResult {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `herald` with `arguments` and waits for it.
    static func runHerald(_ arguments: [String], environment: [String: String] = [:]) throws -> RunResult {
        let binary = try #require(heraldBinary, "no herald binary: run `swift build` first")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a chatty child never blocks on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return RunResult(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Every entry below `folder` (files with their bytes, folders and links
    /// marked), relative to it: equal snapshots mean an identical tree.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.path
        guard let names = try? FileManager.default.subpathsOfDirectory(atPath: base) else { return [:] }
        for name in names {
            let path = base + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: result[name + "/"] = Data()
            case S_IFLNK: result[name + "@"] = Data(((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "").utf8)
            default: result[name] = FileManager.default.contents(atPath: path) ?? Data("<unreadable>".utf8)
            }
        }
        return result
    }

    /// Names in the site root that a build may leave beside `Public/` (staging, journal).
    /// Staging folders or journals left beside the output (the build
    /// cache files that a successful build keeps there do not count).
    static func leftovers(in root: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter {
            $0.hasPrefix(".Public") && !$0.hasSuffix(".herald-cache") && !$0.hasSuffix(".herald-content")
        }
    }

    /// A temporary site with the repository's real default theme (`Templates/`).
    static func siteWithDefaultTheme(_ files: [String: String], yaml: String = "title: Test News\nurl: https://news.example.org/\ntimezone: UTC\n") throws -> TemporarySite {
        var all = files
        all["site.yml"] = yaml
        let site = try TemporarySite(files: all)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Templates"), to: site.root.appendingPathComponent("Templates"))
        return site
    }

    /// The diagnostics of an error thrown by a build or a template (none for other errors).
    static func diagnostics(_ error: any Error) -> [Diagnostic] {
        (error as? DiagnosticError)?.diagnostics ?? [Diagnostic.error("\(error)", at: "?")]
    }

    /// Runs `work` on a thread with a small stack (512 KiB, that of the build's
    /// worker threads on some systems), so that deep recursion shows up as a
    /// crash in the tests rather than only on users' machines.
    static func onSmallStack<T: Sendable>(_ work: @escaping @Sendable () -> T) -> T {
        nonisolated(unsafe) var result: T?
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            result = work()
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        return result!
    }
}
