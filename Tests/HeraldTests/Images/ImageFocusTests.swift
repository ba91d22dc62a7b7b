import Foundation
import Testing
@testable import Herald

/// `image_focus`: every share crop of a lead image keeps the point it names;
/// without it libvips's attention crop chooses, as before.
@Suite(.serialized) struct ImageFocusTests {
    /// A blue square in the bottom-right corner, where the focus goes; a
    /// red and green checkerboard at the top left, which attention prefers.
    static func photo(_ site: TemporarySite, _ name: String = "river.jpg") throws {
        let (width, height) = (1600, 800)
        var pixels = [UInt8](repeating: 128, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let at = (y * width + x) * 3
                if x >= width - 80, y >= height - 80 {
                    pixels[at] = 0; pixels[at + 1] = 0; pixels[at + 2] = 255
                } else if x < 400, y < 400 {
                    let red = (x / 20 + y / 20) % 2 == 0
                    pixels[at] = red ? 255 : 0; pixels[at + 1] = red ? 0 : 255; pixels[at + 2] = 0
                }
            }
        }
        let folder = site.root.appendingPathComponent("Content/static/images")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ppm = folder.path + "/" + name + ".ppm"
        try Data(Array("P6\n\(width) \(height)\n255\n".utf8) + pixels).write(to: URL(fileURLWithPath: ppm))
        defer { try? FileManager.default.removeItem(atPath: ppm) }
        try TestPhotos.run("vips", ["copy", ppm, folder.path + "/" + name + "[Q=95]"])
    }

    /// How many pixels of the (three-band) image at `path` are clearly blue.
    static func bluePixels(in path: String) throws -> Int {
        let raw = path + ".check.raw"
        try TestPhotos.run("vips", ["rawsave", path, raw])
        defer { try? FileManager.default.removeItem(atPath: raw) }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: raw)))
        var count = 0
        for at in stride(from: 0, to: bytes.count - 2, by: 3) where bytes[at] < 80 && bytes[at + 1] < 80 && bytes[at + 2] > 180 {
            count += 1
        }
        return count
    }

    static func article(focus: String?, image: Bool = true) -> String {
        "---\ntitle: River\ndate: 2025-07-04\n" + (image ? "image: /images/river.jpg\nimage_alt: The river\n" : "")
            + (focus.map { "image_focus: \($0)\n" } ?? "") + "---\nThe river rose.\n"
    }

    static func site(focus: String?, extra: [String: String] = [:]) throws -> TemporarySite {
        var files = ImageProcessingTests.theme
        files["site.yml"] = "title: T\nurl: https://news.example.org/\nassets:\n  fingerprint: false\nimages:\n  widths: [480]\n  formats: [webp]\n"
        files["Templates/article.html"] = """
            <!doctype html><title>{{ page.title }}</title>
            {% for shape in ["16:9", "4:3", "1:1"] %}{% set crop = page.image | image(1200, shape, page.image_focus) %}<meta name="crop" content="{{ crop.url }}" data-size="{{ crop.width }}x{{ crop.height }}">
            {% endfor %}{{ page.content }}

            """
        files["Content/articles/2025-07-04-river.md"] = article(focus: focus)
        files.merge(extra) { _, new in new }
        let site = try TemporarySite(files: files)
        try photo(site)
        return site
    }

    /// The crops a page links, as `(url, "WxH")`.
    static func crops(_ site: TemporarySite, page: String = "Public/2025/07/river/index.html") throws -> [(url: String, size: String)] {
        let html = try #require(site.read(page))
        return html.components(separatedBy: "<meta name=\"crop\" content=\"").dropFirst().map { part in
            let url = String(part.prefix { $0 != "\"" })
            let size = part.components(separatedBy: "data-size=\"")[1].prefix { $0 != "\"" }
            return (url, String(size))
        }
    }

    @Test func everyCropKeepsTheFocus() throws {
        let site = try Self.site(focus: "[0.975, 0.95]")
        defer { site.remove() }
        _ = try site.build()
        let crops = try Self.crops(site)
        #expect(crops.map(\.url) == ["/images/river.focus-9750-9500.1200x675.jpg", "/images/river.focus-9750-9500.1066x800.jpg", "/images/river.focus-9750-9500.800x800.jpg"])
        #expect(crops.map(\.size) == ["1200x675", "1066x800", "800x800"])
        for crop in crops {
            let path = site.root.path + "/Public" + crop.url
            let (width, height) = try TestPhotos.size(of: path)
            #expect("\(width)x\(height)" == crop.size, "exactly the crop's size")
            let blue = try Self.bluePixels(in: path)
            // The 80 × 80 square (less JPEG's fringe), at its scale in the crop.
            #expect(blue > 3500, "\(crop.url) keeps the blue corner: \(blue)")
        }
    }

    @Test func withoutAFocusAttentionChoosesAsBefore() throws {
        let site = try Self.site(focus: nil)
        defer { site.remove() }
        _ = try site.build()
        let crops = try Self.crops(site)
        #expect(crops.map(\.url) == ["/images/river.1200x675.jpg", "/images/river.1066x800.jpg", "/images/river.800x800.jpg"])
        // libvips's attention crop, as processing made it before image_focus.
        let source = try [UInt8](Data(contentsOf: site.root.appendingPathComponent("Content/static/images/river.jpg")))
        let attention = try ImageProcessor.process(source, claimed: .jpeg, settings: ImageSettings()).get().renditions.filter(\.isCrop)
        #expect(attention.count == 3)
        for (crop, made) in zip(crops, attention) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: site.root.path + "/Public" + crop.url)) == Data(made.bytes), "\(crop.url)")
        }
        #expect(!FileManager.default.fileExists(atPath: site.root.path + "/.herald/images/focus"), "no focus entries")
        let entries = try FileManager.default.contentsOfDirectory(atPath: site.root.path + "/.herald/images")
        #expect(!entries.contains { $0.contains("focus") }, "\(entries)")
    }

    @Test func aRegionIsTheLargestOfItsShapeAroundTheFocusWithinTheEdges() {
        let corner = ImageFocus(x: 1.0, y: 1.0)!
        #expect(FocusRegion(imageWidth: 1600, imageHeight: 800, across: 1, down: 1, focus: corner) == FocusRegion(left: 800, top: 0, width: 800, height: 800))
        let centre = ImageFocus(x: 0.5, y: 0.5)!
        #expect(FocusRegion(imageWidth: 1600, imageHeight: 800, across: 16, down: 9, focus: centre) == FocusRegion(left: 89, top: 0, width: 1422, height: 800))
        let top = ImageFocus(x: 0.5, y: 0.1)!
        #expect(FocusRegion(imageWidth: 1000, imageHeight: 2000, across: 4, down: 3, focus: top) == FocusRegion(left: 0, top: 0, width: 1000, height: 750))
        let low = ImageFocus(x: 0.5, y: 0.6)!
        #expect(FocusRegion(imageWidth: 1000, imageHeight: 2000, across: 4, down: 3, focus: low) == FocusRegion(left: 0, top: 825, width: 1000, height: 750))
    }

    @Test(arguments: [
        ("[1.5, 0.5]", "1.5 in 'image_focus' is outside 0–1", 6, 15),
        ("0.5", "'image_focus' must be two numbers", 6, 14),
        ("[0.5]", "'image_focus' must be two numbers", 6, 14),
        ("[left, top]", "'image_focus' must be two numbers", 6, 15),
        ("[-0.1, 0.2]", "-0.1 in 'image_focus' is outside 0–1", 6, 15),
    ])
    func aFocusThatIsNotTwoNumbersFromZeroToOneIsLocated(focus: String, message: String, line: Int, column: Int) throws {
        let site = try Self.site(focus: focus)
        defer { site.remove() }
        let errors = site.buildErrors()
        let error = try #require(errors.first { $0.message.contains("image_focus") }, "\(errors)")
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.path == "Content/articles/2025-07-04-river.md")
        #expect((error.line, error.column) == (line, column), "\(error)")
        #expect(!site.exists("Public/index.html"), "nothing is published")
    }

    @Test func aFocusWithoutAnImageIsLocated() throws {
        let site = try Self.site(focus: nil, extra: ["Content/articles/2025-07-05-weir.md": Self.article(focus: "[0.5, 0.5]", image: false)])
        defer { site.remove() }
        let errors = site.buildErrors()
        let error = try #require(errors.first { $0.message.contains("image_focus") }, "\(errors)")
        #expect(error.message.contains("without 'image'"), "\(error.message)")
        #expect(error.path == "Content/articles/2025-07-05-weir.md")
        #expect(error.line == 4, "\(error)")
    }

    @Test func twoArticlesWithOnePhotoAndTwoFociEachLinkTheirOwnCrops() throws {
        let site = try Self.site(focus: "[0.975, 0.95]", extra: [
            "Content/articles/2025-07-05-weir.md": Self.article(focus: "[0, 0]").replacingOccurrences(of: "title: River", with: "title: Weir"),
        ])
        defer { site.remove() }
        _ = try site.build()
        let river = try Self.crops(site)
        let weir = try Self.crops(site, page: "Public/2025/07/weir/index.html")
        #expect(river[2].url == "/images/river.focus-9750-9500.800x800.jpg")
        #expect(weir[2].url == "/images/river.focus-0-0.800x800.jpg")
        #expect(try Self.bluePixels(in: site.root.path + "/Public" + river[2].url) > 3500)
        #expect(try Self.bluePixels(in: site.root.path + "/Public" + weir[2].url) < 100, "the top-left crop has no corner")
    }

    @Test func editingTheFocusMakesNewCropsAndAnIncrementalBuildEqualsACleanOne() throws {
        let site = try Self.site(focus: "[0.975, 0.95]")
        defer { site.remove() }
        _ = try site.build()
        let cache = site.root.path + "/.herald/images"
        func entries() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0 != "index" }.sorted() }
        let first = try entries()
        #expect(first.count == 2 && first[1].hasSuffix(".focus-9750-9500"), "\(first)")
        let manifest = try #require(FileMetadata(path: cache + "/" + first[1] + "/manifest"))
        // An edit elsewhere in the article: the crops are reused, not made again.
        try site.write(Self.article(focus: "[0.975, 0.95]") + "More.\n", to: "Content/articles/2025-07-04-river.md")
        _ = try site.build()
        #expect(FileMetadata(path: cache + "/" + first[1] + "/manifest") == manifest, "an unchanged focus reuses its entry")
        // A new focus: new crops, the old entry and outputs gone, the image's own entry kept.
        try site.write(Self.article(focus: "[0, 0]"), to: "Content/articles/2025-07-04-river.md")
        _ = try site.build()
        let second = try entries()
        #expect(second == [first[0], first[0] + ".focus-0-0"], "\(second)")
        #expect(try Self.crops(site)[0].url == "/images/river.focus-0-0.1200x675.jpg")
        #expect(!site.exists("Public/images/river.focus-9750-9500.1200x675.jpg"), "outputs of the old focus are removed")
        let incremental = try site.tree()
        let clean = try site.cleanBuildTree()
        #expect(incremental.keys.sorted() == clean.keys.sorted())
        for (path, bytes) in clean { #expect(incremental[path] == bytes, "\(path) differs from a clean build") }
    }

    @Test func theDefaultThemeSharesTheCropsThatKeepTheFocus() throws {
        let site = try Robustness.siteWithDefaultTheme(
            ["Content/articles/2025-07-04-river.md": Self.article(focus: "[0.975, 0.95]")],
            yaml: "title: T\nurl: https://news.example.org/\ntimezone: UTC\nassets:\n  fingerprint: false\n")
        defer { site.remove() }
        try Self.photo(site)
        _ = try site.build()
        let html = try #require(site.read("Public/2025/07/river/index.html"))
        let base = "https://news.example.org/images/river.focus-9750-9500."
        #expect(html.contains("<meta property=\"og:image\" content=\"\(base)1200x675.jpg\">"), "Open Graph")
        #expect(html.contains("<meta name=\"twitter:image\" content=\"\(base)1200x675.jpg\">"), "Twitter")
        #expect(html.contains("\"image\": [\"\(base)1200x675.jpg\", \"\(base)1066x800.jpg\", \"\(base)800x800.jpg\"]"), "JSON-LD")
    }
}
