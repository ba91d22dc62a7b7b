/// Eight bytes at a time: scans of long texts for a few ASCII bytes (white
/// space for word counts, HTML's special characters) test a 64-bit word of
/// the text at once instead of branching on every byte.
enum ByteMask {
    static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// Bit 7 set in each byte of `word` that equals `byte`, all else clear
    /// (exact: adding within the low seven bits never carries across bytes).
    static func bytes(of word: UInt64, equalTo byte: UInt8) -> UInt64 {
        let difference = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        return ~(((difference & lowBits) &+ lowBits) | difference) & highBits
    }

    /// The eight bytes at `offset`, the first in the lowest bits.
    static func word(_ base: UnsafeRawPointer, at offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
