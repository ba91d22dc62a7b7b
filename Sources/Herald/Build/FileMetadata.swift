import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Size, modification time and inode of a file: what tells that it changed.
struct FileMetadata: Equatable, Sendable {
    var size: Int
    var seconds: Int
    var nanoseconds: Int
    var inode: Int

    init(size: Int, seconds: Int, nanoseconds: Int, inode: Int) {
        self.size = size
        self.seconds = seconds
        self.nanoseconds = nanoseconds
        self.inode = inode
    }

    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.init(status)
    }

    /// The file at `path` relative to the open folder `folder`: the kernel
    /// then walks only the relative part of the path.
    init?(path: String, in folder: Int32) {
        var status = stat()
        guard fstatat(folder, path, &status, 0) == 0 else { return nil }
        self.init(status)
    }

    /// The open file or folder `descriptor`.
    init?(descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        self.init(status)
    }

    /// The modification time, in seconds since 1970.
    var modified: Double {
        Double(seconds) + Double(nanoseconds) / 1e9
    }

    init(_ status: stat) {
        let modified = SystemCalls.modificationTime(status)
        self.init(size: Int(status.st_size), seconds: modified.seconds, nanoseconds: modified.nanoseconds, inode: Int(status.st_ino))
    }
}
