import Foundation

/// Date formats of feeds, computed with plain arithmetic so that they depend on
/// nothing but the date and the zone (no locale, no shared formatter state).
enum FeedDates {
    /// RFC 3339 with the zone's offset at that instant: `2025-07-04T09:14:00-04:00`
    /// (`Z` when the offset is zero). Whole seconds.
    static func rfc3339(_ date: Date, in zone: TimeZone) -> String {
        let c = Civil(date, zone)
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))"
            + offset(c.offsetMinutes, colon: true)
    }

    /// RFC 822 (as updated by RFC 1123/2822) with a numeric offset:
    /// `Fri, 04 Jul 2025 09:14:00 -0400`.
    static func rfc822(_ date: Date, in zone: TimeZone) -> String {
        let c = Civil(date, zone)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(days[c.weekday]), \(pad(c.day)) \(months[c.month - 1]) \(pad(c.year, 4)) "
            + "\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second)) " + offset(c.offsetMinutes, colon: false)
    }

    /// `YYYY-MM-DD` of the date in the zone (the date part of `tag:` ids).
    static func day(_ date: Date, in zone: TimeZone) -> String {
        let c = Civil(date, zone)
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))"
    }

    private static func offset(_ minutes: Int, colon: Bool) -> String {
        if minutes == 0 && colon { return "Z" }
        let sign = minutes < 0 ? "-" : "+"
        let m = abs(minutes)
        return sign + pad(m / 60) + (colon ? ":" : "") + pad(m % 60)
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Calendar fields of an instant in a zone (proleptic Gregorian).
    private struct Civil {
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, weekday = 0
        var offsetMinutes = 0

        init(_ date: Date, _ zone: TimeZone) {
            // Offsets are written in whole minutes, so local time uses the same.
            offsetMinutes = zone.secondsFromGMT(for: date) / 60
            let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offsetMinutes * 60
            var days = seconds / 86_400
            var rest = seconds % 86_400
            if rest < 0 { rest += 86_400; days -= 1 }
            hour = rest / 3600
            minute = rest % 3600 / 60
            second = rest % 60
            weekday = ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday (4)
            // Howard Hinnant's civil_from_days.
            let z = days + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let doe = z - era * 146_097
            let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            let mp = (5 * doy + 2) / 153
            day = doy - (153 * mp + 2) / 5 + 1
            month = mp < 10 ? mp + 3 : mp - 9
            year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        }
    }
}
