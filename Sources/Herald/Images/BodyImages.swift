import Foundation

/// Rewrites the images of a rendered body as `<picture>` elements (see
/// `PictureMarkup`), and finds those that cannot be published.
///
/// Only `<img>` elements as libcmark writes them (`src`, `alt`, optional
/// `title`) are rewritten: an element written as raw HTML with attributes of
/// its own is the author's, and is left as it is.
enum BodyImages {
    struct Result {
        var html: String
        /// The `src` of each image whose source cannot be processed, with why.
        var problems: [(src: String, message: String)]
    }

    static func rewrite(_ html: String, catalog: ImageCatalog) -> Result {
        guard !catalog.images.isEmpty || !catalog.problems.isEmpty, html.contains("<img ") else { return Result(html: html, problems: []) }
        var output = ""
        var problems: [(String, String)] = []
        var rest = Substring(html)
        while let start = rest.range(of: "<img src=\"") {
            output += rest[..<start.lowerBound]
            let afterSrc = rest[start.upperBound...]
            guard let srcEnd = afterSrc.firstIndex(of: "\""), afterSrc[srcEnd...].hasPrefix("\" alt=\""),
                let tagEnd = afterSrc.range(of: " />")
            else {
                output += rest[start]
                rest = afterSrc
                continue
            }
            let src = unescape(afterSrc[..<srcEnd])
            let altStart = afterSrc.index(srcEnd, offsetBy: 7)
            let attributes = afterSrc[altStart..<tagEnd.lowerBound]
            guard let altEnd = attributes.firstIndex(of: "\""), attributes[altEnd...] == "\"" || attributes[altEnd...].hasPrefix("\" title=\"") else {
                output += rest[start]
                rest = afterSrc
                continue
            }
            let alt = unescape(attributes[..<altEnd])
            if let image = catalog.image(src) {
                output += PictureMarkup.html(image, catalog: catalog, alt: alt)
            } else {
                if let problem = catalog.problem(src) { problems.append((src, problem)) }
                output += rest[start.lowerBound..<tagEnd.upperBound]
            }
            rest = afterSrc[tagEnd.upperBound...]
        }
        output += rest
        return Result(html: output, problems: problems)
    }

    /// An attribute value as libcmark escapes it, unescaped.
    private static func unescape(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
