import Foundation
import Testing
@testable import HeraldServer

@Suite("Watching the sources", .serialized)
struct FileWatcherTests {
    final class Counter: @unchecked Sendable {
        // Safety: guarded by `lock`.
        private let lock = NSLock()
        private var value = 0
        func increment() { lock.lock(); value += 1; lock.unlock() }
        var count: Int { lock.lock(); defer { lock.unlock() }; return value }
    }

    func waitFor(_ condition: () -> Bool, seconds: Double = 5) async -> Bool {
        let deadline = Date() + seconds
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }

    @Test("sees new folders, files in them and site.yml, ignores editor swap files, survives a symlink cycle", arguments: [FileWatcher.Mode.automatic, .polling])
    func watches(mode: FileWatcher.Mode) async throws {
        let site = try ServedSite()
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: site.root.appendingPathComponent("Content/loop").path, withDestinationPath: site.root.appendingPathComponent("Content").path)
        let counter = Counter()
        let watcher = FileWatcher(root: site.root, mode: mode, pollInterval: 0.1) { counter.increment() }
        watcher.start()
        defer { watcher.stop() }
        try await Task.sleep(for: .milliseconds(150))

        // A write can show up as two changes (created, then filled), so each
        // step waits for at least one more change than before it.
        try site.write("---\ntitle: New\ndate: 2025-01-05\n---\n", to: "Content/articles/2025/new/story.md")
        #expect(await waitFor { counter.count >= 1 }, "a file in a new folder")
        try await Task.sleep(for: .milliseconds(300))
        var seen = counter.count
        try site.write("x", to: "Content/articles/2025/new/deeper.md")
        #expect(await waitFor { counter.count > seen }, "a file in a folder made after the start")
        try await Task.sleep(for: .milliseconds(300))
        seen = counter.count
        try site.write("title: Served\nurl: https://news.example.org/\n", to: "site.yml")
        #expect(await waitFor { counter.count > seen }, "site.yml")
        try await Task.sleep(for: .milliseconds(300))
        seen = counter.count
        try site.write("swap", to: "Content/articles/.story.md.swp")
        try await Task.sleep(for: .milliseconds(400))
        #expect(counter.count == seen, "an editor's swap file is not a change")
    }
    final class Bursts: @unchecked Sendable {
        // Safety: guarded by `lock`.
        private let lock = NSLock()
        private var list: [Set<String>?] = []
        func add(_ paths: Set<String>?) { lock.lock(); list.append(paths); lock.unlock() }
        var all: [Set<String>?] { lock.lock(); defer { lock.unlock() }; return list }
    }

    @Test("names the files a burst changed, and says when it cannot (a new folder)", arguments: [FileWatcher.Mode.automatic, .polling])
    func namesChangedFiles(mode: FileWatcher.Mode) async throws {
        let site = try ServedSite()
        defer { site.remove() }
        let bursts = Bursts()
        let watcher = FileWatcher(root: site.root, mode: mode, pollInterval: 0.1) { bursts.add($0) }
        watcher.start()
        defer { watcher.stop() }
        try await Task.sleep(for: .milliseconds(150))

        try site.write("---\ntitle: First\ndate: 2025-01-02\n---\nBody, edited.\n", to: "Content/articles/2025-01-02-first.md")
        try site.write("title: Served again\nurl: https://news.example.org/\n", to: "site.yml")
        #expect(await waitFor { bursts.all.contains { $0 == ["Content/articles/2025-01-02-first.md", "site.yml"] } }, "\(bursts.all)")
        try await Task.sleep(for: .milliseconds(300))
        let seen = bursts.all.count
        try site.write("---\ntitle: New\ndate: 2025-01-05\n---\n", to: "Content/articles/2025/new/story.md")
        // Polling names the new file; inotify sees a folder made, and says so.
        #expect(await waitFor { bursts.all.count > seen && bursts.all.dropFirst(seen).allSatisfy { $0 == nil || $0!.contains("Content/articles/2025/new/story.md") } }, "\(bursts.all)")
    }
}
