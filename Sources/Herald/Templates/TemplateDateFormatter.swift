import Foundation

/// strftime-style date formatting without DateFormatter, in a given time zone.
enum TemplateDateFormatter {
    struct Civil {
        var year: Int, month: Int, day: Int
        var hour: Int, minute: Int, second: Int
        /// 0 = Sunday.
        var weekday: Int
        var dayOfYear: Int
        /// Seconds east of UTC.
        var offset: Int
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    static func civil(_ date: Date, timeZone: TimeZone) -> Civil {
        let offset = timeZone.secondsFromGMT(for: date)
        let fields = CivilDate.fields(localSeconds: Int(date.timeIntervalSince1970.rounded(.down)) + offset)
        return Civil(
            year: fields.year, month: fields.month, day: fields.day,
            hour: fields.hour, minute: fields.minute, second: fields.second,
            weekday: fields.weekday,
            dayOfYear: fields.dayNumber - CivilDate.days(year: fields.year, month: 1, day: 1) + 1,
            offset: offset)
    }

    private static func pad(_ value: Int, _ width: Int, into output: inout String, padding: Character = "0") {
        let digits = String(value)
        if digits.count < width { output += String(repeating: padding, count: width - digits.count) }
        output += digits
    }

    private static func appendOffset(_ offset: Int, colon: Bool, into output: inout String) {
        output += offset < 0 ? "-" : "+"
        let magnitude = abs(offset) / 60
        pad(magnitude / 60, 2, into: &output)
        if colon { output += ":" }
        pad(magnitude % 60, 2, into: &output)
    }

    static func rfc3339(_ date: Date, timeZone: TimeZone) -> String {
        let c = civil(date, timeZone: timeZone)
        // Built as bytes: pages show a date in this form many times, and
        // appending a dozen small strings was a visible cost of rendering.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(25)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            if value >= divisor * 10 {
                bytes.append(contentsOf: String(value).utf8)
                return
            }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        guard c.year >= 0 else { return legacyRFC3339(c) }
        digits(c.year, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(c.month, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(c.day, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(c.hour, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(c.minute, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(c.second, 2)
        bytes.append(UInt8(ascii: c.offset < 0 ? "-" : "+"))
        let minutes = abs(c.offset) / 60
        digits(minutes / 60, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(minutes % 60, 2)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Years before 1 CE, which the byte path does not write.
    private static func legacyRFC3339(_ c: Civil) -> String {
        var output = ""
        pad(c.year, 4, into: &output)
        output += "-"
        pad(c.month, 2, into: &output)
        output += "-"
        pad(c.day, 2, into: &output)
        output += "T"
        pad(c.hour, 2, into: &output)
        output += ":"
        pad(c.minute, 2, into: &output)
        output += ":"
        pad(c.second, 2, into: &output)
        appendOffset(c.offset, colon: true, into: &output)
        return output
    }

    /// The English abbreviation of the zone at `date` (EDT, PST), or GMT±h where there is none.
    static func abbreviation(_ timeZone: TimeZone, _ date: Date) -> String {
        if timeZone.identifier == "UTC" || timeZone.identifier == "Etc/UTC" { return "UTC" }
        let style: NSTimeZone.NameStyle = timeZone.isDaylightSavingTime(for: date) ? .shortDaylightSaving : .shortStandard
        return timeZone.localizedName(for: style, locale: Locale(identifier: "en_US"))
            ?? timeZone.abbreviation(for: date) ?? "UTC"
    }

    /// `nil` when the format is valid, otherwise a message.
    static func validate(_ format: String) -> String? {
        var scalars = format.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "%" else { continue }
            guard var code = scalars.next() else { return "date format ends with a lone '%'; write '%%' for a percent sign" }
            if code == "-" {
                guard let next = scalars.next() else { return "date format ends with '%-'" }
                code = next
                if !"dmIHMSjey".unicodeScalars.contains(code) {
                    return "'%-\(code)' is not a date format code; '-' works with d, m, e, I, H, M, S, j and y"
                }
            }
            if !"YmdeHIMSpAaBbyjZzFT%".unicodeScalars.contains(code) {
                return "'%\(code)' is not a date format code; see the 'date' filter in docs/templates.md"
            }
        }
        return nil
    }

    /// Formats with strftime codes; `nil` when the format has an unknown code.
    ///
    /// Built as bytes: cards show a formatted date on every list page, and
    /// appending scalars and number strings one by one showed in profiles.
    static func format(_ date: Date, _ format: String, timeZone: TimeZone) -> String? {
        let c = civil(date, timeZone: timeZone)
        var output: [UInt8] = []
        output.reserveCapacity(format.utf8.count + 16)
        func number(_ value: Int, _ width: Int, padding: UInt8 = UInt8(ascii: "0")) {
            guard value >= 0 else {
                // Years before 1 BC: padded as text, sign included.
                let text = String(value).utf8
                if text.count < width { output.append(contentsOf: repeatElement(padding, count: width - text.count)) }
                output.append(contentsOf: text)
                return
            }
            var digits = 1
            var limit = 10
            while value >= limit && digits < 19 {
                digits += 1
                limit &*= 10
            }
            if digits < width { output.append(contentsOf: repeatElement(padding, count: width - digits)) }
            var divisor = limit / 10
            var rest = value
            while divisor > 0 {
                output.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        func joined(_ fields: [(value: Int, width: Int)], by separator: UInt8) {
            for (position, field) in fields.enumerated() {
                if position > 0 { output.append(separator) }
                number(field.value, field.width)
            }
        }
        var bytes = format.utf8.makeIterator()
        while let byte = bytes.next() {
            // '%' and the codes are ASCII; other bytes, whole characters or
            // parts of them, are copied as they are.
            guard byte == UInt8(ascii: "%") else {
                output.append(byte)
                continue
            }
            guard var code = bytes.next() else { return nil }
            var width = 2
            if code == UInt8(ascii: "-") {
                guard let next = bytes.next() else { return nil }
                code = next
                width = 1
            }
            let hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12
            switch code {
            case UInt8(ascii: "Y"): number(c.year, width == 1 ? 1 : 4)
            case UInt8(ascii: "m"): number(c.month, width)
            case UInt8(ascii: "d"): number(c.day, width)
            case UInt8(ascii: "e"): number(c.day, width, padding: UInt8(ascii: " "))
            case UInt8(ascii: "H"): number(c.hour, width)
            case UInt8(ascii: "I"): number(hour12, width)
            case UInt8(ascii: "M"): number(c.minute, width)
            case UInt8(ascii: "S"): number(c.second, width)
            case UInt8(ascii: "j"): number(c.dayOfYear, width == 1 ? 1 : 3)
            case UInt8(ascii: "y"): number(c.year % 100, width)
            case UInt8(ascii: "p"): output.append(contentsOf: (c.hour < 12 ? "AM" : "PM").utf8)
            case UInt8(ascii: "A"): output.append(contentsOf: dayNames[c.weekday].utf8)
            case UInt8(ascii: "a"): output.append(contentsOf: dayNames[c.weekday].utf8.prefix(3))
            case UInt8(ascii: "B"): output.append(contentsOf: monthNames[c.month - 1].utf8)
            case UInt8(ascii: "b"): output.append(contentsOf: monthNames[c.month - 1].utf8.prefix(3))
            case UInt8(ascii: "Z"): output.append(contentsOf: abbreviation(timeZone, date).utf8)
            case UInt8(ascii: "z"):
                var offset = ""
                appendOffset(c.offset, colon: false, into: &offset)
                output.append(contentsOf: offset.utf8)
            case UInt8(ascii: "F"): joined([(c.year, 4), (c.month, 2), (c.day, 2)], by: UInt8(ascii: "-"))
            case UInt8(ascii: "T"): joined([(c.hour, 2), (c.minute, 2), (c.second, 2)], by: UInt8(ascii: ":"))
            case UInt8(ascii: "%"): output.append(UInt8(ascii: "%"))
            default: return nil
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
