/// SHA-384 (FIPS 180-4: SHA-512's compression with its own initial values,
/// the digest cut to 48 bytes): what Subresource Integrity's `sha384-…`
/// values hash, and where a fingerprinted asset's name comes from. Written
/// here because Foundation on Linux has no SHA-2 and one asset hash does
/// not justify a crypto library.
struct SHA384 {
    /// The first 64 bits of the fractional parts of the cube roots of the
    /// first 80 primes (FIPS 180-4, 4.2.3).
    private static let roundConstants: [UInt64] = [
        0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
        0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
        0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
        0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
        0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
        0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
        0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
        0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
        0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
        0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
        0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
        0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
        0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
        0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
        0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
        0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
        0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
        0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
        0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
        0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
    ]

    /// SHA-384's own initial state (FIPS 180-4, 5.3.4).
    private var state: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (
        0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
        0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4
    )

    /// The digest of `bytes`: 48 bytes.
    static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var hash = SHA384()
        // The message, a 1 bit, zeros, and its length in bits as a 128-bit
        // big-endian number, to a whole number of 128-byte blocks.
        var message = bytes
        message.append(0x80)
        while message.count % 128 != 112 { message.append(0) }
        let bits = UInt64(bytes.count).multipliedFullWidth(by: 8)
        for shift in stride(from: 56, through: 0, by: -8) { message.append(UInt8(truncatingIfNeeded: bits.high >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { message.append(UInt8(truncatingIfNeeded: bits.low >> UInt64(shift))) }
        var schedule = [UInt64](repeating: 0, count: 80)
        message.withUnsafeBufferPointer { buffer in
            for start in stride(from: 0, to: buffer.count, by: 128) {
                hash.compress(buffer, at: start, schedule: &schedule)
            }
        }
        let words = [hash.state.0, hash.state.1, hash.state.2, hash.state.3, hash.state.4, hash.state.5]
        return words.flatMap { word in stride(from: 56, through: 0, by: -8).map { UInt8(truncatingIfNeeded: word >> UInt64($0)) } }
    }

    private mutating func compress(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int, schedule w: inout [UInt64]) {
        for index in 0..<16 {
            var word: UInt64 = 0
            for byte in 0..<8 { word = word << 8 | UInt64(buffer[start + index * 8 + byte]) }
            w[index] = word
        }
        for index in 16..<80 {
            let s0 = w[index - 15].rotatedRight(1) ^ w[index - 15].rotatedRight(8) ^ (w[index - 15] >> 7)
            let s1 = w[index - 2].rotatedRight(19) ^ w[index - 2].rotatedRight(61) ^ (w[index - 2] >> 6)
            w[index] = w[index - 16] &+ s0 &+ w[index - 7] &+ s1
        }
        var (a, b, c, d, e, f, g, h) = state
        for index in 0..<80 {
            let sum1 = e.rotatedRight(14) ^ e.rotatedRight(18) ^ e.rotatedRight(41)
            let choice = (e & f) ^ (~e & g)
            let t1 = h &+ sum1 &+ choice &+ Self.roundConstants[index] &+ w[index]
            let sum0 = a.rotatedRight(28) ^ a.rotatedRight(34) ^ a.rotatedRight(39)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let t2 = sum0 &+ majority
            (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
        }
        state = (
            state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d,
            state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h
        )
    }
}

extension UInt64 {
    fileprivate func rotatedRight(_ count: UInt64) -> UInt64 {
        (self >> count) | (self << (64 - count))
    }
}
