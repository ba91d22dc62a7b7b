import Foundation
import Testing
@testable import Herald

@Suite struct DateParserTests {
    let newYork = DateParser(timeZone: TimeZone(identifier: "America/New_York")!)

    @Test(arguments: [
        ("2025-07-04T09:14:00-04:00", 1_751_634_840.0),
        ("2025-07-04T13:14:00Z", 1_751_634_840.0),
        ("2025-07-04T13:14:00.5Z", 1_751_634_840.5),
        ("2025-07-04T18:44:00+05:30", 1_751_634_840.0),
        // Local forms are read in the site's zone (EDT in July, EST in January).
        ("2025-07-04 09:14", 1_751_634_840.0),
        ("2025-07-04T09:14:00", 1_751_634_840.0),
        ("2025-07-04", 1_751_601_600.0),
        ("2025-01-15 12:00:00", 1_736_960_400.0),
        // White space around the date is ignored: ASCII, and any other kind.
        (" 2025-07-04T13:14:00Z\t", 1_751_634_840.0),
        ("\t 2025-07-04 ", 1_751_601_600.0),
        ("\u{00A0}2025-07-04\u{2003}", 1_751_601_600.0),
    ])
    func parses(text: String, seconds: Double) {
        #expect(newYork.parse(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: ["yesterday", "2025-13-01", "2025-02-30", "2025-07-04 25:00", "07/04/2025", "2025-07-04T09:14:00+4", "2025-7-4", "", "  ", "\u{00A0}"])
    func rejects(text: String) {
        #expect(newYork.parse(text) == nil)
    }

    @Test func civilFieldsFollowTheZone() {
        // 02:30 UTC on July 5 is still July 4 in New York.
        let date = Date(timeIntervalSince1970: 1_751_682_600)
        let fields = CivilDate.fields(of: date, in: TimeZone(identifier: "America/New_York")!)
        #expect(fields.year == 2025 && fields.month == 7 && fields.day == 4)
    }
}
