import Foundation

/// The distinct words an analyzer has met, each numbered from 0 in the
/// order first met, looked up by their UTF-8 bytes.
///
/// Every word of every indexed article is looked up here, so the lookup
/// makes no `String` and hashes once: the words' bytes are kept end to end in
/// one buffer and found through an open-addressing table of their numbers.
struct SearchVocabulary {
    /// Every word's bytes, one after another.
    private var bytes: [UInt8] = []
    /// Where word N starts in `bytes`; one more entry than words, the end.
    private var starts: [Int32] = [0]
    private var hashes: [UInt32] = []
    /// Word number + 1 in each slot, 0 for an empty one; a power of two long.
    private var slots: [Int32] = Array(repeating: 0, count: 1024)

    var count: Int { hashes.count }

    /// The number of `word`, and whether it was new (numbered just now).
    mutating func number(of word: UnsafeBufferPointer<UInt8>) -> (number: Int, isNew: Bool) {
        let hash = Self.hash(word)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { break }
            if hashes[entry - 1] == hash && equals(entry - 1, word) { return (entry - 1, false) }
            slot = (slot + 1) & mask
        }
        let number = hashes.count
        hashes.append(hash)
        bytes.append(contentsOf: word)
        starts.append(Int32(bytes.count))
        slots[slot] = Int32(number + 1)
        // At most half full, so that probes stay short.
        if 2 * hashes.count > slots.count { grow() }
        return (number, true)
    }

    /// The bytes of word `number`, valid during the call.
    func withWord<T>(_ number: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        bytes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[Int(starts[number])..<Int(starts[number + 1])]))
        }
    }

    /// Word `number` as a `String`.
    func word(_ number: Int) -> String {
        withWord(number) { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether word `a`'s bytes sort before word `b`'s.
    func precedes(_ a: Int, _ b: Int) -> Bool {
        let startA = Int(starts[a]), lengthA = Int(starts[a + 1]) - startA
        let startB = Int(starts[b]), lengthB = Int(starts[b + 1]) - startB
        let order = bytes.withUnsafeBufferPointer { all in
            memcmp(all.baseAddress! + startA, all.baseAddress! + startB, min(lengthA, lengthB))
        }
        return order != 0 ? order < 0 : lengthA < lengthB
    }

    private func equals(_ number: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[number])
        guard Int(starts[number + 1]) - start == word.count else { return false }
        // Byte by byte: words are a few bytes long, shorter than a call to memcmp.
        return bytes.withUnsafeBufferPointer { all in
            for offset in 0..<word.count where all[start + offset] != word[offset] { return false }
            return true
        }
    }

    private mutating func grow() {
        var larger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for (number, hash) in hashes.enumerated() {
            var slot = Int(hash) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = Int32(number + 1)
        }
        slots = larger
    }

    /// FNV-1a: words are short, and this one is cheap and spreads them well
    /// enough for a table that is at most half full.
    static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in word { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return hash
    }
}
