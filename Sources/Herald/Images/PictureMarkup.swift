/// The `<picture>` element that shows a processed image (DESIGN §11): a
/// `<source>` per extra format, best first, and an `<img>` in the source's
/// format with `srcset`, `sizes`, `width` and `height`, so that the browser
/// picks the smallest file that fills the slot and the page does not move
/// as it loads.
enum PictureMarkup {
    /// The slot of a body or lead image: the reading column, else the screen.
    static let defaultSizes = "(min-width: 46rem) 44rem, 100vw"

    /// - Parameters:
    ///   - alt: the alternative text, plain (it is escaped here).
    ///   - priority: the page's main image (the lead of an article): loaded
    ///     at once, where every other image waits until it nears the screen.
    static func html(_ image: ImageCatalog.Image, catalog: ImageCatalog, alt: String, sizes: String = defaultSizes, priority: Bool = false, className: String? = nil) -> String {
        let sizes = HTMLEscaping.escape(sizes)
        var html = "<picture>"
        // AVIF before WebP: a browser takes the first type it supports.
        let order: [ImageFormat] = [.avif, .webp, .jpeg, .png]
        for format in order where format != image.format && !image.renditions(in: format).isEmpty {
            html += "<source type=\"\(format.mediaType)\" srcset=\"\(HTMLEscaping.escape(catalog.srcset(image, format: format)))\" sizes=\"\(sizes)\">"
        }
        let fallback = image.rendition(width: 800, format: image.format) ?? image.largest
        html += "<img"
        if let className { html += " class=\"\(HTMLEscaping.escape(className))\"" }
        html += " src=\"\(HTMLEscaping.escape(catalog.url(fallback)))\" srcset=\"\(HTMLEscaping.escape(catalog.srcset(image)))\" sizes=\"\(sizes)\""
        html += " width=\"\(image.largest.width)\" height=\"\(image.largest.height)\" alt=\"\(HTMLEscaping.escape(alt))\""
        // The main image is not lazy; `fetchpriority="high"` would also
        // raise it, but the Nu HTML Checker the theme is validated with
        // rejects that attribute still.
        html += priority ? " loading=\"eager\" decoding=\"async\">" : " loading=\"lazy\" decoding=\"async\">"
        return html + "</picture>"
    }
}
