import Foundation

/// Publishes a build into the output folder so that readers and deploy tools
/// only ever see complete files, and a failed build changes nothing.
///
/// While the site is produced, files whose bytes differ from the published
/// ones are written into a staging folder beside the output; identical files
/// are left alone, keeping their inode and mtime so that rsync and CDN uploads
/// send only what changed. Only when every file was produced without an error
/// does `commit` move the new files into place (each move an atomic rename)
/// and delete the files the site no longer has.
///
/// Before the first change, `commit` writes a journal of every move and
/// deletion. A build killed while committing leaves that journal behind, and
/// the next build finishes the commit before anything else, so the output
/// always ends up as one complete build: the new one, which had been fully
/// produced and checked before the journal was written.
///
/// Entries of the output whose name starts with a dot (`.git` of a deploy
/// checkout, `.gitkeep`, `.well-known` unless the site has one) are never
/// deleted. Safe to call `write` from many threads at once.
final class Publisher: @unchecked Sendable {
    // Safety: mutable state (`createdFolders`, `pending`, counters) is only
    // touched while holding `lock`.
    let output: String
    let staging: String
    let journal: String
    private let lock = NSLock()
    private var createdFolders: Set<String> = [""]
    private var pending: [String] = []
    private var unchanged = 0
    /// Whether there was a previous output to compare with: a first build
    /// into a new folder skips one failing `open` per file.
    private let outputExisted: Bool
    /// The staging folder, open: files and folders are made relative to it.
    private let stagingFolder: Int32

    init(output: URL) throws(FileSystem.Failure) {
        let output = output.standardizedFileURL
        self.output = output.path
        let parent = output.deletingLastPathComponent().path
        staging = parent + "/.\(output.lastPathComponent).herald-staging"
        journal = parent + "/.\(output.lastPathComponent).herald-journal"
        try Self.recover(output: output)
        FileSystem.remove(staging)
        try FileSystem.makeFolder(staging)
        stagingFolder = open(staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard stagingFolder >= 0 else { throw FileSystem.Failure(path: staging, operation: "open the folder", code: errno) }
        outputExisted = FileSystem.exists(self.output)
    }

    deinit {
        close(stagingFolder)
    }

    /// Finishes a commit that a killed build left half done, and removes a
    /// staging folder left by a build that never reached its commit.
    static func recover(output: URL) throws(FileSystem.Failure) {
        let output = output.standardizedFileURL
        let parent = output.deletingLastPathComponent().path
        let staging = parent + "/.\(output.lastPathComponent).herald-staging"
        let journal = parent + "/.\(output.lastPathComponent).herald-journal"
        if FileSystem.exists(journal), let text = try? String(contentsOfFile: journal, encoding: .utf8) {
            let plan = Journal(text: text)
            try apply(plan, output: output.path, staging: staging)
        }
        FileSystem.remove(journal)
        FileSystem.remove(journal + ".new")
        FileSystem.remove(staging)
    }

    /// Publishes `bytes` at `path` (relative to the output folder, no leading `/`).
    func write(_ bytes: [UInt8], to path: String) throws(FileSystem.Failure) {
        if outputExisted, FileSystem.file(atPath: output + "/" + path, equals: bytes) {
            lock.lock()
            unchanged += 1
            lock.unlock()
            return
        }
        try ensureStagingFolder(of: path)
        try FileSystem.writeFile(bytes, to: path, in: stagingFolder, fullPath: self.staging + "/" + path)
        lock.lock()
        pending.append(path)
        lock.unlock()
    }

    /// Publishes a copy of the file at `source`.
    func copy(from source: String, to path: String) throws(FileSystem.Failure) {
        try write(FileSystem.readFile(source), to: path)
    }

    /// Moves every changed file into place and, unless `keep` is `nil`,
    /// deletes every file of the output that is not in `keep`; returns how
    /// many files changed and how many were left as they were.
    func commit(keep: Set<String>?) throws(FileSystem.Failure) -> (written: Int, unchanged: Int) {
        var plan = Journal()
        plan.moves = topmostMoves(pending.sorted())
        if let keep, FileSystem.exists(output) {
            let existing = FileSystem.walk(output, followLinks: false)
            plan.deletions = existing.files.filter { !keep.contains($0) }
            // Folders that hold nothing the site keeps, deepest first.
            var keptFolders = Set<Substring>()
            for path in keep {
                var folder = Substring(path)
                while let slash = folder.lastIndex(of: "/") {
                    folder = folder[..<slash]
                    if !keptFolders.insert(folder).inserted { break }
                }
            }
            plan.deletions += existing.folders.filter { !keptFolders.contains(Substring($0)) }
        }
        // Written whole, then renamed into place, so that a journal is never
        // read half written. Not synced to disk: it guards against a killed
        // build, whose writes the kernel still completes; Foundation's
        // atomic write synced it, which cost up to tens of milliseconds.
        try FileSystem.writeFile(Array(plan.text.utf8), to: journal + ".new")
        try FileSystem.move(journal + ".new", to: journal)
        try FileSystem.makeFolder(output)
        try Self.apply(plan, output: output, staging: staging)
        FileSystem.remove(journal)
        FileSystem.remove(staging)
        return (pending.count, unchanged)
    }

    /// The files written (or to be written by `commit`), relative to the output folder.
    var writtenPaths: [String] {
        lock.lock()
        defer { lock.unlock() }
        return pending
    }

    /// Throws the staging folder away, leaving the output as it was.
    func discard() {
        FileSystem.remove(staging)
    }

    /// Pending files grouped by their topmost folder that the output does not
    /// have yet: such a folder is moved in one rename with all it holds.
    private func topmostMoves(_ paths: [String]) -> [String] {
        var moves: [String] = []
        var movedFolder: String?
        var existingFolders: [Substring: Bool] = [:]
        for path in paths {
            if let movedFolder, path.hasPrefix(movedFolder + "/") { continue }
            var missing: Substring?
            var prefixEnd = path.startIndex
            while let slash = path[prefixEnd...].firstIndex(of: "/") {
                let folder = path[..<slash]
                let exists = existingFolders[folder] ?? FileSystem.isFolder(output + "/" + folder)
                existingFolders[folder] = exists
                if !exists {
                    missing = folder
                    break
                }
                prefixEnd = path.index(after: slash)
            }
            if let missing {
                movedFolder = String(missing)
                moves.append(String(missing))
            } else {
                movedFolder = nil
                moves.append(path)
            }
        }
        return moves
    }

    private static func apply(_ plan: Journal, output: String, staging: String) throws(FileSystem.Failure) {
        for path in plan.moves where FileSystem.exists(staging + "/" + path) {
            if let slash = path.lastIndex(of: "/") {
                try FileSystem.makeFolder(output + "/" + path[..<slash])
            }
            let target = output + "/" + path
            if FileSystem.isFolder(target) && !FileSystem.isFolder(staging + "/" + path) {
                FileSystem.remove(target)
            }
            try FileSystem.move(staging + "/" + path, to: target)
        }
        for path in plan.deletions {
            let full = output + "/" + path
            if FileSystem.isFolder(full) {
                rmdir(full)
            } else {
                unlink(full)
            }
        }
    }

    private func ensureStagingFolder(of path: String) throws(FileSystem.Failure) {
        guard let slash = path.lastIndex(of: "/") else { return }
        let folder = String(path[..<slash])
        lock.lock()
        let known = createdFolders.contains(folder)
        lock.unlock()
        if known { return }
        let staging = self.staging
        try FileSystem.makeFolder(folder, in: stagingFolder) { staging + "/" + $0 }
        lock.lock()
        createdFolders.insert(folder)
        lock.unlock()
    }
}

/// The moves and deletions of a commit, one per line (`M path` / `D path`).
struct Journal {
    var moves: [String] = []
    var deletions: [String] = []

    init() {}

    init(text: String) {
        for line in text.split(separator: "\n") {
            if line.hasPrefix("M ") { moves.append(String(line.dropFirst(2))) }
            if line.hasPrefix("D ") { deletions.append(String(line.dropFirst(2))) }
        }
    }

    var text: String {
        moves.map { "M \($0)\n" }.joined() + deletions.map { "D \($0)\n" }.joined()
    }
}
