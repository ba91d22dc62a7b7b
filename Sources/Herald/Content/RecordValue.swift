import Foundation

/// A value the build state stores for a content item (see
/// `ContentItemFields`): how it is written and read back.
protocol RecordValue: Sendable {
    func write(to writer: inout BinaryWriter)
    static func read(from reader: inout BinaryReader) throws(BinaryReader.Failure) -> Self
}

extension String: RecordValue {
    func write(to writer: inout BinaryWriter) { writer.write(self) }
    static func read(from reader: inout BinaryReader) throws(BinaryReader.Failure) -> String { try reader.string() }
}

extension Int: RecordValue {
    func write(to writer: inout BinaryWriter) { writer.write(self) }
    static func read(from reader: inout BinaryReader) throws(BinaryReader.Failure) -> Int { try reader.int() }
}

extension Bool: RecordValue {
    func write(to writer: inout BinaryWriter) { writer.write(self) }
    static func read(from reader: inout BinaryReader) throws(BinaryReader.Failure) -> Bool { try reader.bool() }
}

extension Date: RecordValue {
    func write(to writer: inout BinaryWriter) { writer.write(timeIntervalSince1970) }
    static func read(from reader: inout BinaryReader) throws(BinaryReader.Failure) -> Date {
        Date(timeIntervalSince1970: try reader.double())
    }
}

extension Optional: RecordValue where Wrapped: RecordValue {
    func write(to writer: inout BinaryWriter) {
        writer.write(self != nil)
        self?.write(to: &writer)
    }

    static func read(from reader: inout BinaryReader) throws(BinaryReader.Failure) -> Wrapped? {
        try reader.bool() ? try Wrapped.read(from: &reader) : nil
    }
}

extension Array: RecordValue where Element: RecordValue {
    func write(to writer: inout BinaryWriter) {
        writer.write(count)
        for element in self { element.write(to: &writer) }
    }

    static func read(from reader: inout BinaryReader) throws(BinaryReader.Failure) -> [Element] {
        var elements: [Element] = []
        for _ in 0..<(try reader.count()) { elements.append(try Element.read(from: &reader)) }
        return elements
    }
}

/// Front-matter `params`.
extension Dictionary: RecordValue where Key == String, Value == Herald.Value {
    func write(to writer: inout BinaryWriter) { ValueCoding.write(.map(self), to: &writer) }

    static func read(from reader: inout BinaryReader) throws(BinaryReader.Failure) -> [String: Herald.Value] {
        guard case .map(let params) = try ValueCoding.read(&reader) else { throw BinaryReader.Failure() }
        return params
    }
}

/// Enumerations by their raw value.
protocol RawRecordValue: RecordValue, RawRepresentable where RawValue == String {}

extension RawRecordValue {
    func write(to writer: inout BinaryWriter) { writer.write(rawValue) }

    static func read(from reader: inout BinaryReader) throws(BinaryReader.Failure) -> Self {
        guard let value = Self(rawValue: try reader.string()) else { throw BinaryReader.Failure() }
        return value
    }
}

extension ContentItem.Kind: RawRecordValue {}
extension Access: RawRecordValue {}

extension LiveUpdate: RecordValue {
    func write(to writer: inout BinaryWriter) {
        date.write(to: &writer)
        for text in [headline, self.text, html] { text.write(to: &writer) }
    }

    static func read(from reader: inout BinaryReader) throws(BinaryReader.Failure) -> LiveUpdate {
        LiveUpdate(
            date: try Date.read(from: &reader), headline: try String.read(from: &reader), text: try String.read(from: &reader),
            html: try String.read(from: &reader))
    }
}

extension Person: RecordValue {
    func write(to writer: inout BinaryWriter) {
        name.write(to: &writer)
        email.write(to: &writer)
        uri.write(to: &writer)
    }

    static func read(from reader: inout BinaryReader) throws(BinaryReader.Failure) -> Person {
        Person(name: try .read(from: &reader), email: try .read(from: &reader), uri: try .read(from: &reader))
    }
}

extension LeadImage: RecordValue {
    func write(to writer: inout BinaryWriter) {
        src.write(to: &writer)
        alt.write(to: &writer)
        caption.write(to: &writer)
        credit.write(to: &writer)
    }

    static func read(from reader: inout BinaryReader) throws(BinaryReader.Failure) -> LeadImage {
        LeadImage(src: try .read(from: &reader), alt: try .read(from: &reader), caption: try .read(from: &reader), credit: try .read(from: &reader))
    }
}

extension Correction: RecordValue {
    func write(to writer: inout BinaryWriter) {
        date.write(to: &writer)
        text.write(to: &writer)
    }

    static func read(from reader: inout BinaryReader) throws(BinaryReader.Failure) -> Correction {
        Correction(date: try .read(from: &reader), text: try .read(from: &reader))
    }
}

extension TOCEntry: RecordValue {
    func write(to writer: inout BinaryWriter) {
        level.write(to: &writer)
        id.write(to: &writer)
        text.write(to: &writer)
    }

    static func read(from reader: inout BinaryReader) throws(BinaryReader.Failure) -> TOCEntry {
        TOCEntry(level: try .read(from: &reader), id: try .read(from: &reader), text: try .read(from: &reader))
    }
}
