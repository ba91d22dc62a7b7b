import Foundation
import Testing
@testable import Herald

/// The demo site's search page in a real headless Chromium: typing a query,
/// a stemmed query, a draft's words, a filter, sorting, and the page without
/// JavaScript (`Tests/Browser/search_browser.py`, selenium with Debian's
/// chromium and chromium-driver, installed by `make test`). Loopback only.
@Suite struct SearchBrowserTests {
    static let tools = ["/usr/bin/python3", "/usr/bin/chromium", "/usr/bin/chromedriver"]

    @Test func theSearchPageFindsWhatAReaderTypes() throws {
        let missing = Self.tools.filter { !FileManager.default.isExecutableFile(atPath: $0) }
        try #require(missing.isEmpty, "the browser test needs \(missing.joined(separator: ", ")): run 'make test-deps' (chromium chromium-driver python3-selenium)")
        let site = try SiteFixtures.demoSite()
        defer { site.remove() }
        _ = try site.build()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            SiteFixtures.repositoryRoot.appendingPathComponent("Tests/Browser/search_browser.py").path,
            site.root.appendingPathComponent("Public").path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("ok   a stemmed form finds the article"), "\(text)")
        #expect(!text.contains("FAIL"), "\(text)")
    }
}
