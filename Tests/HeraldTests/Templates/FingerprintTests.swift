import Foundation
import Testing
@testable import Herald

/// The `fingerprint` filter: a hashed copy of a theme or static file, its
/// URL and its Subresource Integrity value, in step with every edit.
@Suite struct FingerprintTests {
    static let stylesheet = "body { color: #222; }\n"
    static let index = """
        {%- set css = "assets/site.css" | fingerprint -%}
        <link rel="stylesheet" href="{{ css.url }}" integrity="{{ css.integrity }}">{{ "assets/site.css" | fingerprint }}
        """

    static func site(_ extra: [String: String] = [:]) throws -> TemporarySite {
        var files = ["Templates/index.html": index, "Templates/assets/site.css": stylesheet]
        files.merge(extra) { _, new in new }
        return try BuildFixtures.site(files)
    }

    /// SHA-384 as coreutils computes it, base64 as OpenSSL encodes it.
    static func referenceDigest(of path: String) throws -> (hex: String, base64: String)? {
        guard let sha = FeedFiles.which("sha384sum"), let openssl = FeedFiles.which("openssl") else { return nil }
        let hex = try FeedFiles.run(sha, [path]).output.prefix { $0 != " " }
        let binary = FileManager.default.temporaryDirectory.appendingPathComponent("digest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: binary) }
        _ = try FeedFiles.run(openssl, ["dgst", "-sha384", "-binary", "-out", binary.path, path])
        let base64 = try FeedFiles.run(openssl, ["base64", "-A", "-in", binary.path]).output
        return (String(hex), base64.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func sha384AgreesWithCoreutils() throws {
        let folder = try TemporarySite()
        defer { folder.remove() }
        // Around each padding boundary (112 and 128 bytes), and several blocks.
        for length in [0, 1, 3, 111, 112, 113, 127, 128, 129, 239, 240, 1000, 70_000] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ length) }
            try folder.writeBytes(bytes, to: "f\(length)")
            guard let reference = try Self.referenceDigest(of: folder.root.appendingPathComponent("f\(length)").path) else { return }
            let hex = SHA384.digest(bytes).map { String(format: "%02x", $0) }.joined()
            #expect(hex == reference.hex, "length \(length)")
        }
    }

    @Test func publishesAHashedCopyAndItsIntegrity() throws {
        let site = try Self.site()
        defer { site.remove() }
        _ = try site.build()
        let page = try #require(site.read("Public/index.html"))
        let reference = try #require(try Self.referenceDigest(of: site.root.appendingPathComponent("Templates/assets/site.css").path))
        let hashed = "/assets/site.\(reference.hex.prefix(8)).css"
        #expect(page == "<link rel=\"stylesheet\" href=\"\(hashed)\" integrity=\"sha384-\(reference.base64)\">\(hashed)")
        #expect(site.read("Public" + hashed) == Self.stylesheet)
        // The file keeps its own name too.
        #expect(site.read("Public/assets/site.css") == Self.stylesheet)
    }

    @Test func staticFilesAndSubpathsToo() throws {
        let site = try Self.site([
            "site.yml": "title: T\nurl: https://example.org/news/\n",
            "Templates/index.html": "{{ \"css/print.css\" | fingerprint }} {{ \"/Content/static/css/print.css\" | fingerprint }}",
            "Content/static/css/print.css": "@media print { nav { display: none } }",
        ])
        defer { site.remove() }
        _ = try site.build()
        let page = try #require(site.read("Public/index.html"))
        let url = String(page.prefix { $0 != " " })
        #expect(url.hasPrefix("/news/css/print.") && url.hasSuffix(".css") && url.count == "/news/css/print.12345678.css".count)
        #expect(page == url + " " + url)
        #expect(site.exists("Public" + url.dropFirst("/news".count)))
    }

    @Test func hashedNamesKeepTheExtensionLast() {
        #expect(AssetFingerprints.hashedName("/assets/site.min.css", hash: "0a1b2c3d") == "/assets/site.min.0a1b2c3d.css")
        #expect(AssetFingerprints.hashedName("/assets/LICENSE", hash: "0a1b2c3d") == "/assets/LICENSE.0a1b2c3d")
        #expect(AssetFingerprints.hashedName("/fonts.v2/serif", hash: "0a1b2c3d") == "/fonts.v2/serif.0a1b2c3d")
        #expect(AssetFingerprints.sources(of: "assets/../site.yml").isEmpty)
        #expect(AssetFingerprints.sources(of: "assets/.hidden.css").isEmpty)
    }

    @Test func aMissingFileIsAnErrorAtEveryFilterNamingIt() throws {
        let site = try Self.site([
            "Templates/index.html": "<p>\n{{ \"assets/site.css\" | fingerprint }}{{ \"assets/missing.css\" | fingerprint }}",
            "Templates/page.html": "{{ \"css/gone.css\" | fingerprint }}",
        ])
        defer { site.remove() }
        let errors = site.buildErrors()
        #expect(errors.map(\.location) == ["Templates/index.html:2:64", "Templates/page.html:1:21"])
        #expect(errors.first?.message == "there is no file 'assets/missing.css' to fingerprint: looked for Templates/assets/missing.css or Content/static/assets/missing.css")
        #expect(errors.last?.message.contains("looked for Content/static/css/gone.css") == true)
        #expect(!site.exists("Public/index.html"))
    }

    @Test func aPathFromAVariableMustBeOneTheThemeNames() throws {
        let site = try Self.site([
            "Templates/index.html": "{% set name = \"assets/\" ~ \"other.css\" %}\n{{ name | fingerprint }}",
            "Templates/assets/other.css": "p {}",
        ])
        defer { site.remove() }
        let errors = site.buildErrors()
        #expect(errors.map(\.location) == ["Templates/index.html:2:11"])
        #expect(errors.first?.message.contains("write its path in the filter") == true)
    }

    @Test func processedImagesAreLeftToTheImageFilters() throws {
        let site = try Self.site(["Templates/index.html": "{{ \"images/photo.jpg\" | fingerprint }}"])
        defer { site.remove() }
        try TestPhotos.jpeg(width: 64, height: 48, at: site.root.appendingPathComponent("Content/static/images/photo.jpg").path)
        let errors = site.buildErrors()
        #expect(errors.first?.message.contains("use the 'image' or 'picture' filter") == true)
    }

    @Test func fingerprintsOffLinkTheFileItself() throws {
        let site = try Self.site(["site.yml": "title: T\nurl: https://news.example.org/\nassets: { fingerprint: false }\n"])
        defer { site.remove() }
        _ = try site.build()
        let page = try #require(site.read("Public/index.html"))
        #expect(page.hasPrefix("<link rel=\"stylesheet\" href=\"/assets/site.css\" integrity=\"sha384-"))
        #expect(try site.tree().keys.filter { $0.hasPrefix("assets/") }.sorted() == ["assets/site.css"])
    }

    @Test func unknownAssetKeysListTheValidOnes() {
        #expect(throws: DiagnosticError.self) { try SiteConfigLoader.parse("title: T\nurl: https://e.org/\nassets: { hash: true }\n") }
        do {
            _ = try SiteConfigLoader.parse("title: T\nurl: https://e.org/\nassets: { hash: true }\n")
        } catch {
            #expect(error.diagnostics.first?.message == "unknown key 'hash' in 'assets'; valid keys: fingerprint")
        }
    }

    /// A body edit is an incremental build: the hashed copy is kept as it
    /// was, and the output is still a clean build's.
    @Test func aBodyEditKeepsTheHashedCopy() throws {
        let site = try Self.site(["Templates/article.html": "{{ \"assets/site.css\" | fingerprint }}{{ page.content }}"])
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        try site.write("---\ntitle: River\ndate: 2025-07-04 09:14\ntags: [Flood]\n---\nThe river rose again.\n", to: "Content/articles/2025-07-04-river.md")
        try site.age()
        #expect(try site.build().path == .incremental(changedSources: 1))
        #expect(site.read("Public/2025/07/river/index.html")?.contains("The river rose again.") == true)
        #expect(try site.tree().keys.filter { $0.hasPrefix("assets/site.") }.count == 2)
        #expect(try site.tree() == site.cleanBuildTree())
    }

    /// What `serve` does on a stylesheet edit: the page gets the new name,
    /// the old copy goes, and the output is a clean build's.
    @Test func anEditedAssetGetsANewNameInBuildsAndSessions() throws {
        let site = try Self.site()
        defer { site.remove() }
        let session = BuildSession()
        let options = BuildOptions(source: site.root, now: Date(timeIntervalSince1970: 1_800_000_000))
        try site.age()
        _ = try session.build(options: options)
        let before = try #require(site.read("Public/index.html"))
        try site.write("body { color: #111; background: #fff; }\n", to: "Templates/assets/site.css")
        try site.age()
        #expect(try session.build(options: options).path.description == "build: full (templates changed)")
        let after = try #require(site.read("Public/index.html"))
        #expect(after != before)
        #expect(try site.tree() == site.cleanBuildTree())
        #expect(try site.tree().keys.filter { $0.hasPrefix("assets/site.") }.count == 2)
        // A static file's edit, through a plain build this time.
        try site.write("{{ \"css/print.css\" | fingerprint }}", to: "Templates/page.html")
        try site.write("nav {}", to: "Content/static/css/print.css")
        try site.age()
        _ = try site.build()
        try site.write("nav { display: none }", to: "Content/static/css/print.css")
        try site.age()
        #expect(try site.build().path.description == "build: full (static files changed)")
        let about = try #require(site.read("Public/about/index.html"))
        #expect(site.read("Public" + about) == "nav { display: none }")
        #expect(try site.tree() == site.cleanBuildTree())
    }
}
