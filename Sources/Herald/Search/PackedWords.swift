/// Short texts and numbers end to end in one buffer of bytes: how a search
/// document keeps its stems and surface words. An index holds one of each
/// for every distinct word of every article, and an array of `String`s and
/// counts costs several times their bytes (and an allocation per array).
///
/// A text is its length in bytes (a varint) and its UTF-8; a number, which
/// is never negative, a varint. The owner writes and reads them in the same
/// order; reading checks every length against the buffer, so bytes from a
/// damaged cache end the reading instead of reading past them.
struct PackedWords: Sendable, Equatable {
    private(set) var bytes: [UInt8] = []

    init() {}

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isEmpty: Bool { bytes.isEmpty }

    mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        append(text.count)
        bytes.append(contentsOf: text)
    }

    mutating func append(_ number: Int) {
        precondition(number >= 0, "packed numbers are counts")
        var value = UInt(number)
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Reads the buffer from its start to its end, one record at a time:
    /// `record` reads one and says whether it was whole. Returns whether
    /// every record was (`false` as soon as one is not).
    @discardableResult
    func forEachRecord(_ record: (inout Reader) -> Bool) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(buffer: buffer)
            while !reader.isAtEnd {
                guard record(&reader) else { return false }
            }
            return true
        }
    }

    /// Reads texts and numbers in turn; each is `nil` past the end or
    /// where the bytes are not what was written.
    struct Reader {
        fileprivate let buffer: UnsafeBufferPointer<UInt8>
        private var position = 0

        fileprivate init(buffer: UnsafeBufferPointer<UInt8>) {
            self.buffer = buffer
        }

        var isAtEnd: Bool { position == buffer.count }

        /// The next text's bytes, valid while the buffer is being read.
        mutating func text() -> UnsafeBufferPointer<UInt8>? {
            guard let count = number(), count <= buffer.count - position else { return nil }
            defer { position += count }
            return UnsafeBufferPointer(rebasing: buffer[position..<(position + count)])
        }

        /// The next number, when it fits a count of `SearchDocument.Counts`.
        mutating func count() -> Int32? {
            number().flatMap { Int32(exactly: $0) }
        }

        mutating func number() -> Int? {
            var value: UInt = 0
            var shift: UInt = 0
            while position < buffer.count, shift < 63 {
                let byte = buffer[position]
                position += 1
                value |= UInt(byte & 0x7F) << shift
                if byte < 0x80 { return Int(exactly: value) }
                shift += 7
            }
            return nil
        }
    }
}
