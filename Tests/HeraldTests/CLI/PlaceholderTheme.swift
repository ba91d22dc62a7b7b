/// A tiny theme for tests that build: the template engine is not needed to
/// check what surrounds it, and the repository's Templates/ may be empty.
enum PlaceholderTheme {
    static let files: [(path: String, bytes: [UInt8])] = [
        ("article.html", Array("<!doctype html><title>{{ page.title }}</title>\n".utf8)),
        ("index.html", Array("<!doctype html><title>{{ site.title }}</title>\n".utf8)),
        ("page.html", Array("<!doctype html><title>{{ page.title }}</title>\n".utf8)),
        ("404.html", Array("<!doctype html><title>Not found</title>\n".utf8)),
        ("assets/style.css", Array("body { margin: 0 }\n".utf8)),
    ]

    static func write(into site: TemporarySite) throws {
        for file in files {
            try site.writeBytes(file.bytes, to: "Templates/" + file.path)
        }
    }
}
