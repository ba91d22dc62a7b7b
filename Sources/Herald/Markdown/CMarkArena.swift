import CCmark
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The memory of one libcmark document: every node, string and buffer that
/// libcmark allocates for it comes from a few large chunks, freed together
/// when the arena goes.
///
/// libcmark allocates and frees hundreds of small blocks per article (nodes,
/// literals, the growing HTML buffer); through `malloc` that was about half
/// of the time libcmark took. Here an allocation moves a cursor, `free` does
/// nothing, and the chunks are returned to `malloc` at once.
///
/// libcmark's allocator functions get no context, so the arena in use is
/// found through a thread-local slot: every call into libcmark that may
/// allocate must run inside `serving`, which installs this arena on the
/// calling thread for its duration (and restores the previous one, so
/// arenas nest). `CMarkDocument` does so for all its calls.
final class CMarkArena {
    /// The allocator to give libcmark (`cmark_parser_new_with_mem`); lives as
    /// long as the arena.
    let allocator: UnsafeMutablePointer<cmark_mem>
    private let state: UnsafeMutablePointer<ArenaState>

    init() {
        allocator = .allocate(capacity: 1)
        allocator.initialize(to: cmark_mem(calloc: arenaCalloc, realloc: arenaRealloc, free: arenaFree))
        state = .allocate(capacity: 1)
        state.initialize(to: ArenaState())
    }

    deinit {
        state.pointee.releaseChunks()
        state.deinitialize(count: 1)
        state.deallocate()
        allocator.deinitialize(count: 1)
        allocator.deallocate()
    }

    /// Runs `body` with this arena answering libcmark's allocations on the
    /// calling thread.
    func serving<Result>(_ body: () throws -> Result) rethrows -> Result {
        let key = ArenaState.threadKey
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, state)
        defer { pthread_setspecific(key, previous) }
        return try body()
    }
}

/// The bump allocator behind `CMarkArena`, kept in raw memory so that the
/// allocation functions reach it without reference counting or exclusivity
/// checks.
///
/// Each block is preceded by a 16-byte header holding its size (for
/// `realloc`); blocks and headers are 16-byte aligned, as `malloc`'s are.
/// Chunks form a list through their first word.
struct ArenaState {
    static let header = 16
    static let firstChunkSize = 64 * 1024
    static let largestChunkSize = 1024 * 1024

    /// Where the next block goes, and the end of the current chunk.
    var cursor: UnsafeMutableRawPointer?
    var end: UnsafeMutableRawPointer?
    /// The most recent chunk; each chunk's first word points to the one before.
    var chunks: UnsafeMutableRawPointer?
    var nextChunkSize = firstChunkSize

    /// The thread-local slot naming the arena in use on each thread.
    static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        guard pthread_key_create(&key, nil) == 0 else { fatalError("cannot create a thread-local slot for libcmark's arena") }
        return key
    }()

    /// The arena installed on this thread. libcmark is only called inside
    /// `CMarkArena.serving`, so there always is one.
    static var current: UnsafeMutablePointer<ArenaState> {
        guard let slot = pthread_getspecific(threadKey) else {
            fatalError("libcmark allocated outside CMarkArena.serving")
        }
        return slot.assumingMemoryBound(to: ArenaState.self)
    }

    static func rounded(_ size: Int) -> Int { (size + 15) & ~15 }

    /// A block of `size` bytes (not zeroed); `nil` only when `malloc` fails.
    mutating func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
        let needed = Self.header + Self.rounded(max(size, 1))
        if let cursor, let end, cursor.distance(to: end) >= needed {
            self.cursor = cursor + needed
            return Self.block(at: cursor, size: size)
        }
        if needed > nextChunkSize / 4 {
            // Large: a chunk of its own, leaving the current one in use.
            guard let chunk = newChunk(size: Self.header + needed) else { return nil }
            return Self.block(at: chunk + Self.header, size: size)
        }
        guard let chunk = newChunk(size: nextChunkSize) else { return nil }
        end = chunk + nextChunkSize
        nextChunkSize = min(nextChunkSize * 2, Self.largestChunkSize)
        cursor = chunk + Self.header + needed
        return Self.block(at: chunk + Self.header, size: size)
    }

    /// `block` resized to `size` bytes, its contents kept: grown in place
    /// when it is the last block of the current chunk and there is room.
    mutating func reallocate(_ block: UnsafeMutableRawPointer, to size: Int) -> UnsafeMutableRawPointer? {
        let old = Self.size(of: block)
        if size <= old { return block }
        let oldEnd = block + Self.rounded(max(old, 1))
        if oldEnd == cursor, let end, block.distance(to: end) >= Self.rounded(size) {
            cursor = block + Self.rounded(size)
            (block - Self.header).storeBytes(of: size, as: Int.self)
            return block
        }
        guard let moved = allocate(size) else { return nil }
        moved.copyMemory(from: block, byteCount: old)
        return moved
    }

    mutating func releaseChunks() {
        while let chunk = chunks {
            chunks = chunk.load(as: UnsafeMutableRawPointer?.self)
            free(chunk)
        }
        cursor = nil
        end = nil
    }

    private mutating func newChunk(size: Int) -> UnsafeMutableRawPointer? {
        guard let chunk = malloc(size) else { return nil }
        chunk.storeBytes(of: chunks, as: UnsafeMutableRawPointer?.self)
        chunks = chunk
        return chunk
    }

    private static func block(at start: UnsafeMutableRawPointer, size: Int) -> UnsafeMutableRawPointer {
        start.storeBytes(of: size, as: Int.self)
        return start + header
    }

    static func size(of block: UnsafeMutableRawPointer) -> Int {
        (block - header).load(as: Int.self)
    }
}

// libcmark's allocator interface. Like libcmark's own allocator, running out
// of memory aborts: libcmark does not check for `nil`.

private func arenaCalloc(_ count: Int, _ size: Int) -> UnsafeMutableRawPointer? {
    let (total, overflow) = count.multipliedReportingOverflow(by: size)
    guard !overflow, let block = ArenaState.current.pointee.allocate(total) else { fatalError("out of memory parsing Markdown") }
    block.initializeMemory(as: UInt8.self, repeating: 0, count: total)
    return block
}

private func arenaRealloc(_ block: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
    let arena = ArenaState.current
    let result = block.map { arena.pointee.reallocate($0, to: size) } ?? arena.pointee.allocate(size)
    guard let result else { fatalError("out of memory parsing Markdown") }
    return result
}

/// Blocks live until their arena goes.
private func arenaFree(_ block: UnsafeMutableRawPointer?) {}
