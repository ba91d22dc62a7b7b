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
        value.zeroPadded(width)
    }

    /// Calendar fields of an instant in a zone (proleptic Gregorian).
    private struct Civil {
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, weekday = 0
        var offsetMinutes = 0

        init(_ date: Date, _ zone: TimeZone) {
            // Offsets are written in whole minutes, so local time uses the same.
            offsetMinutes = zone.secondsFromGMT(for: date) / 60
            let fields = CivilDate.fields(localSeconds: Int(date.timeIntervalSince1970.rounded(.down)) + offsetMinutes * 60)
            (year, month, day) = (fields.year, fields.month, fields.day)
            (hour, minute, second, weekday) = (fields.hour, fields.minute, fields.second, fields.weekday)
        }
    }
}
