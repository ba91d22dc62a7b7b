/// The body of a template page: a `.html` file in `Content/pages/`, which
/// is rendered through the template language (with `site` and `page`) and
/// then placed in the page's layout. Compiled with the theme, so that it
/// can include the theme's partials and its errors come with the theme's.
public struct TemplatePageSource: Sendable {
    /// Site-root-relative path of the file (`Content/pages/contact.html`).
    public var path: String
    /// The text after the front matter.
    public var body: String
    /// The line of the file the body starts at.
    public var firstLine: Int
    /// The whole file, to show the line of an error.
    public var file: String

    public init(path: String, body: String, firstLine: Int, file: String) {
        self.path = path
        self.body = body
        self.firstLine = firstLine
        self.file = file
    }

    /// The name the library knows the body by: no file in the theme can
    /// have it (it starts with a NUL), so no template can include it.
    public static func templateName(of path: String) -> String {
        "\u{0}page:" + path
    }

    /// A body that renders as `html` itself: every `{{`, `{%` and `{#` is
    /// written as an output of that text (what `import wordpress` writes
    /// into the pages it imports, which are HTML, not templates).
    static func literal(_ html: String) -> String {
        guard html.contains("{") else { return html }
        var result = ""
        result.reserveCapacity(html.utf8.count)
        var previousWasBrace = false
        for character in html {
            if previousWasBrace && (character == "{" || character == "%" || character == "#") {
                result.removeLast()
                result += "{{ \"{\(character)\" }}"
                previousWasBrace = false
                continue
            }
            result.append(character)
            previousWasBrace = character == "{"
        }
        return result
    }

    /// Whether a content file is a template page.
    static func isTemplatePage(_ sourcePath: String) -> Bool {
        sourcePath.hasPrefix("Content/pages/") && sourcePath.hasSuffix(".html")
    }

    /// The template pages among `sources` (site-root-relative paths below
    /// `root`). A file that cannot be read or split is left out: loading
    /// the content reports it.
    static func load(root: String, sources: [String]) -> [TemplatePageSource] {
        sources.filter(isTemplatePage).compactMap { path in
            guard case .success(let text) = SourceFiles.readText(root + "/" + path, displayPath: path),
                case .success(let frontMatter) = FrontMatter.split(text, path: path)
            else { return nil }
            return TemplatePageSource(path: path, body: String(frontMatter.body), firstLine: frontMatter.bodyLineOffset + 1, file: text)
        }
    }
}
