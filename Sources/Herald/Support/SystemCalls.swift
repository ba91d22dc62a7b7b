#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The system calls Herald makes itself, in one place: the spellings that
/// differ between Linux and Darwin, and the retry of calls a signal
/// interrupted (`EINTR`), which every caller needs and each used to write
/// (or forget) on its own.
enum SystemCalls {
    /// Writes all of `buffer` to an open file; the `errno` of the failure,
    /// or `nil` when everything was written.
    static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        while offset < buffer.count {
            #if canImport(Glibc)
                let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            #else
                let count = Darwin.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            #endif
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            // A write of nothing to a regular file means no space is left.
            if count == 0 { return ENOSPC }
            offset += count
        }
        return nil
    }

    /// read(2), retried when a signal interrupted it: the bytes read (0 at
    /// the end of the file), or -1 with `errno` set.
    static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        while true {
            #if canImport(Glibc)
                let received = Glibc.read(descriptor, buffer, count)
            #else
                let received = Darwin.read(descriptor, buffer, count)
            #endif
            if received < 0 && errno == EINTR { continue }
            return received
        }
    }

    /// A file's modification time, as `stat` gives it.
    static func modificationTime(_ status: stat) -> (seconds: Int, nanoseconds: Int) {
        #if canImport(Darwin)
            return (Int(status.st_mtimespec.tv_sec), Int(status.st_mtimespec.tv_nsec))
        #else
            return (Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec))
        #endif
    }
}
