import Foundation
import Testing
@testable import Herald

/// `herald import wordpress` on hand-written WXR fixtures
/// (Fixtures/WordPress/): the site it writes, the report, every old
/// address answering, and bad exports.
@Suite struct WordPressImportTests {
    static let fixture = SiteFixtures.repositoryRoot.appendingPathComponent("Tests/HeraldTests/Fixtures/WordPress/courier.xml")

    static func importFixture(_ export: URL = fixture) throws -> (TemporarySite, ImportReport) {
        let site = try TemporarySite()
        let destination = site.root.appendingPathComponent("site")
        let report = try WordPressImporter(export: export, destination: destination).run()
        return (site, report)
    }

    @Test func writesArticlesPagesAndTheReport() throws {
        let (site, report) = try Self.importFixture()
        defer { site.remove() }
        #expect(report.articles == 4 && report.drafts == 1 && report.pages == 2 && report.attachments == 1)
        #expect(report.authors == 2)
        #expect(report.skipped.map(\.reason).sorted() == ["a menu item: menus are the theme's (Templates/)", "it has no post type", "status 'trash'"])
        #expect(report.shortcodes.map(\.name).sorted() == ["contact-form-7"])
        #expect(report.media.map(\.problem) == ["[gallery] names attachment 91, which the export does not have; it is left out"])
        let pond = try #require(site.read("site/Content/articles/2023/2023-01-mill-pond-reopens.html"))
        #expect(pond.contains("title: \"Mill pond reopens for skating\"\n"))
        #expect(pond.contains("date: \"2023-01-14T09:30:00-05:00\"\n"))
        #expect(pond.contains("updated: \"2023-01-15T08:00:00-05:00\"\n"))
        #expect(pond.contains("author: \"Jamila Noor\"\n"))
        #expect(pond.contains("categories: [\"Outdoors\"]\ntags: [\"Winter\"]\n"))
        #expect(pond.contains("summary: \"The pond is open again after three warm winters.\"\n"))
        #expect(pond.contains("sticky: true\n"))
        #expect(pond.contains("image: \"https://courier.example.net/wp-content/uploads/2023/01/pond.jpg\"\nimage_alt: \"Skaters on the pond\"\nimage_caption: \"Skaters on Saturday.\"\n"))
        #expect(pond.contains("aliases: [\"/?p=101\"]\n"), "the permalink is the new address: only /?p=ID")
        // wpautop, [caption] as a figure, an unknown shortcode left visible.
        #expect(pond.contains("<p>The ice is thick enough again.<br>\nSkaters were out by noon.</p>"))
        #expect(pond.contains("<figure><img src=\"https://courier.example.net/wp-content/uploads/2023/01/pond.jpg\" alt=\"Skaters on the pond\" width=\"800\" height=\"533\" /><figcaption>Skaters on Saturday.</figcaption></figure>"))
        #expect(pond.contains("<div class=\"gallery\">\n<figure><img src=\"https://courier.example.net/wp-content/uploads/2023/01/pond.jpg\" alt=\"Skaters on the pond\"><figcaption>Skaters on Saturday.</figcaption></figure>\n</div>"))
        #expect(pond.contains("<blockquote>It is the best winter in years.</blockquote>"))
        let cafe = try #require(site.read("site/Content/articles/2023/2023-02-cafe-elm-street.html"))
        #expect(!cafe.contains("wp:paragraph"))
        #expect(cafe.contains("aliases: [\"/2023/02/café-elm-street/\", \"/?p=102\"]"))
        let draft = try #require(site.read("site/Content/articles/2023/2023-02-snow-plows-go-out-at-four.html"))
        #expect(draft.contains("title: \"2023-02-10: Snow plows go out at four\"\n") && draft.contains("draft: true\n"))
        #expect(draft.contains("date: \"2023-02-10T20:00:00\"\n"))
        #expect(site.exists("site/Content/articles/2023/2023-01-mill-pond-reopens-2.html"))
        let staff = try #require(site.read("site/Content/pages/staff.html"))
        #expect(staff.contains("aliases: [\"/about/staff/\", \"/?page_id=8\"]"))
        #expect(site.read("site/site.yml")?.contains("url: \"https://courier.example.net/\"") == true)
        #expect(site.exists("site/Templates/article.html"))
    }

    @Test func theImportedSiteBuildsAndEveryOldAddressAnswers() throws {
        let (site, _) = try Self.importFixture()
        defer { site.remove() }
        let root = site.root.appendingPathComponent("site")
        let report = try Builder(options: BuildOptions(source: root, now: Date(timeIntervalSince1970: 1_800_000_000))).build()
        #expect(report.articles == 3, "the draft is not built")
        let redirects = try #require(site.read("site/Public/_redirects"))
        for old in ["/ p=101 ", "/ p=102 ", "/ p=104 ", "/ page_id=7 ", "/about/staff/ /staff/ ", "/2023/02/caf%C3%A9-elm-street/ /2023/02/cafe-elm-street/ "] {
            #expect(redirects.contains("\n" + old), "\(old)")
        }
        for page in ["2023/01/mill-pond-reopens/index.html", "2023/01/mill-pond-reopens-2/index.html", "about/index.html", "staff/index.html"] {
            #expect(site.exists("site/Public/" + page), "\(page)")
        }
        #expect(site.read("site/Public/feed.xml")?.contains("Mill pond reopens for skating") == true)
        let pond = try #require(site.read("site/Public/2023/01/mill-pond-reopens/index.html"))
        #expect(pond.contains("<div class=\"gallery\">\n<figure><img src=\"https://courier.example.net/wp-content/uploads/2023/01/pond.jpg\""), "the gallery survives the build's sanitiser")
    }

    @Test func badExportsAreErrorsAndWriteNothing() throws {
        let site = try TemporarySite(files: [
            "not-xml.xml": "this is not XML <",
            "not-wxr.xml": "<?xml version=\"1.0\"?><html><body/></html>",
            "plain-rss.xml": "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title></channel></rss>",
            "truncated.xml": String((try String(contentsOf: Self.fixture, encoding: .utf8)).prefix(3000)),
        ])
        defer { site.remove() }
        for (file, message) in [("not-xml.xml", "not well-formed"), ("not-wxr.xml", "not a WordPress export"), ("plain-rss.xml", "not a WordPress export"), ("truncated.xml", "truncated")] {
            let destination = site.root.appendingPathComponent("out-" + file)
            do {
                _ = try WordPressImporter(export: site.root.appendingPathComponent(file), destination: destination).run()
                Issue.record("\(file) was imported")
            } catch {
                #expect(error.diagnostics.first?.message.contains(message) == true, "\(file): \(error)")
                #expect(error.diagnostics.first?.path.hasSuffix(file) == true)
            }
            #expect(!FileManager.default.fileExists(atPath: destination.path), "\(file): nothing is written")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".herald-import") }
        #expect(leftovers.isEmpty)
    }

    @Test func wpautopKeepsBlocksAndBreaksLines() {
        #expect(WordPressBody.autop("One\ntwo\n\n<h2>Head</h2>\n\nThree") == "<p>One<br>\ntwo</p>\n<h2>Head</h2>\n<p>Three</p>")
    }
}
