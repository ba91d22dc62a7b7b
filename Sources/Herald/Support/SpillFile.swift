import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A scratch file that holds large texts during one build, so that memory
/// does not grow with the archive: every Markdown source and every rendered
/// body is written here as soon as it exists and read back where it is
/// used (rendering, writing a page, a feed entry), instead of all of them
/// being held at once.
///
/// The file is unlinked as soon as it is made: nothing is left behind when
/// the build ends or is killed, and the kernel's page cache, not Herald's
/// heap, keeps recently written texts at hand. Made beside the output
/// folder, on the disk the build writes to anyway.
final class SpillFile: @unchecked Sendable {
    private let descriptor: Int32
    /// Guards `end`; writes and reads themselves run in parallel (pwrite/pread).
    private let lock = NSLock()
    private var end = 0

    /// A new scratch file in `folder`, or `nil` when none can be made there
    /// (the build then keeps its texts in memory).
    init?(in folder: URL) {
        guard let descriptor = SystemCalls.unnamedScratchFile(prefix: folder.path + "/.herald-spill-") else { return nil }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Stores `text`; what to read it back with, or the text itself when it
    /// is too short to be worth a system call or cannot be written.
    func store(_ text: String) -> StoredText {
        guard text.utf8.count >= Self.smallest else { return .inline(text) }
        var bytes = text
        return bytes.withUTF8 { bytes -> StoredText in
            lock.lock()
            let offset = end
            end += bytes.count
            lock.unlock()
            guard SystemCalls.writeAll(descriptor, UnsafeRawBufferPointer(bytes), at: offset) == nil else { return .inline(text) }
            return .spilled(self, offset: offset, count: bytes.count)
        }
    }

    /// The text stored at `offset`.
    func read(offset: Int, count: Int) -> String {
        String(unsafeUninitializedCapacity: count) { buffer in
            // A scratch file Herald wrote itself cannot be short: if reading
            // fails the disk is failing, and no build can be trusted.
            guard SystemCalls.readAll(descriptor, into: UnsafeMutableRawBufferPointer(buffer), at: offset) == nil else {
                fatalError("cannot read back Herald's scratch file: \(String(cString: strerror(errno)))")
            }
            return count
        }
    }

    /// Texts shorter than this stay in memory: their heap cost is small
    /// next to the record that holds them.
    static let smallest = 256
}

/// A text held in memory or in a `SpillFile`.
enum StoredText: Sendable {
    case inline(String)
    case spilled(SpillFile, offset: Int, count: Int)

    var text: String {
        switch self {
        case .inline(let text): return text
        case .spilled(let file, let offset, let count): return file.read(offset: offset, count: count)
        }
    }

    var isEmpty: Bool {
        switch self {
        case .inline(let text): return text.isEmpty
        case .spilled(_, _, let count): return count == 0
        }
    }

    /// The same text, in `file` when it is long enough.
    func spilled(to file: SpillFile?) -> StoredText {
        guard let file, case .inline(let text) = self else { return self }
        return file.store(text)
    }
}
