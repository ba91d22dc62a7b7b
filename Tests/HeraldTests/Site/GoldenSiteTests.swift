import Foundation
import Testing
@testable import Herald

/// Builds `Tests/HeraldTests/Fixtures/GoldenSite/` with a fixed "now" and
/// compares every output file byte for byte with its `Expected/` folder.
///
/// The fixture is read from the source tree via `#filePath` (not the test
/// bundle), so re-recording writes there: run
/// `HERALD_RECORD_GOLDEN=1 swift test --filter Golden`, then review
/// `git diff Tests/HeraldTests/Fixtures/GoldenSite/Expected` before committing.
@Suite struct GoldenSiteTests {
    static let siteFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/GoldenSite", isDirectory: true)
    static let expectedFolder = siteFolder.appendingPathComponent("Expected", isDirectory: true)
    /// 2025-07-06T12:00:00Z, as `SOURCE_DATE_EPOCH=1751803200` would give.
    static let now = BuildOptions.defaultNow(environment: ["SOURCE_DATE_EPOCH": "1751803200"])
    static var recording: Bool { ProcessInfo.processInfo.environment["HERALD_RECORD_GOLDEN"] == "1" }

    @Test func everyOutputFileMatchesTheGoldenCopy() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("herald-golden-\(UUID().uuidString)/Public")
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        var options = BuildOptions(source: Self.siteFolder, output: output, now: Self.now)
        options.includeDrafts = false
        let report = try Builder(options: options).build()
        #expect(report.articles == 3)
        #expect(report.pages == 1)
        let built = SiteFixtures.files(under: output)

        if Self.recording {
            try? FileManager.default.removeItem(at: Self.expectedFolder)
            for file in built {
                let target = Self.expectedFolder.appendingPathComponent(file)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: output.appendingPathComponent(file), to: target)
            }
            return
        }
        let expected = SiteFixtures.files(under: Self.expectedFolder)
        try #require(!expected.isEmpty, "no golden files in \(Self.expectedFolder.path): record with HERALD_RECORD_GOLDEN=1")
        #expect(built == expected, "the list of output files changed; re-record with HERALD_RECORD_GOLDEN=1 if intended")
        for file in built where expected.contains(file) {
            let bytes = FileManager.default.contents(atPath: output.appendingPathComponent(file).path)
            let golden = FileManager.default.contents(atPath: Self.expectedFolder.appendingPathComponent(file).path)
            #expect(bytes == golden, "\(file) differs from its golden copy; re-record with HERALD_RECORD_GOLDEN=1 if intended")
        }
    }
}
