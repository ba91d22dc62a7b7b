import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few file-system calls the output stage makes thousands of times,
/// straight to POSIX: Foundation's equivalents allocate and check far more
/// than writing a site needs.
enum FileSystem {
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var operation: String
        var code: Int32
        var description: String { "cannot \(operation) \(path): \(String(cString: strerror(code)))" }
    }

    /// Whether the regular file at `path` holds exactly `bytes`.
    static func file(atPath path: String, equals bytes: [UInt8]) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, Int(status.st_size) == bytes.count else {
            return false
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var existing = [UInt8](repeating: 0, count: bytes.count)
        var offset = 0
        while offset < bytes.count {
            let count = existing.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + offset, bytes.count - offset)
            }
            guard count > 0 else { return false }
            offset += count
        }
        return existing.withUnsafeBytes { old in bytes.withUnsafeBytes { new in memcmp(old.baseAddress!, new.baseAddress!, new.count) == 0 } }
    }

    static func writeFile(_ bytes: [UInt8], to path: String) throws(Failure) {
        try writeFile(bytes, to: path, in: AT_FDCWD, fullPath: path)
    }

    /// Writes `bytes` to the file at `path` relative to the open folder
    /// `folder` (`fullPath` names it in errors). Relative to an open folder,
    /// the kernel resolves only the last few components of each path.
    static func writeFile(_ bytes: [UInt8], to path: String, in folder: Int32, fullPath: @autoclosure () -> String) throws(Failure) {
        let descriptor = openat(folder, path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: fullPath(), operation: "create", code: errno) }
        defer { close(descriptor) }
        do {
            try write(bytes, to: descriptor)
        } catch {
            throw Failure(path: fullPath(), operation: "write", code: error.code)
        }
    }

    /// Creates the folder `path`, relative to the open folder `folder`, and
    /// its missing parents.
    static func makeFolder(_ path: String, in folder: Int32, fullPath: (String) -> String) throws(Failure) {
        if mkdirat(folder, path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT, let slash = path.lastIndex(of: "/"), slash > path.startIndex else {
            throw Failure(path: fullPath(path), operation: "create the folder", code: errno)
        }
        try makeFolder(String(path[..<slash]), in: folder, fullPath: fullPath)
        if mkdirat(folder, path, 0o755) != 0 && errno != EEXIST {
            throw Failure(path: fullPath(path), operation: "create the folder", code: errno)
        }
    }

    /// Writes all of `bytes` to an open file.
    static func write(_ bytes: borrowing [UInt8], to descriptor: Int32) throws(Failure) {
        if let code = bytes.withUnsafeBytes({ SystemCalls.writeAll(descriptor, $0) }) {
            throw Failure(path: "", operation: "write", code: code)
        }
    }

    /// The bytes of a file, read straight into the array with open, fstat and
    /// read: through Foundation's `Data` they were copied once more, and every
    /// content file and cache goes through here.
    static func readFile(_ path: String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(path: path, operation: "read", code: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Failure(path: path, operation: "read", code: errno) }
        guard (status.st_mode & S_IFMT) != S_IFDIR else { throw Failure(path: path, operation: "read", code: EISDIR) }
        // Read into uninitialized memory (one byte more than the size, to
        // meet the end of the file in the same read): zeroing it first was a
        // visible cost for the build's multi-megabyte caches.
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: max(Int(status.st_size), 0) + 1) { buffer, initialized in
            while initialized < buffer.count {
                let received = SystemCalls.read(descriptor, into: buffer.baseAddress! + initialized, count: buffer.count - initialized)
                if received < 0 {
                    failure = errno
                    return
                }
                if received == 0 { return }
                initialized += received
            }
        }
        if failure != 0 { throw Failure(path: path, operation: "read", code: failure) }
        var count = bytes.count
        // A buffer filled to the last byte (one more than the size): the
        // file grew since fstat; read on. (Reading to the size only ends
        // here: appending a buffer's worth of zeros to every file read,
        // as this did, doubled the cost of reading the build's caches.)
        var filled = count == max(Int(status.st_size), 0) + 1
        while filled {
            filled = false
            bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 4096)))
            while true {
                let received = bytes.withUnsafeMutableBytes { buffer -> Int in
                    SystemCalls.read(descriptor, into: buffer.baseAddress! + count, count: buffer.count - count)
                }
                if received < 0 { throw Failure(path: path, operation: "read", code: errno) }
                if received == 0 { break }
                count += received
                if count == bytes.count {
                    filled = true
                    break
                }
            }
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// Creates a folder and its missing parents.
    static func makeFolder(_ path: String) throws(Failure) {
        try makeFolder(path, in: AT_FDCWD) { $0 }
    }

    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    static func move(_ source: String, to target: String) throws(Failure) {
        if rename(source, target) != 0 { throw Failure(path: target, operation: "move \(source) to", code: errno) }
    }

    /// Deletes a file or a whole folder; a missing path is fine.
    static func remove(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            try? FileManager.default.removeItem(atPath: path)
        } else {
            unlink(path)
        }
    }

    /// Every entry below `root`, as paths relative to it, folders listed after
    /// their contents; entries whose name starts with a dot are skipped with
    /// everything below them. A symbolic link to a folder is entered only
    /// with `followLinks` (sources may be linked in; the output's links are
    /// never followed, so nothing outside it can be deleted).
    static func walk(_ root: String, followLinks: Bool = true) -> (files: [String], folders: [String]) {
        let found = entries(below: root, followLinks: followLinks, withMetadata: false)
        return (found.files.map(\.path), found.folders)
    }

    /// The files `walk` lists, each with its size, time and inode (`nil`
    /// when it cannot be read), taken relative to its open folder: resolving
    /// every full path again was a good part of the time of listing a site.
    static func filesWithMetadata(below root: String, followLinks: Bool = true) -> [(path: String, metadata: FileMetadata?)] {
        entries(below: root, followLinks: followLinks, withMetadata: true).files
    }

    private static func entries(below root: String, followLinks: Bool, withMetadata: Bool) -> Listing {
        let top = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard top >= 0 else { return Listing() }
        return visit(top, "", followLinks: followLinks, withMetadata: withMetadata)
    }

    /// What `visit` finds below one folder.
    private struct Listing: Sendable {
        var files: [(path: String, metadata: FileMetadata?)] = []
        var folders: [String] = []
    }

    /// Lists the open folder `descriptor` (at `relative`), taking ownership
    /// of it: the `DIR` made of it closes it.
    private static func visit(_ descriptor: Int32, _ relative: String, followLinks: Bool, withMetadata: Bool) -> Listing {
        guard let directory = fdopendir(descriptor) else {
            close(descriptor)
            return Listing()
        }
        defer { closedir(directory) }
        let folder = dirfd(directory)
        var listing = Listing()
        var subfolders: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }
            var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) || (followLinks && entry.pointee.d_type == UInt8(DT_LNK)) {
                var status = stat()
                let found = fstatat(folder, name, &status, followLinks ? 0 : AT_SYMLINK_NOFOLLOW)
                isFolder = found == 0 && (status.st_mode & S_IFMT) == S_IFDIR
            }
            let path = relative.isEmpty ? name : relative + "/" + name
            if isFolder {
                subfolders.append(name)
            } else if withMetadata {
                var status = stat()
                listing.files.append((path, fstatat(folder, name, &status, 0) == 0 ? FileMetadata(status) : nil))
            } else {
                listing.files.append((path, nil))
            }
        }
        let visitFolder: @Sendable (String) -> Listing = { name in
            let path = relative.isEmpty ? name : relative + "/" + name
            let child = openat(folder, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (followLinks ? 0 : O_NOFOLLOW))
            var found = child >= 0 ? visit(child, path, followLinks: followLinks, withMetadata: withMetadata) : Listing()
            found.folders.append(path)
            return found
        }
        // A folder of many folders (an output's one folder per article) is
        // listed on every core; `folder` stays open until all are done.
        for found in subfolders.count >= 32 ? subfolders.parallelMap(visitFolder) : subfolders.map(visitFolder) {
            listing.files += found.files
            listing.folders += found.folders
        }
        return listing
    }
}
