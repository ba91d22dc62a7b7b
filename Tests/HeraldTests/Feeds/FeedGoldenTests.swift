import Foundation
import Testing
@testable import Herald

/// Byte-for-byte comparison with the files in `Tests/HeraldTests/Fixtures/Feeds/Golden/`
/// (under `Fixtures/`, which the package declares as resources, so SwiftPM does
/// not warn about unhandled files; they are read from the source tree via `#filePath`).
///
/// To re-record them after an intended change of output, run
/// `HERALD_RECORD_GOLDEN=1 swift test --filter FeedGoldenTests`, then review the
/// diff with `git diff Tests/HeraldTests/Fixtures/Feeds/Golden` before committing.
@Suite struct FeedGoldenTests {
    static let goldenFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Feeds/Golden", isDirectory: true)
    static var recording: Bool { ProcessInfo.processInfo.environment["HERALD_RECORD_GOLDEN"] == "1" }

    @Test(arguments: FeedFormat.allCases)
    func matchesGoldenFile(_ format: FeedFormat) throws {
        let bytes = try FeedFixtures.generator().render(FeedFixtures.siteRequest(), as: format)
        let file = Self.goldenFolder.appendingPathComponent(FeedFixtures.fileName("site", format))
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.goldenFolder, withIntermediateDirectories: true)
            try Data(bytes).write(to: file)
            return
        }
        let golden = try #require(FileManager.default.contents(atPath: file.path),
                                  "missing \(file.path): record with HERALD_RECORD_GOLDEN=1")
        #expect([UInt8](golden) == bytes, "\(format) feed differs from \(file.lastPathComponent); re-record with HERALD_RECORD_GOLDEN=1 if intended")
    }
}
