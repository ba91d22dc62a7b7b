import Foundation

/// FNV-1a, 64 bits: a stable digest (Swift's `Hasher` is seeded per process)
/// for noticing changes, not for security.
struct Digest {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        // Over the contiguous UTF-8 bytes: a build digests some 40,000 paths.
        var text = text
        var value = self.value
        text.withUTF8 { bytes in
            for byte in bytes { value = (value ^ UInt64(byte)) &* Self.prime }
        }
        self.value = value
        addByte(0)
    }

    mutating func add(_ bytes: [UInt8]) {
        var value = self.value
        for byte in bytes { value = (value ^ UInt64(byte)) &* Self.prime }
        self.value = value
    }

    mutating func add(_ number: Int) {
        var number = UInt64(bitPattern: Int64(number))
        for _ in 0..<8 {
            addByte(UInt8(truncatingIfNeeded: number))
            number >>= 8
        }
    }

    /// Adds size, modification time and inode, or -1 for a missing file.
    mutating func add(_ metadata: FileMetadata?) {
        guard let metadata else {
            add(-1)
            return
        }
        add(metadata.size)
        add(metadata.seconds)
        add(metadata.nanoseconds)
        add(metadata.inode)
    }

    private static let prime: UInt64 = 0x100_0000_01b3

    private mutating func addByte(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* Self.prime
    }
}
