import Foundation

/// A compact binary encoding for Herald's own cache files: lengths as
/// varints, strings as UTF-8. Not a general format: the reader trusts what
/// the writer of the same version wrote, and any mismatch makes it fail.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []
    /// Where full buffers go, when writing straight to a file.
    private let sink: ((borrowing [UInt8]) -> Void)?

    init(capacity: Int = 1 << 20) {
        bytes.reserveCapacity(capacity)
        sink = nil
    }

    /// A writer that hands every megabyte to `sink`, so that a large cache
    /// never sits whole in memory; call `flush()` at the end.
    init(sink: @escaping (borrowing [UInt8]) -> Void) {
        bytes.reserveCapacity(1 << 20)
        self.sink = sink
    }

    mutating func flush() {
        sink?(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func flushIfFull() {
        if sink != nil && bytes.count >= 1 << 20 { flush() }
    }

    mutating func write(_ value: Int) {
        var zigzag = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
        while zigzag >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: zigzag) | 0x80)
            zigzag >>= 7
        }
        bytes.append(UInt8(zigzag))
    }

    mutating func write(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// Ends what was written with its `Checksum` (see `BinaryReader(checked:)`);
    /// for a writer that keeps its bytes (no sink).
    mutating func appendChecksum() {
        write(Checksum.of(bytes))
    }

    /// Bytes encoded before, as they are.
    mutating func write(encoded: ArraySlice<UInt8>) {
        bytes.append(contentsOf: encoded)
        flushIfFull()
    }

    /// `bytes` as they are, after their count (see `BinaryReader.countedBytes`).
    mutating func write(counted bytes: [UInt8]) {
        write(bytes.count)
        write(encoded: bytes[...])
    }

    mutating func write(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    mutating func write(_ value: Double) {
        write(value.bitPattern)
    }

    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            write(buffer.count)
            bytes.append(contentsOf: buffer)
        }
        flushIfFull()
    }

    mutating func write(_ text: String?) {
        write(text != nil)
        if let text { write(text) }
    }

    mutating func write(_ date: Date?) {
        write(date != nil)
        if let date { write(date.timeIntervalSince1970) }
    }

    mutating func write(_ texts: [String]) {
        write(texts.count)
        for text in texts { write(text) }
    }

    /// Warnings kept with a cache, to report again when it is used.
    mutating func write(_ warnings: [Diagnostic]) {
        write(warnings.count)
        for warning in warnings {
            write(warning.path)
            write(warning.line)
            write(warning.column)
            write(warning.message)
        }
    }
}

struct BinaryReader {
    struct Failure: Error {}

    private let bytes: [UInt8]
    private var position = 0
    /// Where reading stops: the end of `bytes`, or of the range given.
    private let end: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        end = bytes.count
    }

    /// A reader of a whole file that ends with the `Checksum` of the rest
    /// (see `BinaryWriter.appendChecksum`), up to that checksum; `nil` when
    /// the checksum does not match (the file is damaged: not to be used).
    init?(checked file: [UInt8]) {
        guard let end = Checksum.verifiedLength(of: file) else { return nil }
        self.init(file, range: 0..<end)
    }

    /// A reader of `range` only: one part of a file decoded apart from the
    /// rest, sharing the file's bytes without copying them.
    init(_ bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        position = range.lowerBound
        end = range.upperBound
    }

    var isAtEnd: Bool { position == end }

    /// Moves past `count` bytes.
    mutating func skip(_ count: Int) throws(Failure) {
        guard count >= 0, position + count <= end else { throw Failure() }
        position += count
    }

    /// How many bytes were read so far.
    var offset: Int { position }

    mutating func int() throws(Failure) -> Int {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end, shift < 64 else { throw Failure() }
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        let value = Int64(bitPattern: result)
        return Int((value >> 1) ^ -(value & 1))
    }

    /// A count of elements that follow, each at least one byte long: a
    /// corrupt file fails here instead of asking for a negative or
    /// enormous number of elements.
    mutating func count() throws(Failure) -> Int {
        let count = try int()
        guard count >= 0, count <= end - position else { throw Failure() }
        return count
    }

    /// Bytes as they were written, after their count (`write(counted:)`).
    mutating func countedBytes() throws(Failure) -> [UInt8] {
        let count = try count()
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    mutating func uint64() throws(Failure) -> UInt64 {
        guard position + 8 <= end else { throw Failure() }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[position + index]) << UInt64(index * 8) }
        position += 8
        return value
    }

    mutating func bool() throws(Failure) -> Bool {
        guard position < end else { throw Failure() }
        position += 1
        return bytes[position - 1] != 0
    }

    mutating func double() throws(Failure) -> Double {
        Double(bitPattern: try uint64())
    }

    mutating func string() throws(Failure) -> String {
        let count = try int()
        guard count >= 0, position + count <= end else { throw Failure() }
        defer { position += count }
        return bytes.withUnsafeBufferPointer { String(decoding: $0[position..<(position + count)], as: UTF8.self) }
    }

    mutating func optionalString() throws(Failure) -> String? {
        try bool() ? try string() : nil
    }

    mutating func date() throws(Failure) -> Date? {
        try bool() ? Date(timeIntervalSince1970: try double()) : nil
    }

    mutating func strings() throws(Failure) -> [String] {
        let count = try count()
        var result: [String] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try string()) }
        return result
    }

    mutating func warnings() throws(Failure) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for _ in 0..<(try count()) {
            let path = try string()
            let line = try int()
            let column = try int()
            warnings.append(.warning(try string(), at: path, line: line, column: column))
        }
        return warnings
    }
}
