import Foundation
import Herald
import Testing
@testable import HeraldServer

/// A site on disk with a placeholder theme and a few static files of every
/// content type the server names.
struct ServedSite {
    let root: URL

    init(baseURL: String = "https://news.example.org/") throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("herald-serve-\(UUID().uuidString)")
        let files: [String: String] = [
            "site.yml": "title: Served\nurl: \(baseURL)\n",
            "Templates/article.html": "x", "Templates/index.html": "x", "Templates/page.html": "x", "Templates/404.html": "<title>Not found</title>",
            "Content/articles/2025-01-02-first.md": "---\ntitle: First\ndate: 2025-01-02\n---\nBody.\n",
            "Content/static/assets/site.css": "body{}", "Content/static/assets/app.js": "1",
            "Content/static/img/logo.svg": "<svg/>", "Content/static/img/a.png": "png", "Content/static/img/b.jpg": "jpg",
            "Content/static/data/feed.xml": "<feed/>", "Content/static/data/rss.xml": "<rss/>", "Content/static/data/feed.json": "{}",
            "Content/static/data/feed.xsl": "<xsl/>", "Content/static/data/sitemap.xml": "<urlset/>",
            "Content/static/data/info.json": "{}", "Content/static/robots.txt": "User-agent: *",
            "Content/static/plain.html": "<html><body><p>Hi</p></body></html>",
        ]
        for (path, text) in files { try write(text, to: path) }
    }

    func write(_ text: String, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func server(watch: Bool = false, mode: FileWatcher.Mode = .automatic) -> PreviewServer {
        var configuration = PreviewServer.Configuration(options: BuildOptions(source: root), port: 0)
        configuration.watch = watch
        configuration.watchMode = mode
        return PreviewServer(configuration: configuration)
    }
}

@Suite("herald serve", .serialized)
struct PreviewServerTests {
    @Test("serves files with their content types, index.html for folders, 404.html for missing paths")
    func serving() async throws {
        let site = try ServedSite()
        defer { site.remove() }
        let server = site.server()
        let port = try await server.start()

        let expected: [(String, String)] = [
            ("/", "text/html; charset=utf-8"),
            ("/2025/01/first/", "text/html; charset=utf-8"),
            ("/assets/site.css", "text/css; charset=utf-8"),
            ("/assets/app.js", "application/javascript; charset=utf-8"),
            ("/img/logo.svg", "image/svg+xml"),
            ("/img/a.png", "image/png"),
            ("/img/b.jpg", "image/jpeg"),
            ("/data/feed.xml", "application/atom+xml"),
            ("/data/rss.xml", "application/rss+xml"),
            ("/data/feed.json", "application/feed+json"),
            ("/data/feed.xsl", "application/xslt+xml"),
            ("/data/sitemap.xml", "application/xml"),
            ("/data/info.json", "application/json"),
            ("/robots.txt", "text/plain; charset=utf-8"),
        ]
        for (path, type) in expected {
            let response = try await get(path, port: port)
            #expect(response.status == 200, "\(path)")
            #expect(response.headers["content-type"] == type, "\(path)")
        }

        let css = try await get("/assets/site.css", port: port)
        #expect(css.text == "body{}")
        let page = try await get("/plain.html", port: port)
        #expect(page.text.contains("<p>Hi</p><script data-herald-live-reload>"), "the script goes before </body>")
        #expect(page.text.contains("/__herald/events"))
        let onDisk = try String(contentsOf: site.root.appendingPathComponent("Public/plain.html"), encoding: .utf8)
        #expect(!onDisk.contains("herald-live-reload"), "the built file is untouched")

        let redirect = try await get("/2025/01/first", port: port)
        #expect(redirect.status == 301)
        #expect(redirect.headers["location"] == "/2025/01/first/")

        let missing = try await get("/no/such/page/", port: port)
        #expect(missing.status == 404)
        #expect(missing.headers["content-type"] == "text/html; charset=utf-8")
        #expect(missing.text.hasPrefix("<title>Not found</title>"))
        await server.stop()
    }

    @Test("refuses every path that leaves the output folder")
    func traversal() async throws {
        let site = try ServedSite()
        defer { site.remove() }
        let server = site.server()
        let port = try await server.start()
        try FileManager.default.createSymbolicLink(
            atPath: site.root.appendingPathComponent("Public/leak.yml").path,
            withDestinationPath: site.root.appendingPathComponent("site.yml").path)
        try FileManager.default.createSymbolicLink(
            atPath: site.root.appendingPathComponent("Public/up").path,
            withDestinationPath: site.root.path)

        for path in ["/../site.yml", "/%2e%2e/site.yml", "/%2E%2E/site.yml", "/assets/..%2f..%2fsite.yml", "/..%2fsite.yml",
                     "/assets/../../site.yml", "/leak.yml", "/up/site.yml", "/up/", "/%00", "/a%5c..%5c..%5csite.yml"] {
            let response = try await get(path, port: port)
            #expect(response.status == 403 || response.status == 404, "\(path) answered \(response.status)")
            #expect(!response.text.contains("title: Served"), "\(path) leaked site.yml")
        }
        await server.stop()
    }

    @Test("serves under the site's base path")
    func basePath() async throws {
        let site = try ServedSite(baseURL: "https://x.github.io/news/")
        defer { site.remove() }
        let server = site.server()
        let port = try await server.start()
        #expect(try await get("/news/assets/site.css", port: port).status == 200)
        #expect(try await get("/assets/site.css", port: port).status == 404)
        let redirect = try await get("/news", port: port)
        #expect(redirect.status == 301)
        #expect(redirect.headers["location"] == "/news/")
        await server.stop()
    }

    @Test("reloads open pages after a change, and shows a failed build", arguments: [FileWatcher.Mode.automatic, .polling])
    func liveReload(mode: FileWatcher.Mode) async throws {
        let site = try ServedSite()
        defer { site.remove() }
        let server = site.server(watch: true, mode: mode)
        let port = try await server.start()

        let events = try await openEvents(port: port, until: ": connected", required: true)
        #expect(events.text.contains("text/event-stream"))

        try site.write("---\ntitle: First, updated\ndate: 2025-01-02\n---\nNew body.\n", to: "Content/articles/2025-01-02-first.md")
        let reloaded = try await offThePool { events.read(until: "event: reload", deadline: Date() + patience) }
        #expect(reloaded, "no reload event: \(events.text)")

        try site.write("title: Served\nurl: https://news.example.org/\nbogus_key: 1\n", to: "site.yml")
        let failed = try await offThePool { events.read(until: "event: build-error", deadline: Date() + patience) }
        #expect(failed, "no build-error event: \(events.text)")
        #expect(events.text.contains("bogus_key"))
        #expect(try await get("/assets/site.css", port: port).status == 200, "the server keeps serving the last good build")

        await server.stop()
    }

    @Test("a stylesheet edit reaches the pages under a new fingerprinted name")
    func fingerprintedStylesheetEdit() async throws {
        let site = try ServedSite()
        defer { site.remove() }
        try site.write("<link href=\"{{ \"assets/site.css\" | fingerprint }}\">", to: "Templates/index.html")
        let server = site.server(watch: true)
        let port = try await server.start()
        func stylesheetURL() async throws -> String {
            let home = try await get("/", port: port).text
            let start = try #require(home.range(of: "<link href=\""))
            return String(home[start.upperBound...].prefix { $0 != "\"" })
        }
        let before = try await stylesheetURL()
        #expect(try await get(before, port: port).text == "body{}")

        let events = try await openEvents(port: port, until: ": connected", required: true)
        try site.write("body{color:navy}", to: "Content/static/assets/site.css")
        let reloaded = try await offThePool { events.read(until: "event: reload", deadline: Date() + patience) }
        #expect(reloaded, "no reload event: \(events.text)")
        let after = try await stylesheetURL()
        #expect(after != before && after.hasPrefix("/assets/site.") && after.hasSuffix(".css"))
        #expect(try await get(after, port: port).text == "body{color:navy}")
        #expect(try await get(before, port: port).status == 404, "the old copy left the output")
        await server.stop()
    }

    @Test("when the first build fails, pages still show the error and reload once it is fixed")
    func firstBuildFails() async throws {
        let site = try ServedSite()
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Templates/article.html"))
        let server = site.server(watch: true)
        let port = try await server.start()

        let home = try await get("/", port: port)
        #expect(home.status == 404)
        #expect(home.text.contains("/__herald/events"), "the fallback page carries the live-reload script")

        let events = try await openEvents(port: port, until: "article.html")
        #expect(events.text.contains("event: build-error"), "a new page learns of the current error at once: \(events.text)")
        try site.write("x", to: "Templates/article.html")
        let reloaded = try await offThePool { events.read(until: "event: reload", deadline: Date() + patience) }
        #expect(reloaded, "no reload event: \(events.text)")
        #expect(try await get("/", port: port).status == 200)
        await server.stop()
    }

    @Test("HEAD gets the headers and no body, other methods 405, and a stop ends open event streams")
    func methodsAndStop() async throws {
        let site = try ServedSite()
        defer { site.remove() }
        let server = site.server()
        let port = try await server.start()

        let head = try await request("HEAD", "/assets/site.css", port: port)
        #expect(head.status == 200)
        #expect(head.headers["content-length"] == "6", "the length of body{}")
        #expect(head.headers["content-type"] == "text/css; charset=utf-8")
        #expect(head.body.isEmpty)

        let post = try await request("POST", "/", port: port)
        #expect(post.status == 405)
        #expect(post.headers["allow"] == "GET, HEAD")

        let events = try await openEvents(port: port, until: ": connected")
        #expect(events.text.contains("Transfer-Encoding: chunked"), "\(events.text)")
        await server.stop()
        let ended = try await offThePool { () -> Bool in
            while events.readSome() {}
            return events.text.hasSuffix("0\r\n\r\n")
        }
        #expect(ended, "the event stream ends with the last chunk when the server stops: \(events.text)")
    }

    @Test("listens on a host name, and says why when the port is taken or not a port")
    func listening() async throws {
        let site = try ServedSite()
        defer { site.remove() }
        var configuration = PreviewServer.Configuration(options: BuildOptions(source: site.root), host: "localhost", port: 0)
        configuration.watch = false
        let first = PreviewServer(configuration: configuration)
        let port = try await first.start()
        #expect(try await get("/robots.txt", port: port).text == "User-agent: *")

        configuration.port = port
        let second = PreviewServer(configuration: configuration)
        do {
            _ = try await second.start()
            Issue.record("a second server listened on a taken port")
        } catch {
            #expect("\(error)".contains("cannot listen on localhost:\(port) (address already in use)"), "\(error)")
        }
        await second.stop()
        await first.stop()

        configuration.port = 70_000
        let third = PreviewServer(configuration: configuration)
        do {
            _ = try await third.start()
            Issue.record("port 70000 was accepted")
        } catch {
            #expect("\(error)".contains("70000 is not a port number"), "\(error)")
        }
        await third.stop()
    }

    @Test("the live-reload script goes before the last </body>, or at the end")
    func injection() {
        #expect(LiveReloadScript.inject(into: "<body>a</BODY>").hasSuffix("</script>\n</BODY>"))
        #expect(LiveReloadScript.inject(into: "<p>a").hasPrefix("<p>a\n<script"))
    }

    @Test("the resolver maps paths without touching the network")
    func resolver() throws {
        let site = try ServedSite()
        defer { site.remove() }
        try site.write("<p>", to: "Public/about/index.html")
        let resolver = OutputResolver(output: site.root.appendingPathComponent("Public"))
        #expect(resolver.resolve("/about") == .redirect("/about/"))
        if case .file(let url) = resolver.resolve("/about/?q=1") {
            #expect(url.path.hasSuffix("/Public/about/index.html"))
        } else {
            Issue.record("/about/ did not resolve to its index.html")
        }
        #expect(resolver.resolve("/%2e%2e/site.yml") == .forbidden)
        #expect(resolver.resolve("/nothing") == .notFound)
    }
}
