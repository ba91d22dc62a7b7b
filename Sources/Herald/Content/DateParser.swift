import Foundation

/// Reads the dates of front matter (DESIGN §3): RFC 3339 with an offset, or
/// `YYYY-MM-DD[ HH:MM[:SS]]` (also with `T`) read in the site's time zone.
///
/// Written by hand rather than with `DateFormatter` or Yams' timestamp
/// support: the former is slow and locale-dependent, the latter reads a bare
/// timestamp as UTC, which would shift every local date.
public struct DateParser: Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    public func parse(_ text: String) -> Date? {
        var scanner = DigitScanner(Self.trimmed(text).utf8)
        guard let year = scanner.number(digits: 4), scanner.take("-"),
            let month = scanner.number(digits: 2), scanner.take("-"),
            let day = scanner.number(digits: 2),
            (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        if scanner.take("T") || scanner.take("t") || scanner.take(" ") {
            guard let h = scanner.number(digits: 2), scanner.take(":"), let m = scanner.number(digits: 2),
                h < 24, m < 60
            else { return nil }
            hour = h
            minute = m
            if scanner.take(":") {
                guard let s = scanner.number(digits: 2), s <= 60 else { return nil }
                second = min(s, 59)
                if scanner.take(".") {
                    guard let digits = scanner.digitRun(), !digits.isEmpty else { return nil }
                    fraction = Double("0." + digits) ?? 0
                }
            }
        }
        let local = Self.secondsSinceEpoch(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        scanner.skipSpaces()
        if scanner.isAtEnd {
            return Date(timeIntervalSince1970: Double(localToUTC(local)) + fraction)
        }
        if scanner.take("Z") || scanner.take("z") {
            return scanner.isAtEnd ? Date(timeIntervalSince1970: Double(local) + fraction) : nil
        }
        let sign: Int
        if scanner.take("+") { sign = 1 } else if scanner.take("-") { sign = -1 } else { return nil }
        guard let offsetHours = scanner.number(digits: 2) else { return nil }
        _ = scanner.take(":")
        guard let offsetMinutes = scanner.number(digits: 2), scanner.isAtEnd, offsetHours < 24, offsetMinutes < 60 else {
            return nil
        }
        let offset = sign * (offsetHours * 3600 + offsetMinutes * 60)
        return Date(timeIntervalSince1970: Double(local - offset) + fraction)
    }

    /// `text` without surrounding whitespace. Dates are nearly always ASCII
    /// with at most a space or tab around them, trimmed here as bytes;
    /// Foundation's Unicode-aware trim was a visible cost of loading.
    private static func trimmed(_ text: String) -> Substring {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return Substring(text) }
        if first >= 0x80 || last >= 0x80 { return Substring(text.trimmingCharacters(in: .whitespaces)) }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        guard isSpace(first) || isSpace(last) else { return Substring(text) }
        let start = utf8.firstIndex { !isSpace($0) } ?? utf8.endIndex
        let end = utf8.lastIndex { !isSpace($0) }.map(utf8.index(after:)) ?? start
        return text[start..<max(start, end)]
    }

    /// Converts a wall-clock time in `timeZone` to UTC seconds. Around a DST
    /// change the offset of the guess can differ from the offset of the answer,
    /// so it is looked up twice.
    private func localToUTC(_ local: Int) -> Int {
        let first = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local)))
        let second = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local - first)))
        return local - second
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Seconds since 1970 of a proleptic Gregorian date-time, taken as UTC.
    static func secondsSinceEpoch(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int {
        CivilDate.days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }
}

/// A cursor over ASCII digits and punctuation.
private struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ utf8: Substring.UTF8View) {
        bytes = Array(utf8)
    }

    var isAtEnd: Bool { index == bytes.count }

    mutating func take(_ character: Character) -> Bool {
        guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
        index += 1
        return true
    }

    mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
    }

    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<digits {
            let byte = bytes[index + offset]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        index += digits
        return value
    }

    mutating func digitRun() -> String? {
        let start = index
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }
}
