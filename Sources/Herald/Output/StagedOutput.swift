import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a build into a staging folder beside the output folder and swaps
/// it in only when the whole build succeeded (DESIGN §6, §9).
///
/// A file whose bytes equal the one already published is hard-linked from
/// the previous output instead of written, so it keeps its inode and mtime:
/// rsync and CDN uploads then send only what changed. Safe to call from many
/// threads at once.
public final class StagedOutput: @unchecked Sendable {
    // Safety: the only mutable state is `createdFolders`, guarded by `lock`.
    public let output: URL
    let staging: URL
    let previous: URL
    private let lock = NSLock()
    private var createdFolders: Set<String> = [""]
    private(set) var writtenCount = 0
    private(set) var unchangedCount = 0

    public init(output: URL) throws {
        self.output = output.standardizedFileURL
        let parent = self.output.deletingLastPathComponent()
        let name = self.output.lastPathComponent
        staging = parent.appendingPathComponent(".\(name).herald-staging")
        previous = Self.previousLocation(of: self.output)
        try Self.recover(output: self.output)
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// A build killed between the two renames of `commit` leaves the old
    /// output under its `previous` name: put it back before anything else.
    public static func recover(output: URL) throws {
        let manager = FileManager.default
        let previous = previousLocation(of: output)
        if manager.fileExists(atPath: previous.path) {
            if manager.fileExists(atPath: output.path) {
                try manager.removeItem(at: previous)
            } else {
                try manager.moveItem(at: previous, to: output)
            }
        }
    }

    static func previousLocation(of output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).herald-previous")
    }

    /// Writes `bytes` at `path` (relative to the output folder, no leading `/`).
    public func write(_ bytes: [UInt8], to path: String) throws {
        let target = staging.path + "/" + path
        try ensureFolder(of: path)
        let old = output.path + "/" + path
        if Self.file(atPath: old, equals: bytes), link(old, target) == 0 {
            count(unchanged: true)
            return
        }
        try Self.writeFile(bytes, to: target)
        count(unchanged: false)
    }

    /// Copies the file at `source` to `path`.
    public func copy(from source: URL, to path: String) throws {
        guard let data = FileManager.default.contents(atPath: source.path) else {
            throw DiagnosticError([.error("cannot read the file; check its permissions", at: source.path)])
        }
        try write([UInt8](data), to: path)
    }

    /// Replaces the output folder with the staging folder.
    public func commit() throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: output.path) {
            try manager.moveItem(at: output, to: previous)
            try manager.moveItem(at: staging, to: output)
            try manager.removeItem(at: previous)
        } else {
            try manager.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
            try manager.moveItem(at: staging, to: output)
        }
    }

    /// Throws the staging folder away, leaving the output as it was.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }

    var counts: (written: Int, unchanged: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (writtenCount, unchangedCount)
    }

    private func count(unchanged: Bool) {
        lock.lock()
        if unchanged { unchangedCount += 1 } else { writtenCount += 1 }
        lock.unlock()
    }

    private func ensureFolder(of path: String) throws {
        guard let slash = path.lastIndex(of: "/") else { return }
        let folder = String(path[..<slash])
        lock.lock()
        let known = createdFolders.contains(folder)
        lock.unlock()
        if known { return }
        try FileManager.default.createDirectory(atPath: staging.path + "/" + folder, withIntermediateDirectories: true)
        lock.lock()
        createdFolders.insert(folder)
        lock.unlock()
    }

    /// Whether the file at `path` exists and holds exactly `bytes`.
    static func file(atPath path: String, equals bytes: [UInt8]) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, Int(status.st_size) == bytes.count else {
            return false
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var existing = [UInt8](repeating: 0, count: bytes.count)
        var offset = 0
        while offset < bytes.count {
            let read = existing.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + offset, bytes.count - offset)
            }
            guard read > 0 else { return false }
            offset += read
        }
        return existing == bytes
    }

    static func writeFile(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw DiagnosticError([.error("cannot write \(path): \(String(cString: strerror(errno)))", at: path)])
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, bytes.count - offset)
            }
            guard written > 0 else {
                throw DiagnosticError([.error("cannot write \(path): \(String(cString: strerror(errno)))", at: path)])
            }
            offset += written
        }
    }
}
