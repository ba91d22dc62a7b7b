import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The content state's file while a build writes it (and the search
/// index's cache, `SearchCache`): an unlinked scratch file beside the
/// state, which `finish` copies to a temporary file that it renames into
/// place (a torn state never loads). A build killed before then leaves
/// nothing behind.
///
/// The records are written here as they are encoded, while the outputs are
/// written, rather than gathered in memory first: on a large archive the
/// state is a megabyte per thousand articles, and holding it whole (with
/// the room an array grows into) was the largest single part of a build's
/// peak memory. Copying it at the end costs a few milliseconds per 10 MB.
final class StagedStateFile: @unchecked Sendable {
    // Safety: used by one thread at a time (the build's background work
    // that encodes the state, then the one that saves it).
    private let path: String
    private let descriptor: Int32
    private var size = 0
    private var checksum = Checksum()
    private var failed = false

    /// A scratch file beside the state kept for `output`; `nil` when none
    /// can be made (the build then keeps no state, and the next one is full).
    convenience init?(for output: URL) {
        self.init(path: ContentState.location(of: output))
    }

    /// A scratch file for the file at `path`, made beside it.
    init?(path: String) {
        self.path = path
        guard let descriptor = SystemCalls.unnamedScratchFile(prefix: path + ".") else { return nil }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Appends `bytes` to the file and to its checksum.
    func write(_ bytes: borrowing [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    func write(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { append($0) }
    }

    private func append(_ buffer: UnsafeRawBufferPointer) {
        guard !failed else { return }
        checksum.add(buffer)
        failed = SystemCalls.writeAll(descriptor, buffer) != nil
        size += buffer.count
    }

    /// Ends the file with the checksum of everything written and puts it in
    /// place of the previous state; when anything fails, keeps no state.
    /// Returns whether the file is in place (else the previous one is).
    @discardableResult
    func finish() -> Bool {
        var trailer = BinaryWriter(capacity: 8)
        trailer.write(checksum.value)
        write(trailer.bytes)
        guard !failed else { return false }
        let temporary = path + ".tmp"
        let target = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard target >= 0 else { return false }
        var copied = true
        var buffer = [UInt8](repeating: 0, count: min(size, 1 << 20))
        var offset = 0
        while copied && offset < size {
            let count = min(buffer.count, size - offset)
            copied = buffer.withUnsafeMutableBytes { chunk in
                let part = UnsafeMutableRawBufferPointer(rebasing: chunk[..<count])
                return SystemCalls.readAll(descriptor, into: part, at: offset) == nil
                    && SystemCalls.writeAll(target, UnsafeRawBufferPointer(part)) == nil
            }
            offset += count
        }
        close(target)
        guard copied, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }
}
