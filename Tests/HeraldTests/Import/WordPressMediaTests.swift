import Foundation
import Testing
@testable import Herald

/// Media in `herald import wordpress`: `[gallery]` as figures, oEmbed
/// URLs as links, and `--uploads` copying the files posts use. Each test
/// writes its own small export.
@Suite struct WordPressMediaTests {
    /// A WXR 1.2 export of the Harbour Gazette with these `<item>`s.
    static func export(_ items: [String]) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" ?>
        <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
        <channel>
        <title>Harbour Gazette</title>
        <link>https://www.gazette.example.org</link>
        <wp:wxr_version>1.2</wp:wxr_version>
        <wp:base_site_url>https://gazette.example.org</wp:base_site_url>
        \(items.joined(separator: "\n"))
        </channel>
        </rss>
        """
    }

    static func post(_ id: Int, _ slug: String, body: String, thumbnail: Int? = nil) -> String {
        """
        <item><title>\(slug)</title><content:encoded><![CDATA[\(body)]]></content:encoded>
        <wp:post_id>\(id)</wp:post_id><wp:post_date>2024-03-0\(id % 9 + 1) 10:00:00</wp:post_date><wp:post_date_gmt>2024-03-0\(id % 9 + 1) 10:00:00</wp:post_date_gmt>
        <wp:post_name>\(slug)</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
        \(thumbnail.map { "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>\($0)</wp:meta_value></wp:postmeta>" } ?? "")
        </item>
        """
    }

    static func attachment(_ id: Int, url: String, parent: Int = 0, order: Int = 0, alt: String? = nil, caption: String? = nil) -> String {
        """
        <item><title>image \(id)</title><wp:post_id>\(id)</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
        <wp:post_parent>\(parent)</wp:post_parent><wp:menu_order>\(order)</wp:menu_order>
        <wp:attachment_url>\(url)</wp:attachment_url>\(caption.map { "<excerpt:encoded><![CDATA[\($0)]]></excerpt:encoded>" } ?? "")
        \(alt.map { "<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value><![CDATA[\($0)]]></wp:meta_value></wp:postmeta>" } ?? "")
        </item>
        """
    }

    static let uploadsURL = "https://gazette.example.org/wp-content/uploads/2024/03/"

    static func importing(
        _ items: [String], files: [String: String] = [:], uploads: String? = nil, prepare: (TemporarySite) throws -> Void = { _ in }
    ) throws -> (TemporarySite, ImportReport) {
        var files = files
        files["export.xml"] = export(items)
        let site = try TemporarySite(files: files)
        try prepare(site)
        let report = try WordPressImporter(
            export: site.root.appendingPathComponent("export.xml"), destination: site.root.appendingPathComponent("site"),
            uploads: uploads.map { site.root.appendingPathComponent($0) }
        ).run()
        return (site, report)
    }

    @Test func galleriesBecomeFiguresOfTheirAttachments() throws {
        let (site, report) = try Self.importing([
            // The attachments come after the posts, as in a real export: the first pass finds them.
            Self.post(1, "regatta", body: "Boats in the bay.\n\n[gallery ids=\"11, 12,99\" link=\"file\"]\n\nMore next week."),
            Self.post(2, "ferry", body: "[gallery columns='2']"),
            Self.post(4, "empty", body: "Nothing here.\n\n[gallery ids=\"\"]"),
            Self.post(3, "blocks", body: "<!-- wp:gallery {\"ids\":[11]} -->\n<figure class=\"wp-block-gallery\"><figure class=\"wp-block-image\"><img src=\"\(Self.uploadsURL)sail.jpg\" alt=\"Sails\"/></figure></figure>\n<!-- /wp:gallery -->"),
            Self.attachment(11, url: Self.uploadsURL + "sail.jpg", alt: "Sails \"up\"", caption: "Sails at dawn."),
            Self.attachment(12, url: Self.uploadsURL + "buoy.jpg"),
            Self.attachment(22, url: Self.uploadsURL + "deck.jpg", parent: 2, order: 2, alt: "The deck"),
            Self.attachment(21, url: Self.uploadsURL + "ramp.jpg", parent: 2, order: 1, alt: "The ramp"),
        ])
        defer { site.remove() }
        let regatta = try #require(site.read("site/Content/articles/2024/2024-03-regatta.html"))
        #expect(regatta.contains("""
            <p>Boats in the bay.</p>
            <div class="gallery">
            <figure><a href="\(Self.uploadsURL)sail.jpg"><img src="\(Self.uploadsURL)sail.jpg" alt="Sails &quot;up&quot;"></a><figcaption>Sails at dawn.</figcaption></figure>
            <figure><a href="\(Self.uploadsURL)buoy.jpg"><img src="\(Self.uploadsURL)buoy.jpg" alt=""></a></figure>
            </div>
            <p>More next week.</p>
            """), "\(regatta)")
        // Without ids: the images uploaded to the post, by their order.
        let ferry = try #require(site.read("site/Content/articles/2024/2024-03-ferry.html"))
        #expect(ferry.contains("<div class=\"gallery\">\n<figure><img src=\"\(Self.uploadsURL)ramp.jpg\" alt=\"The ramp\"></figure>\n<figure><img src=\"\(Self.uploadsURL)deck.jpg\" alt=\"The deck\"></figure>\n</div>"), "\(ferry)")
        // The block editor's gallery is already HTML: its figures stay.
        let blocks = try #require(site.read("site/Content/articles/2024/2024-03-blocks.html"))
        #expect(blocks.contains("<figure class=\"wp-block-gallery\"><figure class=\"wp-block-image\"><img src=\"\(Self.uploadsURL)sail.jpg\" alt=\"Sails\"/></figure></figure>"))
        #expect(!blocks.contains("wp:gallery"))
        #expect(report.shortcodes.isEmpty, "galleries are converted, not reported: \(report.shortcodes)")
        #expect(report.media.map(\.problem) == [
            "[gallery] names attachment 99, which the export does not have; it is left out",
            "[gallery] names no images and none were uploaded to the post; it is left out",
        ])
        #expect(report.media.last?.post == "article 'empty' (4)")
        #expect(site.read("site/Content/articles/2024/2024-03-empty.html")?.hasSuffix("---\n<p>Nothing here.</p>\n") == true)
        #expect(report.media.first?.post == "article 'regatta' (1)")
        #expect(report.lines.contains("Media to check (2):"))
    }

    @Test func urlsAloneOnALineBecomeLinks() throws {
        let video = "https://video.example.com/watch?v=harbour&t=5"
        let (site, _) = try Self.importing([
            Self.post(1, "classic", body: "The storm hit at night.\n\(video)\nCleanup starts today.\n\nSee https://gazette.example.org/storm in the text."),
            Self.post(2, "embedded", body: "<!-- wp:embed {\"url\":\"\(video)\"} -->\n<figure class=\"wp-block-embed\"><div class=\"wp-block-embed__wrapper\">\n\(video)\n</div></figure>\n<!-- /wp:embed -->"),
            Self.post(3, "shortcode", body: "[embed width=\"640\"]\(video)[/embed]"),
        ])
        defer { site.remove() }
        let link = "<p><a href=\"https://video.example.com/watch?v=harbour&amp;t=5\">https://video.example.com/watch?v=harbour&amp;t=5</a></p>"
        let classic = try #require(site.read("site/Content/articles/2024/2024-03-classic.html"))
        #expect(classic.contains("<p>The storm hit at night.</p>\n\(link)\n<p>Cleanup starts today.</p>\n<p>See https://gazette.example.org/storm in the text.</p>"), "\(classic)")
        let embedded = try #require(site.read("site/Content/articles/2024/2024-03-embedded.html"))
        #expect(embedded.contains("<div class=\"wp-block-embed__wrapper\">\n\(link)\n</div>"), "\(embedded)")
        #expect(try #require(site.read("site/Content/articles/2024/2024-03-shortcode.html")).contains(link))
    }

    @Test func uploadsTheBodiesUseAreCopiedAndRewritten() throws {
        let (site, report) = try Self.importing(
            [
                Self.post(1, "harbour", body: """
                    <img src="\(Self.uploadsURL)boat-300x200.jpg" srcset="\(Self.uploadsURL)boat-300x200.jpg 300w, https://gazette.example.org/wp-content/uploads/2024/03/boat.jpg 900w" alt="A boat">
                    <a href="//gazette.example.org/wp-content/uploads/2024/03/tide%20table.pdf?ver=2">Tide table</a>, and <a href="/wp-content/uploads/2024/03/gone.pdf">an old file</a>.
                    <img src="https://cdn.other.example/wp-content/uploads/2024/03/boat.jpg" alt="">
                    <a href="/wp-content/uploads/../../site.yml">odd</a> <a href="/blog/wp-content/uploads/2024/03/buoy.jpg">buoy</a>
                    """, thumbnail: 31),
                Self.post(2, "gallery", body: "[gallery ids=\"31\"]"),
                Self.attachment(31, url: Self.uploadsURL + "boat.jpg", alt: "A boat"),
            ],
            files: [
                "backup/wp-content/uploads/2024/03/boat.jpg": "JPEG bytes",
                "backup/wp-content/uploads/2024/03/boat-300x200.jpg": "small JPEG",
                "backup/wp-content/uploads/2024/03/tide table.pdf": "PDF",
                "backup/wp-content/uploads/2024/03/unused.jpg": "nobody uses this",
                "backup/wp-content/uploads/2024/03/buoy.jpg": "buoy",
            ],
            uploads: "backup")
        defer { site.remove() }
        let harbour = try #require(site.read("site/Content/articles/2024/2024-03-harbour.html"))
        #expect(harbour.contains("<img src=\"/wp-content/uploads/2024/03/boat-300x200.jpg\" srcset=\"/wp-content/uploads/2024/03/boat-300x200.jpg 300w, /wp-content/uploads/2024/03/boat.jpg 900w\" alt=\"A boat\">"), "\(harbour)")
        #expect(harbour.contains("<a href=\"/wp-content/uploads/2024/03/tide%20table.pdf\">Tide table</a>"))
        #expect(harbour.contains("<a href=\"/wp-content/uploads/2024/03/gone.pdf\">an old file</a>"), "a missing file keeps its URL")
        #expect(harbour.contains("https://cdn.other.example/wp-content/uploads/2024/03/boat.jpg"), "another site's media are not the site's")
        #expect(harbour.contains("/wp-content/uploads/../../site.yml"))
        #expect(harbour.contains("\"/blog/wp-content/uploads/2024/03/buoy.jpg\""), "a subfolder's site path is not this site's")
        #expect(harbour.contains("image: \"/wp-content/uploads/2024/03/boat.jpg\"\n"))
        let gallery = try #require(site.read("site/Content/articles/2024/2024-03-gallery.html"))
        #expect(gallery.contains("<img src=\"/wp-content/uploads/2024/03/boat.jpg\" alt=\"A boat\">"))
        #expect(site.read("site/Content/static/wp-content/uploads/2024/03/boat.jpg") == "JPEG bytes")
        #expect(site.exists("site/Content/static/wp-content/uploads/2024/03/boat-300x200.jpg"))
        #expect(site.exists("site/Content/static/wp-content/uploads/2024/03/tide table.pdf"))
        #expect(!site.exists("site/Content/static/wp-content/uploads/2024/03/unused.jpg"), "files no post uses stay behind")
        #expect(!site.exists("site/Content/static/wp-content/uploads/2024/03/buoy.jpg"))
        #expect(report.uploadsCopied == 3)
        #expect(report.media.map(\.problem).count == 1)
        #expect(report.media.first?.problem.hasPrefix("/wp-content/uploads/2024/03/gone.pdf is not in the uploads folder") == true, "\(report.media)")
        #expect(report.lines.first?.contains("3 files copied from the uploads folder") == true)
    }

    @Test func anImportedSiteWithUploadsBuildsIncrementallyAsCleanly() throws {
        let (site, report) = try Self.importing(
            [Self.post(1, "pier", body: "<img src=\"\(Self.uploadsURL)pier.jpg\" alt=\"The pier\">\n\nThe pier is open.", thumbnail: 41),
             Self.attachment(41, url: Self.uploadsURL + "pier.jpg", alt: "The pier", caption: "The pier at noon.")],
            uploads: "uploads"
        ) { try TestPhotos.jpeg(width: 640, height: 400, at: $0.root.appendingPathComponent("uploads/2024/03/pier.jpg").path) }
        defer { site.remove() }
        #expect(report.uploadsCopied == 1 && report.media.isEmpty, "\(report.media)")
        let root = site.root.appendingPathComponent("site")
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        _ = try Builder(options: BuildOptions(source: root, now: now)).build()
        #expect(site.exists("site/Public/wp-content/uploads/2024/03/pier.jpg"), "the old media URL answers")
        let article = root.appendingPathComponent("Content/articles/2024/2024-03-pier.html")
        try Data((try String(contentsOf: article, encoding: .utf8) + "<p>Open until nine.</p>\n").utf8).write(to: article)
        _ = try Builder(options: BuildOptions(source: root, now: now)).build()
        var clean = BuildOptions(source: root, now: now)
        clean.output = site.root.appendingPathComponent("Clean")
        _ = try Builder(options: clean).build()
        var incremental = Robustness.snapshot(root.appendingPathComponent("Public"))
        incremental[".gitkeep"] = nil  // the importer's placeholder, not a build's
        let page = try #require(incremental["2024/03/pier/index.html"].map { String(decoding: $0, as: UTF8.self) })
        #expect(page.contains("Open until nine.") && page.contains("/wp-content/uploads/2024/03/pier"))
        let cleanTree = Robustness.snapshot(site.root.appendingPathComponent("Clean"))
        #expect(incremental.count > 30)
        #expect(incremental.keys.sorted() == cleanTree.keys.sorted())
        #expect(incremental.filter { cleanTree[$0.key] != $0.value }.map(\.key).sorted() == [])
    }

    @Test func aMissingUploadsFolderIsAnError() throws {
        let site = try TemporarySite(files: ["export.xml": Self.export([Self.post(1, "a", body: "A")])])
        defer { site.remove() }
        #expect(throws: DiagnosticError.self) {
            _ = try WordPressImporter(
                export: site.root.appendingPathComponent("export.xml"), destination: site.root.appendingPathComponent("site"),
                uploads: site.root.appendingPathComponent("no-such-folder")
            ).run()
        }
        #expect(!site.exists("site"))
    }
}
