/// Plain text of an HTML fragment: tags and comments dropped, block-level tags
/// turned into word breaks, common character references decoded, runs of
/// ASCII white space collapsed to one space.
enum PlainText {
    static func fromHTML(_ html: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var scalars = html.unicodeScalars[...]
        func emit(_ scalar: Unicode.Scalar) {
            // Only white space of the markup collapses; a decoded &nbsp; stays.
            if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{0C}" {
                pendingSpace = !out.isEmpty
                return
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(scalar)
        }
        while let scalar = scalars.first {
            scalars = scalars.dropFirst()
            if scalar == "<" {
                // Skip a comment or a tag; block-level tags separate words.
                if scalars.starts(with: "!--".unicodeScalars) {
                    if let end = scalars.indices.first(where: { scalars[$0...].starts(with: "-->".unicodeScalars) }) {
                        scalars = scalars[end...].dropFirst(3)
                    } else { scalars = scalars[scalars.endIndex...] }
                } else if let next = scalars.first, next.properties.isAlphabetic || next == "/" || next == "!" {
                    let name = scalars.prefix { $0 != ">" && !$0.properties.isWhitespace }
                    if let end = scalars.firstIndex(of: ">") { scalars = scalars[scalars.index(after: end)...] } else {
                        scalars = scalars[scalars.endIndex...]
                    }
                    var tag = String(String.UnicodeScalarView(name)).lowercased()
                    if tag.hasPrefix("/") { tag.removeFirst() }
                    if tag.hasSuffix("/") { tag.removeLast() }
                    if blockTags.contains(tag) { pendingSpace = !out.isEmpty }
                } else {
                    emit(scalar)
                }
            } else if scalar == "&" {
                let ref = scalars.prefix(while: { $0 != ";" && $0 != "<" && $0 != "&" && !$0.properties.isWhitespace }).prefix(12)
                let after = scalars.index(scalars.startIndex, offsetBy: ref.count)
                if after < scalars.endIndex, scalars[after] == ";", let decoded = decode(String(String.UnicodeScalarView(ref))) {
                    if decoded == " " { emit(decoded) } else {
                        if pendingSpace { out.append(" "); pendingSpace = false }
                        out.append(decoded)
                    }
                    scalars = scalars[scalars.index(after: after)...]
                } else {
                    emit(scalar)
                }
            } else {
                emit(scalar)
            }
        }
        return String(out)
    }

    private static let blockTags: Set<String> = [
        "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
        "figure", "figcaption", "table", "tr", "td", "th", "hr", "section", "article", "dd", "dt",
    ]

    private static func decode(_ reference: String) -> Unicode.Scalar? {
        switch reference {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return "\u{00A0}"
        case "mdash": return "\u{2014}"
        case "ndash": return "\u{2013}"
        case "hellip": return "\u{2026}"
        case "lsquo": return "\u{2018}"
        case "rsquo": return "\u{2019}"
        case "ldquo": return "\u{201C}"
        case "rdquo": return "\u{201D}"
        default:
            guard reference.hasPrefix("#") else { return nil }
            let digits = reference.dropFirst()
            let value: UInt32?
            if digits.hasPrefix("x") || digits.hasPrefix("X") {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            guard let v = value, let scalar = Unicode.Scalar(v), XMLText.isAllowed(scalar) else { return nil }
            return scalar
        }
    }
}
