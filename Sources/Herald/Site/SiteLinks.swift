/// Turns links written by users (front matter image paths, `site.yml` logo)
/// into served and absolute URLs.
enum SiteLinks {
    static func hasScheme(_ link: String) -> Bool {
        guard let colon = link.firstIndex(of: ":") else { return link.hasPrefix("//") }
        return link[..<colon].allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }

    /// A site path becomes its served path under the subpath; URLs stay as they are.
    static func served(_ link: String, site: SiteURL) -> String {
        hasScheme(link) ? link : site.relative(link.hasPrefix("/") ? link : "/" + link)
    }

    /// A site path becomes its absolute URL; URLs stay as they are.
    static func absolute(_ link: String, site: SiteURL) -> String {
        if link.hasPrefix("//") { return "https:" + link }
        return hasScheme(link) ? link : site.absolute(link.hasPrefix("/") ? link : "/" + link)
    }
}

/// Plain text of an HTML fragment, for meta descriptions.
enum PlainText {
    static func fromHTML(_ html: String) -> String {
        var text = ""
        text.reserveCapacity(html.utf8.count)
        var inTag = false
        var lastWasSpace = true
        for character in html {
            if character == "<" { inTag = true; continue }
            if character == ">" && inTag {
                inTag = false
                if !lastWasSpace { text.append(" "); lastWasSpace = true }
                continue
            }
            if inTag { continue }
            if character.isWhitespace {
                if !lastWasSpace { text.append(" "); lastWasSpace = true }
            } else {
                text.append(character)
                lastWasSpace = false
            }
        }
        if text.hasSuffix(" ") { text.removeLast() }
        return decodeEntities(text)
    }

    /// Decodes the entities libcmark writes (`&amp; &lt; &gt; &quot;` and numeric ones).
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[amp...]
            guard let semicolon = after.prefix(12).firstIndex(of: ";") else {
                result += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = after[after.index(after: after.startIndex)..<semicolon]
            var decoded: String?
            switch entity {
            case "amp": decoded = "&"
            case "lt": decoded = "<"
            case "gt": decoded = ">"
            case "quot": decoded = "\""
            case "apos", "#39": decoded = "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let code = UInt32(entity.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code) {
                    decoded = String(scalar)
                } else if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(code) {
                    decoded = String(scalar)
                }
            }
            if let decoded {
                result += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result += "&"
                rest = rest[rest.index(after: amp)...]
            }
        }
        return result + rest
    }
}
