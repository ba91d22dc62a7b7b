import Foundation

/// Proleptic Gregorian calendar arithmetic on whole seconds, without
/// Foundation's `Calendar` (slow, and locale-dependent): shared by date
/// parsing, permalinks, the archive, feeds and the template `date` filter.
/// The conversions follow Howard Hinnant's well-known days-from-civil and
/// civil-from-days algorithms.
enum CivilDate {
    struct Fields {
        var year: Int
        var month: Int
        var day: Int
        var hour: Int
        var minute: Int
        var second: Int
        /// 0 for Sunday through 6 for Saturday.
        var weekday: Int
        /// Days since 1970-01-01.
        var dayNumber: Int
    }

    /// Days since 1970-01-01 of a date.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The fields of a count of seconds since 1970-01-01T00:00, read as a
    /// wall-clock time (callers add the zone's offset first).
    static func fields(localSeconds seconds: Int) -> Fields {
        let dayNumber = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - dayNumber * 86_400
        let z = dayNumber + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return Fields(
            year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day,
            hour: secondOfDay / 3600, minute: secondOfDay % 3600 / 60, second: secondOfDay % 60,
            // 1970-01-01 was a Thursday.
            weekday: ((dayNumber % 7) + 11) % 7, dayNumber: dayNumber)
    }

    /// The fields of an instant in a time zone.
    static func fields(of date: Date, in timeZone: TimeZone) -> Fields {
        fields(localSeconds: Int(date.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: date))
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}

extension Int {
    /// The number in decimal with leading zeros up to `width` digits (without
    /// `String(format:)`, which is slow on Linux).
    func zeroPadded(_ width: Int) -> String {
        let digits = String(self)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
