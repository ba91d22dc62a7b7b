import Foundation
import Testing
@testable import Herald

/// Images through a whole build (DESIGN §11): oriented, stripped, resized,
/// never enlarged, cached, shown as `<picture>`, and bad ones located.
@Suite(.serialized) struct ImageProcessingTests {
    static let theme: [String: String] = [
        "Templates/article.html": """
            <!doctype html><title>{{ page.title }}</title>
            {{ page.image | picture(page.image_alt, true) }}
            {% set share = page.image | image(1200, "16:9") %}<meta property="og:image" content="{{ share.url | absolute_url }}" data-width="{{ share.width }}" data-height="{{ share.height }}">
            <p id="webp">{{ page.image | image(800, "webp") }}</p><p id="srcset">{{ page.image | srcset("avif") }}</p>
            {{ page.content }}

            """,
        "Templates/index.html": "<!doctype html><title>{{ site.title }}</title>\n",
        "Templates/page.html": "<!doctype html><title>{{ page.title }}</title>\n",
    ]

    static func site(settings: String = "", fingerprint: Bool = false, article: String? = nil) throws -> TemporarySite {
        var files = theme
        files["site.yml"] = "title: T\nurl: https://news.example.org/\n" + settings
        files["Content/articles/2025-07-04-river.md"] = article ?? """
            ---
            title: River
            date: 2025-07-04
            image: /images/river.jpg
            image_alt: The river at dawn
            ---
            Upstream:

            ![The weir](/images/weir.jpg)

            """
        let site = try TemporarySite(files: files)
        return site
    }

    static func photo(_ site: TemporarySite, _ name: String, width: Int, height: Int, orientation: Int = 1) throws {
        try TestPhotos.jpeg(width: width, height: height, at: site.root.appendingPathComponent("Content/static/images/\(name)").path, orientation: orientation)
    }

    static func noFingerprints(_ site: TemporarySite) -> String { "" }

    @Test func cameraPhotosAreTurnedUprightStrippedAndResized() throws {
        let site = try Self.site()
        defer { site.remove() }
        // Stored 2000 × 1000, orientation 6: upright it is 1000 wide, 2000 high.
        try Self.photo(site, "river.jpg", width: 2000, height: 1000, orientation: 6)
        try Self.photo(site, "weir.jpg", width: 400, height: 300)
        #expect(try TestPhotos.metadata(of: site.root.path + "/Content/static/images/river.jpg").contains("GPSLatitude"), "the test photo has a GPS position")
        _ = try site.build()
        let outputs = try FileManager.default.contentsOfDirectory(atPath: site.root.path + "/Public/images").sorted()
        let river = outputs.filter { $0.hasPrefix("river.") && $0 != "river.jpg" }
        // 480 and 800 (1200 and 1600 are wider than the source) × JPEG, AVIF, WebP, plus three crops.
        #expect(river.filter { !$0.contains("x") }.count == 6, "\(outputs)")
        for name in river + ["river.jpg"] {
            let path = site.root.path + "/Public/images/" + name
            let (width, height) = try TestPhotos.size(of: path)
            if name.contains("x") { continue }
            #expect(width <= 1000, "\(name) is never wider than the upright source")
            if name.contains(".800.") { #expect((width, height) == (800, 1600), "\(name) is upright: \(width)×\(height)") }
            let metadata = try TestPhotos.metadata(of: path)
            #expect(!metadata.contains("GPS"), "\(name): \(metadata)")
            #expect(!metadata.contains("Herald Test Camera"), "\(name): \(metadata)")
            #expect(!metadata.contains("Orientation"), "\(name): \(metadata)")
        }
        // The source's own path serves the stripped widest rendition, not the camera file.
        #expect(try TestPhotos.size(of: site.root.path + "/Public/images/river.jpg") == (800, 1600))
        // A source narrower than every width is published at its own width, never enlarged.
        let weir = outputs.filter { $0.hasPrefix("weir.") && !$0.contains("x") && $0 != "weir.jpg" }
        #expect(weir.count == 3, "\(outputs)")
        for name in weir { #expect(try TestPhotos.size(of: site.root.path + "/Public/images/" + name) == (400, 300)) }
    }

    @Test func pagesShowPicturesWithEveryFormatAndTheirSize() throws {
        let site = try Self.site(settings: "images:\n  widths: [320, 640]\n")
        defer { site.remove() }
        try Self.photo(site, "river.jpg", width: 1600, height: 1200)
        try Self.photo(site, "weir.jpg", width: 800, height: 600)
        _ = try site.build()
        let page = try #require(site.read("Public/2025/07/river/index.html"))
        let hash = String(ImageCache.hex(Checksum.of([UInt8](try Data(contentsOf: site.root.appendingPathComponent("Content/static/images/river.jpg"))))).prefix(8))
        let lead = "<picture><source type=\"image/avif\" srcset=\"/images/river.\(hash).320.avif 320w, /images/river.\(hash).640.avif 640w\" sizes=\"\(PictureMarkup.defaultSizes)\">"
            + "<source type=\"image/webp\" srcset=\"/images/river.\(hash).320.webp 320w, /images/river.\(hash).640.webp 640w\" sizes=\"\(PictureMarkup.defaultSizes)\">"
            + "<img src=\"/images/river.\(hash).640.jpg\" srcset=\"/images/river.\(hash).320.jpg 320w, /images/river.\(hash).640.jpg 640w\" sizes=\"\(PictureMarkup.defaultSizes)\""
            + " width=\"640\" height=\"480\" alt=\"The river at dawn\" loading=\"eager\" decoding=\"async\"></picture>"
        #expect(page.contains(lead), "\(page)")
        // Body images wait until they near the screen.
        #expect(page.contains("alt=\"The weir\" loading=\"lazy\" decoding=\"async\"></picture>"), "\(page)")
        #expect(page.contains("<p id=\"webp\">/images/river.\(hash).640.webp</p>"), "the widest there is when none is as wide: \(page)")
        #expect(page.contains("content=\"https://news.example.org/images/river.\(hash).1200x675.jpg\" data-width=\"1200\" data-height=\"675\""), "\(page)")
        for path in ["river.\(hash).320.avif", "river.\(hash).640.webp", "river.\(hash).1200x675.jpg", "river.\(hash).1200x900.jpg", "river.\(hash).1200x1200.jpg"] {
            #expect(site.exists("Public/images/" + path), "\(path)")
        }
        #expect(try TestPhotos.size(of: site.root.path + "/Public/images/river.\(hash).1200x1200.jpg") == (1200, 1200))
        // The feed's enclosure is the JPEG up to 1200 pixels wide, with its real length.
        let feed = try #require(site.read("Public/feed.xml"))
        let size = try #require(FileMetadata(path: site.root.path + "/Public/images/river.\(hash).640.jpg")?.size)
        #expect(feed.contains("type=\"image/jpeg\" length=\"\(size)\" href=\"https://news.example.org/images/river.\(hash).640.jpg\""), "\(feed)")
    }

    @Test func aRebuildReusesTheCacheAndPrunesWhatIsNoLongerUsed() throws {
        let site = try Self.site(settings: "images:\n  widths: [320]\n  formats: [webp]\n")
        defer { site.remove() }
        try Self.photo(site, "river.jpg", width: 800, height: 600)
        try Self.photo(site, "weir.jpg", width: 800, height: 600)
        _ = try site.build()
        let cache = site.root.path + "/.herald/images"
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0 != "index" }.sorted()
        #expect(entries.count == 2)
        let manifest = cache + "/" + entries[0] + "/manifest"
        let before = try #require(FileMetadata(path: manifest))
        let page = site.read("Public/2025/07/river/index.html")
        // A full build (the theme changed) with the images as they were: nothing is processed again.
        try site.write(Self.theme["Templates/article.html"]! + "<!-- edited -->\n", to: "Templates/article.html")
        try FileManager.default.removeItem(atPath: site.root.path + "/Public")
        _ = try site.build()
        #expect(FileMetadata(path: manifest) == before, "the cached entry is reused, not written again")
        #expect(site.read("Public/2025/07/river/index.html") == page.map { $0 + "<!-- edited -->\n" })
        // Another photo in place of one: its entry is made, the old one pruned, and the page shows the new one.
        try FileManager.default.removeItem(atPath: site.root.path + "/Content/static/images/weir.jpg")
        try Self.photo(site, "weir.jpg", width: 400, height: 300)
        try site.age()
        _ = try site.build()
        let after = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0 != "index" }.sorted()
        #expect(after.count == 2 && after != entries, "\(entries) → \(after)")
        #expect(after.contains(entries[0]) || after.contains(entries[1]), "the unchanged photo keeps its entry")
        let rebuilt = try #require(site.read("Public/2025/07/river/index.html"))
        #expect(rebuilt.contains("width=\"320\" height=\"240\" alt=\"The weir\""), "\(rebuilt)")
        // And the output is what a clean build makes.
        let clean = try Self.site(settings: "images:\n  widths: [320]\n  formats: [webp]\n")
        defer { clean.remove() }
        try FileManager.default.removeItem(at: clean.root)
        try FileManager.default.copyItem(at: site.root, to: clean.root)
        for leftover in [".herald", "Public", ".Public.herald-cache", ".Public.herald-content"] { try? FileManager.default.removeItem(atPath: clean.root.path + "/" + leftover) }
        _ = try clean.build()
        #expect(clean.read("Public/2025/07/river/index.html") == rebuilt)
    }

    @Test(arguments: ["truncated", "lying extension", "not an image", "too many pixels"])
    func aBadImageIsAnErrorAtTheContentThatUsesIt(damage: String) throws {
        let site = try Self.site(settings: damage == "too many pixels" ? "images:\n  max_pixels: 100000\n" : "")
        defer { site.remove() }
        try Self.photo(site, "river.jpg", width: 800, height: 600)
        try Self.photo(site, "weir.jpg", width: 800, height: 600)
        let weir = site.root.appendingPathComponent("Content/static/images/weir.jpg")
        switch damage {
        case "truncated":
            let bytes = try Data(contentsOf: weir)
            try bytes.prefix(bytes.count / 2).write(to: weir)
        case "lying extension":
            try FileManager.default.removeItem(at: weir)
            try TestPhotos.jpeg(width: 64, height: 64, at: weir.path + ".png", format: "png")
            try FileManager.default.moveItem(atPath: weir.path + ".png", toPath: weir.path)
        case "not an image":
            try site.write("<html>not a photo</html>", to: "Content/static/images/weir.jpg")
        default: break
        }
        let errors = site.buildErrors()
        let weirErrors = errors.filter { $0.message.contains("weir.jpg") }
        #expect(weirErrors.count == 1, "\(errors)")
        let error = try #require(weirErrors.first)
        #expect(error.path == "Content/articles/2025-07-04-river.md")
        #expect(error.line == 9, "the line of the body that shows it: \(error)")
        #expect(!site.exists("Public/index.html"), "nothing is published")
        if damage == "too many pixels" {
            #expect(error.message.contains("images.max_pixels"), "\(error.message)")
            // The lead image is located at its front matter line.
            let lead = try #require(errors.first { $0.message.contains("river.jpg") })
            #expect(lead.line == 4, "\(lead)")
        }
        if damage == "lying extension" { #expect(error.message.contains("PNG"), "\(error.message)") }
    }

    @Test func anUnusedBadImageIsCopiedAsItIs() throws {
        let site = try Self.site()
        defer { site.remove() }
        try Self.photo(site, "river.jpg", width: 800, height: 600)
        try Self.photo(site, "weir.jpg", width: 800, height: 600)
        try site.write("not a picture", to: "Content/static/images/broken.png")
        try site.write("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", to: "Content/static/images/map.svg")
        _ = try site.build()
        #expect(site.read("Public/images/broken.png") == "not a picture")
        #expect(site.read("Public/images/map.svg") == "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "SVG is copied as it is")
    }
}
