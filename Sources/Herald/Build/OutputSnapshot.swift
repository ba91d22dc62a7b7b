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
    /// 0 when there are no files.
    let digest: UInt64

    init(files: [File] = [], folders: [File] = []) {
        self.files = files
        self.folders = folders
        var digest = Digest()
        for (path, metadata) in files + folders {
            digest.add(path)
            digest.add(metadata)
        }
        self.digest = files.isEmpty ? 0 : digest.value
    }

    /// The files at `paths` (sorted, relative to `output`) and their folders,
    /// as they are now, found without listing any folder, on every core.
    static func files(_ paths: [String], in output: URL) -> OutputSnapshot {
        let root = output.standardizedFileURL.path
        // Hidden entries (a deploy checkout's `.git/`) are not the build's.
        let listed = paths.filter { !$0.hasPrefix(".") && !$0.contains("/.") }
        var folderPaths: Set<String> = listed.isEmpty ? [] : [""]
        for path in listed {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if !folderPaths.insert(String(folder)).inserted { break }
            }
        }
        return OutputSnapshot(
            files: listed.parallelMap { ($0, FileMetadata(path: root + "/" + $0)) },
            folders: folderPaths.sorted().parallelMap { ($0, FileMetadata(path: $0.isEmpty ? root : root + "/" + $0)) })
    }

    /// The snapshot after a build replaced `written` and changed nothing
    /// else, or `nil` when one of them is new (then `files` must be asked).
    func updating(_ written: [String], in output: URL) -> OutputSnapshot? {
        let root = output.standardizedFileURL.path
        var files = self.files
        var folders = self.folders
        for path in written {
            guard let position = Self.position(of: path, in: files) else { return nil }
            files[position].metadata = FileMetadata(path: root + "/" + path)
            // Moving the new file into place changed its folder's time.
            let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
            guard let folderPosition = Self.position(of: folder, in: folders) else { return nil }
            folders[folderPosition].metadata = FileMetadata(path: folder.isEmpty ? root : root + "/" + folder)
        }
        return OutputSnapshot(files: files, folders: folders)
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
