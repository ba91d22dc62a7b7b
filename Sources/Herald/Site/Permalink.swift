import Foundation

/// Permalink patterns such as `/:year/:month/:slug/` (DESIGN §2).
public enum Permalink {
    /// Why `pattern` is not usable, or `nil` when it is.
    static func problem(in pattern: String, allowedTokens: Set<String>) -> String? {
        guard pattern.hasPrefix("/") else { return "a permalink starts with '/'" }
        guard pattern.contains(":slug") || pattern.contains(":filename") else {
            return "a permalink must contain :slug or :filename so that two items never share a URL"
        }
        for segment in pattern.split(separator: "/") {
            if segment == ".." || segment == "." { return "'\(segment)' would leave the output folder" }
            for token in tokens(in: segment) where !allowedTokens.contains(token) {
                return "unknown token '\(token)'; use \(allowedTokens.sorted().joined(separator: " "))"
            }
        }
        return nil
    }

    /// The tokens of one segment: every `:` and the ASCII letters after it.
    static func tokens(in segment: Substring) -> [String] {
        var result: [String] = []
        var rest = segment[...]
        while let colon = rest.firstIndex(of: ":") {
            let name = rest[rest.index(after: colon)...].prefix { $0.isASCII && $0.isLetter }
            result.append(":" + name)
            rest = rest[rest.index(colon, offsetBy: 1 + name.count)...]
        }
        return result
    }

    /// The site path of an item: tokens replaced, always ending with `/`.
    /// `value` in decimal with leading zeros to `width` digits (without
    /// `String(format:)`, which is slow on Linux).
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    static func expand(_ pattern: String, slug: String, fileName: String = "", date: Date?, section: String?, timeZone: TimeZone) -> String {
        var parts: [String] = []
        var fields: (year: Int, month: Int, day: Int)?
        if let date {
            fields = CivilDate.fields(of: date, in: timeZone)
        }
        func value(of token: String) -> String {
            switch token {
            case ":slug": return slug
            case ":filename": return fileName
            case ":year": return fields.map { padded($0.year, 4) } ?? ""
            case ":month": return fields.map { padded($0.month, 2) } ?? ""
            case ":day": return fields.map { padded($0.day, 2) } ?? ""
            case ":section": return section.map(Slug.make) ?? ""
            default: return token
            }
        }
        for segment in pattern.split(separator: "/", omittingEmptySubsequences: true) {
            // Tokens may share a segment with text or other tokens: `/:year-:month/`.
            var expanded = ""
            var rest = segment[...]
            while let colon = rest.firstIndex(of: ":") {
                expanded += rest[..<colon]
                let name = rest[rest.index(after: colon)...].prefix { $0.isASCII && $0.isLetter }
                let token = ":" + name
                expanded += value(of: String(token))
                rest = rest[rest.index(colon, offsetBy: token.count)...]
            }
            expanded += rest
            parts.append(expanded)
        }
        let path = "/" + parts.filter { !$0.isEmpty }.joined(separator: "/")
        return path.hasSuffix("/") ? path : path + "/"
    }
}

/// Calendar fields of an instant in a time zone, computed without `Calendar`.
enum CivilDate {
    static func fields(of date: Date, in timeZone: TimeZone) -> (year: Int, month: Int, day: Int) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: date)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        // Civil from days, after Howard Hinnant's well-known algorithm.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
