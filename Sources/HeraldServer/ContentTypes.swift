/// The `Content-Type` of each file the preview server sends, by extension.
public enum ContentTypes {
    static let byExtension: [String: String] = [
        "html": "text/html; charset=utf-8",
        "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "application/javascript; charset=utf-8",
        "mjs": "application/javascript; charset=utf-8",
        "json": "application/json",
        "xml": "application/xml",
        "xsl": "application/xslt+xml",
        "xslt": "application/xslt+xml",
        "txt": "text/plain; charset=utf-8",
        "md": "text/plain; charset=utf-8",
        "svg": "image/svg+xml",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "avif": "image/avif",
        "ico": "image/x-icon",
        "woff": "font/woff",
        "woff2": "font/woff2",
        "ttf": "font/ttf",
        "otf": "font/otf",
        "pdf": "application/pdf",
        "mp3": "audio/mpeg",
        "mp4": "video/mp4",
        "webm": "video/webm",
        "wasm": "application/wasm",
        "webmanifest": "application/manifest+json",
    ]

    /// Feeds by their DESIGN §6 names; other `.xml` files (sitemaps) are `application/xml`.
    static let byFileName: [String: String] = [
        "feed.xml": "application/atom+xml",
        "atom.xml": "application/atom+xml",
        "rss.xml": "application/rss+xml",
        "feed.json": "application/feed+json",
    ]

    /// The content type of a file, by its name; `application/octet-stream` when unknown.
    public static func forPath(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let type = byFileName[name.lowercased()] { return type }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "application/octet-stream" }
        return byExtension[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }
}
