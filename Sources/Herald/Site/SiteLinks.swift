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
