import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Watches a site's sources (`Content/`, `Templates/`, `site.yml`) and calls
/// `onChange` after each burst of changes has been quiet for `debounce`,
/// with the paths (relative to `root`) of the files that changed in it, or
/// `nil` when it cannot name them all (a folder made, moved or removed, or
/// events lost): `serve` then looks at every file.
///
/// On Linux it uses inotify, with a watch on every folder (added as folders
/// appear); elsewhere, or when inotify is unavailable, it compares the
/// modification times and sizes of the files every `pollInterval`.
public final class FileWatcher: @unchecked Sendable {
    public enum Mode: Sendable, Equatable {
        case automatic
        case polling
    }

    public let root: URL
    public let folders: [String]
    public let files: [String]
    public let debounce: TimeInterval
    public let pollInterval: TimeInterval
    private let mode: Mode
    private let onChange: @Sendable (Set<String>?) -> Void

    // Safety: the mutable state below is guarded by `lock`.
    private let lock = NSLock()
    private var stopped = false
    private var generation = 0
    /// The files changed in the current burst; `nil` once one cannot be named.
    private var pending: Set<String>? = []
    private var thread: Thread?
    private let done = DispatchSemaphore(value: 0)
    private let queue = DispatchQueue(label: "herald.watcher.debounce")

    public convenience init(
        root: URL, folders: [String] = ["Content", "Templates"], files: [String] = ["site.yml"],
        mode: Mode = .automatic, debounce: TimeInterval = 0.1, pollInterval: TimeInterval = 0.5,
        onChange: @escaping @Sendable () -> Void
    ) {
        self.init(root: root, folders: folders, files: files, mode: mode, debounce: debounce, pollInterval: pollInterval) { (_: Set<String>?) in
            onChange()
        }
    }

    /// The same, telling `onChange` which files changed.
    public init(
        root: URL, folders: [String] = ["Content", "Templates"], files: [String] = ["site.yml"],
        mode: Mode = .automatic, debounce: TimeInterval = 0.1, pollInterval: TimeInterval = 0.5,
        onChanges onChange: @escaping @Sendable (Set<String>?) -> Void
    ) {
        self.root = root.standardizedFileURL
        self.folders = folders
        self.files = files
        self.mode = mode
        self.debounce = debounce
        self.pollInterval = pollInterval
        self.onChange = onChange
    }

    /// "inotify" or "polling", once started.
    public private(set) var method = "none"

    public func start() {
        #if os(Linux)
        if mode == .automatic, let inotify = Inotify(root: root, folders: folders) {
            method = "inotify"
            let thread = Thread { [self] in
                self.runInotify(inotify)
                self.done.signal()
            }
            thread.name = "herald-watch"
            self.thread = thread
            thread.start()
            return
        }
        #endif
        method = "polling"
        // The first snapshot is taken now, so a change right after start() is seen.
        let first = snapshot()
        let thread = Thread { [self] in
            self.runPolling(from: first)
            self.done.signal()
        }
        thread.name = "herald-watch"
        self.thread = thread
        thread.start()
    }

    /// Stops watching and waits (briefly) for the watching thread to end.
    public func stop() {
        lock.lock()
        let wasRunning = !stopped && thread != nil
        stopped = true
        generation += 1
        lock.unlock()
        if wasRunning { _ = done.wait(timeout: .now() + 2) }
        // The thread's closure holds `self`: let go of the thread so that
        // neither keeps the other alive (LeakSanitizer found the cycle).
        lock.lock()
        thread = nil
        lock.unlock()
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    /// Adds `paths` (`nil`: files it cannot name) to the burst and restarts
    /// the quiet period; `onChange` runs once it ends.
    private func changed(_ paths: Set<String>?) {
        lock.lock()
        generation += 1
        let mine = generation
        if let paths, pending != nil { pending!.formUnion(paths) } else { pending = nil }
        lock.unlock()
        queue.asyncAfter(deadline: .now() + debounce) { [self] in
            lock.lock()
            let current = generation == mine && !stopped
            let burst = pending
            if current { pending = [] }
            lock.unlock()
            if current { onChange(burst) }
        }
    }

    /// Whether a changed file's name matters (editor swap and backup files do not).
    static func isRelevant(_ name: String) -> Bool {
        !(name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name == "4913")
    }

    // MARK: Polling

    private func runPolling(from first: [String: Stamp]) {
        var last = first
        while !isStopped {
            Thread.sleep(forTimeInterval: pollInterval)
            if isStopped { break }
            let now = snapshot()
            if now != last {
                let paths = Set(now.keys.filter { now[$0] != last[$0] } + last.keys.filter { now[$0] == nil })
                last = now
                changed(paths)
            }
        }
    }

    struct Stamp: Equatable {
        var modified: Double
        var size: Int
    }

    func snapshot() -> [String: Stamp] {
        var result: [String: Stamp] = [:]
        let manager = FileManager.default
        func add(_ url: URL, key: String) {
            guard let attributes = try? manager.attributesOfItem(atPath: url.path) else { return }
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            result[key] = Stamp(modified: modified, size: size)
        }
        for file in files { add(root.appendingPathComponent(file), key: file) }
        for folder in folders {
            let base = root.appendingPathComponent(folder)
            // Files only: a folder's time changes with any file made in it, swap files too.
            guard let enumerator = manager.enumerator(atPath: base.path) else { continue }
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                guard Self.isRelevant(name), enumerator.fileAttributes?[.type] as? FileAttributeType != .typeDirectory else { continue }
                add(base.appendingPathComponent(relative), key: folder + "/" + relative)
            }
        }
        return result
    }

    // MARK: inotify

    #if os(Linux)
    private func runInotify(_ inotify: Inotify) {
        defer { inotify.close() }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !isStopped {
            var descriptor = pollfd(fd: inotify.fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 200)
            if ready <= 0 { continue }
            let count = buffer.withUnsafeMutableBytes { read(inotify.fd, $0.baseAddress, $0.count) }
            if count <= 0 { continue }
            let events = inotify.handle(buffer[0..<count])
            if events.relevant { changed(events.paths) }
        }
    }
    #endif
}

#if os(Linux)
/// An inotify instance watching the site root (for `site.yml` and for the
/// watched folders appearing) and every folder below the watched folders.
final class Inotify: @unchecked Sendable {
    // Safety: after init, used only by the watching thread.
    let fd: Int32
    let root: URL
    let folders: Set<String>
    private var folderPaths: [Int32: String] = [:]
    private var rootWatch: Int32 = -1

    static let mask: UInt32 = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_ATTRIB)

    init?(root: URL, folders: [String]) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        self.fd = fd
        self.root = root
        self.folders = Set(folders)
        rootWatch = inotify_add_watch(fd, root.path, Self.mask)
        guard rootWatch >= 0 else {
            Glibc.close(fd)
            return nil
        }
        for folder in folders {
            addTree(root.appendingPathComponent(folder).path)
        }
    }

    func close() {
        Glibc.close(fd)
    }

    /// Real paths of the folders watched, so a symlink cycle cannot recurse forever.
    private var visited: Set<String> = []
    private var realPaths: [Int32: String] = [:]

    /// Watches a folder and every folder below it.
    func addTree(_ path: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return }
        guard let real = OutputResolver.realPath(path), visited.insert(real).inserted else { return }
        let wd = inotify_add_watch(fd, path, Self.mask)
        if wd >= 0 {
            folderPaths[wd] = path
            realPaths[wd] = real
        } else {
            visited.remove(real)
        }
        guard let children = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for child in children where !child.hasPrefix(".") {
            addTree(path + "/" + child)
        }
    }

    /// Reads a batch of events: whether one of them concerns the site, and
    /// the files they concern (relative to `root`), `nil` when one of them
    /// is not a file's.
    func handle(_ bytes: ArraySlice<UInt8>) -> (relevant: Bool, paths: Set<String>?) {
        var relevant = false
        var paths: Set<String>? = []
        let prefix = root.path + "/"
        var offset = bytes.startIndex
        let header = 16
        while offset + header <= bytes.endIndex {
            func word(_ at: Int) -> UInt32 {
                UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
            }
            let wd = Int32(bitPattern: word(offset))
            let mask = word(offset + 4)
            let length = Int(word(offset + 12))
            let nameBytes = bytes[(offset + header)..<min(offset + header + length, bytes.endIndex)].prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            offset += header + length

            if mask & UInt32(IN_Q_OVERFLOW) != 0 { relevant = true; paths = nil; continue }
            if wd == rootWatch {
                if folders.contains(name) {
                    if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { addTree(root.appendingPathComponent(name).path) }
                    relevant = true
                    paths = nil
                } else if name == "site.yml" {
                    relevant = true
                    paths?.insert(name)
                }
                continue
            }
            guard let folder = folderPaths[wd] else { continue }
            if mask & UInt32(IN_IGNORED) != 0 {
                // The folder is gone: forget it, so one made again at that path is watched anew.
                folderPaths[wd] = nil
                if let real = realPaths.removeValue(forKey: wd) { visited.remove(real) }
                continue
            }
            if mask & UInt32(IN_ISDIR) != 0 {
                if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, !name.hasPrefix(".") { addTree(folder + "/" + name) }
                if !name.hasPrefix(".") {
                    relevant = true
                    paths = nil
                }
                continue
            }
            if name.isEmpty {
                // The watched folder itself (removed or moved).
                relevant = true
                paths = nil
            } else if FileWatcher.isRelevant(name) {
                relevant = true
                let full = folder + "/" + name
                if full.hasPrefix(prefix) { paths?.insert(String(full.dropFirst(prefix.count))) } else { paths = nil }
            }
        }
        return (relevant, paths)
    }
}
#endif
