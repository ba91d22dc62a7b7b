/// `redirects:` in site.yml: which redirect files a build writes, and the
/// bulk map of old paths to new ones (e.g. after a migration).
public struct RedirectSettings: Sendable, Equatable {
    public var formats: Set<RedirectFormat> = Set(RedirectFormat.allCases)
    /// `redirects.map`, in the order of site.yml.
    public var map: [RedirectRule] = []
    public init() {}
}

/// A kind of redirect file (see `RedirectFiles`).
public enum RedirectFormat: String, Sendable, CaseIterable, Comparable {
    /// A page at each old path: meta refresh, canonical link, a plain link.
    case html
    /// `/_redirects`, read by Netlify and Cloudflare Pages.
    case netlify
    /// `/.htaccess` for Apache's mod_rewrite.
    case apache
    /// `/nginx-redirects.conf`, to include in an nginx `server` block.
    case nginx

    public static func < (a: RedirectFormat, b: RedirectFormat) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One entry of `redirects.map`, with where site.yml says it (for errors).
public struct RedirectRule: Sendable, Equatable {
    public var from: String
    public var to: String
    public var line: Int
    public var column: Int

    public init(from: String, to: String, line: Int = 0, column: Int = 0) {
        self.from = from
        self.to = to
        self.line = line
        self.column = column
    }
}
