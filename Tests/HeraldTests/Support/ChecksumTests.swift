import Testing
@testable import Herald

/// `Checksum` is XXH64 with seed 0; the expected values were computed with
/// the reference tool (`xxhsum -H64`, Debian package xxhash 0.8.1).
@Suite struct ChecksumTests {
    /// Bytes 0, 1, …, 127, 0, 1, … (`count` of them).
    static func ramp(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8($0 % 128) }
    }

    static let references: [([UInt8], UInt64)] = [
        ([], 0xEF46_DB37_51D8_E999),
        (Array("abc".utf8), 0x44BC_2CF5_AD77_0999),
        (Array(repeating: UInt8(ascii: "x"), count: 100), 0x92F0_DE5A_88A3_C094),
        (ramp(1000), 0xC9CD_089C_957A_AE39),
    ]

    @Test(arguments: references)
    func matchesTheReferenceImplementation(bytes: [UInt8], expected: UInt64) {
        #expect(Checksum.of(bytes) == expected)
    }

    /// Fed in pieces of any sizes, it is the checksum of the whole: the
    /// content state is checksummed as it is written, piece by piece.
    @Test(arguments: [1, 3, 7, 8, 31, 32, 33, 64, 999])
    func piecesGiveTheChecksumOfTheWhole(pieceSize: Int) {
        let bytes = Self.ramp(1000)
        var checksum = Checksum()
        var start = 0
        while start < bytes.count {
            let end = min(start + pieceSize, bytes.count)
            checksum.add(bytes[start..<end])
            start = end
        }
        #expect(checksum.value == Checksum.of(bytes))
    }

    @Test func anyChangedByteChangesIt() {
        let bytes = Self.ramp(200)
        let original = Checksum.of(bytes)
        for index in bytes.indices {
            var changed = bytes
            changed[index] ^= 1
            #expect(Checksum.of(changed) != original, "byte \(index)")
        }
        #expect(Checksum.of(bytes.dropLast()) != original)
    }

    @Test func verifiedLengthChecksTheTrailer() {
        let body = Self.ramp(50)
        var writer = BinaryWriter()
        writer.write(Checksum.of(body))
        var file = body + writer.bytes
        #expect(Checksum.verifiedLength(of: file) == 50)
        file[10] ^= 4
        #expect(Checksum.verifiedLength(of: file) == nil)
        #expect(Checksum.verifiedLength(of: [1, 2, 3]) == nil)
    }
}
