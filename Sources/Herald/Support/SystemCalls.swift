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
    /// Writes all of `buffer` to an open file, at its file position or, with
    /// `offset`, at that offset (pwrite(2), which leaves the position alone);
    /// the `errno` of the failure, or `nil` when everything was written.
    static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer, at offset: Int? = nil) -> Int32? {
        var done = 0
        while done < buffer.count {
            let start = buffer.baseAddress! + done, remaining = buffer.count - done
            let count: Int
            if let offset {
                count = pwrite(descriptor, start, remaining, off_t(offset + done))
            } else {
                #if canImport(Glibc)
                    count = Glibc.write(descriptor, start, remaining)
                #else
                    count = Darwin.write(descriptor, start, remaining)
                #endif
            }
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            // A write of nothing to a regular file means no space is left.
            if count == 0 { return ENOSPC }
            done += count
        }
        return nil
    }

    /// Fills all of `buffer` from an open file at `offset` (pread(2)); the
    /// `errno` of the failure (`EIO` when the file ends first), or `nil`.
    static func readAll(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int32? {
        var done = 0
        while done < buffer.count {
            let count = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if count == 0 { return EIO }
            done += count
        }
        return nil
    }

    /// A new file that has no name: made with mkstemp at `prefix` followed
    /// by six random characters, then unlinked at once, so that nothing is
    /// left behind however the process ends. Its descriptor (the caller
    /// closes it), or `nil` when it cannot be made there.
    static func unnamedScratchFile(prefix: String) -> Int32? {
        var template = Array((prefix + "XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return nil }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        return descriptor
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
