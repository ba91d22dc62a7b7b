/// The point of a lead image that every share crop keeps (front matter
/// `image_focus: [x, y]`, each from 0 at the left or top to 1 at the right
/// or bottom).
///
/// Held in ten-thousandths rather than as the written decimals, so that
/// the crops, the cache key and the output names all follow from the same
/// exact value (0.3 and 0.30 are one focus, and one set of files).
public struct ImageFocus: Sendable, Hashable {
    static let scale = 10_000
    /// Ten-thousandths of the width, from the left.
    var x: Int
    /// Ten-thousandths of the height, from the top.
    var y: Int

    init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }

    /// `nil` unless both are between 0 and 1.
    init?(x: Double, y: Double) {
        guard (0...1).contains(x), (0...1).contains(y) else { return nil }
        self.x = Int((x * Double(Self.scale)).rounded())
        self.y = Int((y * Double(Self.scale)).rounded())
    }

    /// How output names and cache entries tell crops of different foci
    /// apart: `focus-2500-7500`.
    var label: String {
        "focus-\(x)-\(y)"
    }

    /// As templates see it: `[x, y]` between 0 and 1.
    var value: Value {
        .list([.double(Double(x) / Double(Self.scale)), .double(Double(y) / Double(Self.scale))])
    }

    /// What a template passes back to `image(width, "16:9", page.image_focus)`.
    init?(_ value: Value) {
        guard case .list(let parts) = value, parts.count == 2 else { return nil }
        func number(_ part: Value) -> Double? {
            switch part {
            case .int(let whole): return Double(whole)
            case .double(let fraction): return fraction
            default: return nil
            }
        }
        guard let x = number(parts[0]), let y = number(parts[1]) else { return nil }
        self.init(x: x, y: y)
    }
}

extension ImageFocus: RecordValue {
    func write(to writer: inout BinaryWriter) {
        x.write(to: &writer)
        y.write(to: &writer)
    }

    static func read(from reader: inout BinaryReader) throws(BinaryReader.Failure) -> ImageFocus {
        ImageFocus(x: try .read(from: &reader), y: try .read(from: &reader))
    }
}
