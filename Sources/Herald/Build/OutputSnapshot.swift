import Foundation

/// Every file a build published in the output folder, and every folder
/// holding them, with size, modification time and inode, as the build left
/// them: its digest tells the next build whether the output is still as
/// published (see `BuildCache`, which keeps the list of paths).
///
/// The next build checks by looking at those paths again, on every core,
/// instead of listing ten thousand folders: a file changed, replaced or
/// removed shows in its own metadata, and a file or folder added anywhere
/// changes the time of a folder that holds it.
struct OutputSnapshot: Sendable {
    typealias File = (path: String, metadata: FileMetadata?)

    /// Paths relative to the output folder, sorted, with their metadata
    /// (`nil` when the file could not be read).
    let files: [File]
    /// Every folder holding one of `files` ("" is the output folder), sorted.
    let folders: [File]
    /// The sum of the entries' digests, so that a build that rewrote a few
    /// files updates it without going over every entry again; 0 when there
    /// are no files.
    let digest: UInt64

    init(files: [File] = [], folders: [File] = []) {
        self.files = files
        self.folders = folders
        var digest: UInt64 = 0
        for list in [files, folders] {
            for entry in list { digest &+= Self.digest(of: entry) }
        }
        self.digest = files.isEmpty ? 0 : digest
    }

    private static func digest(of entry: File) -> UInt64 {
        var digest = Digest()
        digest.add(entry.path)
        digest.add(entry.metadata)
        return digest.value
    }

    /// The files at `paths` (sorted, relative to `output`) and their folders,
    /// as they are now, found without listing any folder, on every core.
    static func files(_ paths: [String], in output: URL) -> OutputSnapshot {
        // Hidden entries (a deploy checkout's `.git/`) are not the build's.
        let listed = paths.filter { path in
            path.utf8.first != UInt8(ascii: ".") && !zip(path.utf8, path.utf8.dropFirst()).contains { $0 == UInt8(ascii: "/") && $1 == UInt8(ascii: ".") }
        }
        let folderPaths = folders(of: listed)
        // Looked up relative to the output folder, opened once.
        let root = open(output.standardizedFileURL.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if root >= 0 { close(root) } }
        return OutputSnapshot(
            files: listed.parallelMap { ($0, root < 0 ? nil : FileMetadata(path: $0, in: root)) },
            folders: folderPaths.parallelMap { ($0, root < 0 ? nil : $0.isEmpty ? FileMetadata(descriptor: root) : FileMetadata(path: $0, in: root)) })
    }

    /// Every folder holding one of `paths` ("" is the output folder), sorted.
    private static func folders(of paths: [String]) -> [String] {
        var folders: [String] = paths.isEmpty ? [] : [""]
        var seen: Set<String> = [""]
        var last = Substring()
        for path in paths {
            guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { continue }
            // Sorted paths come in runs from one folder: one look each.
            let parent = path[..<slash]
            if parent == last { continue }
            last = parent
            var folder = parent
            while seen.insert(String(folder)).inserted {
                folders.append(String(folder))
                guard let up = folder.utf8.lastIndex(of: UInt8(ascii: "/")) else { break }
                folder = folder[..<up]
            }
        }
        return folders.sorted()
    }

    /// The digest of the snapshot after a build replaced `written` and
    /// changed nothing else, or `nil` when one of them is new (then `files`
    /// must be asked).
    func digest(afterRewriting written: [String], in output: URL) -> UInt64? {
        rewriting(written, in: output)?.digest
    }

    /// The snapshot after a build replaced `written` and changed nothing
    /// else, looking at those files and their folders only; `nil` when one
    /// of them is new.
    func rewriting(_ written: [String], in output: URL) -> OutputSnapshot? {
        let root = output.standardizedFileURL.path
        var files = self.files, folders = self.folders, digest = self.digest
        var folderPaths = Set<String>()
        for path in written {
            guard let position = files.sortedIndex(of: path, by: { $0.path }) else { return nil }
            let now = (path: path, metadata: FileMetadata(path: root + "/" + path))
            digest = digest &- Self.digest(of: files[position]) &+ Self.digest(of: now)
            files[position] = now
            // Moving the new file into place changed its folder's time.
            folderPaths.insert(path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "")
        }
        for folder in folderPaths {
            guard let position = folders.sortedIndex(of: folder, by: { $0.path }) else { return nil }
            let now = (path: folder, metadata: FileMetadata(path: folder.isEmpty ? root : root + "/" + folder))
            digest = digest &- Self.digest(of: folders[position]) &+ Self.digest(of: now)
            folders[position] = now
        }
        return OutputSnapshot(files: files, folders: folders, digest: digest)
    }

    private init(files: [File], folders: [File], digest: UInt64) {
        self.files = files
        self.folders = folders
        self.digest = digest
    }
}
