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
    static func format(_ date: Date, _ format: String, timeZone: TimeZone) -> String? {
        let c = civil(date, timeZone: timeZone)
        var output = ""
        output.reserveCapacity(format.utf8.count + 16)
        var scalars = format.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "%" else {
                output.unicodeScalars.append(scalar)
                continue
            }
            guard var code = scalars.next() else { return nil }
            var width = 2
            if code == "-" {
                guard let next = scalars.next() else { return nil }
                code = next
                width = 1
            }
            let hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12
            switch code {
            case "Y": pad(c.year, width == 1 ? 1 : 4, into: &output)
            case "m": pad(c.month, width, into: &output)
            case "d": pad(c.day, width, into: &output)
            case "e": pad(c.day, width, into: &output, padding: " ")
            case "H": pad(c.hour, width, into: &output)
            case "I": pad(hour12, width, into: &output)
            case "M": pad(c.minute, width, into: &output)
            case "S": pad(c.second, width, into: &output)
            case "j": pad(c.dayOfYear, width == 1 ? 1 : 3, into: &output)
            case "y": pad(c.year % 100, width, into: &output)
            case "p": output += c.hour < 12 ? "AM" : "PM"
            case "A": output += dayNames[c.weekday]
            case "a": output += dayNames[c.weekday].prefix(3)
            case "B": output += monthNames[c.month - 1]
            case "b": output += monthNames[c.month - 1].prefix(3)
            case "Z": output += abbreviation(timeZone, date)
            case "z": appendOffset(c.offset, colon: false, into: &output)
            case "F":
                pad(c.year, 4, into: &output)
                output += "-"
                pad(c.month, 2, into: &output)
                output += "-"
                pad(c.day, 2, into: &output)
            case "T":
                pad(c.hour, 2, into: &output)
                output += ":"
                pad(c.minute, 2, into: &output)
                output += ":"
                pad(c.second, 2, into: &output)
            case "%": output += "%"
            default: return nil
            }
        }
        return output
    }
}
