import Foundation

/// Template values in the binary cache (front-matter `params`).
enum ValueCoding {
    static func write(_ value: Value, to writer: inout BinaryWriter) {
        switch value {
        case .none: writer.write(0)
        case .bool(let flag): writer.write(1); writer.write(flag)
        case .int(let number): writer.write(2); writer.write(number)
        case .double(let number): writer.write(3); writer.write(number)
        case .string(let text): writer.write(4); writer.write(text)
        case .html(let text): writer.write(5); writer.write(text)
        case .date(let date): writer.write(6); writer.write(date.timeIntervalSince1970)
        case .list(let values):
            writer.write(7)
            writer.write(values.count)
            for element in values { write(element, to: &writer) }
        case .map(let dictionary):
            writer.write(8)
            writer.write(dictionary.count)
            for (key, element) in dictionary.sorted(by: { $0.key < $1.key }) {
                writer.write(key)
                write(element, to: &writer)
            }
        case .object:
            // Front matter never holds computed objects.
            writer.write(0)
        }
    }

    static func read(_ reader: inout BinaryReader) throws(BinaryReader.Failure) -> Value {
        switch try reader.int() {
        case 0: return .none
        case 1: return .bool(try reader.bool())
        case 2: return .int(try reader.int())
        case 3: return .double(try reader.double())
        case 4: return .string(try reader.string())
        case 5: return .html(try reader.string())
        case 6: return .date(Date(timeIntervalSince1970: try reader.double()))
        case 7:
            var values: [Value] = []
            for _ in 0..<(try reader.count()) { values.append(try read(&reader)) }
            return .list(values)
        case 8:
            var dictionary: [String: Value] = [:]
            for _ in 0..<(try reader.count()) {
                let key = try reader.string()
                dictionary[key] = try read(&reader)
            }
            return .map(dictionary)
        default:
            throw BinaryReader.Failure()
        }
    }
}
