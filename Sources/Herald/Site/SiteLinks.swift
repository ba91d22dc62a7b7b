/// Turns links written by users (front matter image paths, `site.yml` logo)
/// into served and absolute URLs.
enum SiteLinks {
    static func hasScheme(_ link: String) -> Bool {
        // Byte by byte while the text is ASCII: this runs for every image and
        // link a page shows, and a search by characters was a visible cost.
        for byte in link.utf8 {
            switch byte {
            case UInt8(ascii: ":"): return true
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                continue
            case 0x80...: return hasSchemeByCharacters(link)
            default:
                // Not a scheme character: a URL only if it has no colon and starts with "//".
                return link.utf8.contains(UInt8(ascii: ":")) ? false : link.hasPrefix("//")
            }
        }
        return link.hasPrefix("//")
    }

    /// The same test for text with non-ASCII characters, which may be letters or digits.
    private static func hasSchemeByCharacters(_ link: String) -> Bool {
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
