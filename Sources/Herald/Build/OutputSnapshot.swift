import Foundation

/// Every file of the output folder with its size, modification time and
/// inode, as a build found it or left it: its digest tells the next build
/// whether the output is still as published (see `BuildCache`).
///
/// Kept whole, not just as a digest, so that a build which rewrote a few
/// files of an unchanged set updates those instead of walking the folder a
/// second time.
struct OutputSnapshot: Sendable {
    typealias File = (path: String, metadata: FileMetadata?)

    /// Paths relative to the output folder, sorted, with their metadata
    /// (`nil` when the file could not be read).
    let files: [File]
    /// 0 for a missing or empty output folder.
    let digest: UInt64

    init(files: [File] = []) {
        self.files = files
        var digest = Digest()
        for (path, metadata) in files {
            digest.add(path)
            digest.add(metadata)
        }
        self.digest = files.isEmpty ? 0 : digest.value
    }

    /// The output folder as it is now; empty when there is none.
    static func scan(_ output: URL) -> OutputSnapshot {
        let root = output.standardizedFileURL.path
        guard FileSystem.isFolder(root) else { return OutputSnapshot() }
        return OutputSnapshot(files: FileSystem.filesWithMetadata(below: root, followLinks: false).sorted { $0.path < $1.path })
    }

    /// The files at `paths` (sorted, relative to `output`), as they are now:
    /// the output folder after a build that published exactly those, found
    /// without listing its folders, on every core.
    static func files(_ paths: [String], in output: URL) -> OutputSnapshot {
        let root = output.standardizedFileURL.path
        // Like `scan`, which skips hidden entries (a site's `.well-known/`).
        let listed = paths.filter { !$0.hasPrefix(".") && !$0.contains("/.") }
        return OutputSnapshot(files: listed.parallelMap { ($0, FileMetadata(path: root + "/" + $0)) })
    }

    /// The snapshot after a build replaced `written` and changed nothing
    /// else, or `nil` when one of them is new: the folder must be scanned.
    func updating(_ written: [String], in output: URL) -> OutputSnapshot? {
        let root = output.standardizedFileURL.path
        var files = self.files
        for path in written {
            guard let position = Self.position(of: path, in: files) else { return nil }
            files[position].metadata = FileMetadata(path: root + "/" + path)
        }
        return OutputSnapshot(files: files)
    }

    private static func position(of path: String, in files: [File]) -> Int? {
        var low = 0
        var high = files.count
        while low < high {
            let middle = (low + high) / 2
            if files[middle].path < path { low = middle + 1 } else { high = middle }
        }
        return low < files.count && files[low].path == path ? low : nil
    }
}
