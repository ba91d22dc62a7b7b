import Foundation
import Testing
@testable import Herald

@Suite struct FeedDumpTests {
    /// With `HERALD_FEED_DUMP_DIR` set, the feeds stay there for a validator;
    /// otherwise the temporary folder is removed.
    @Test func writesEveryFixtureFeed() throws {
        let dir = try FeedFiles.writeAll()
        defer { FeedFiles.discard(dir) }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(names.count >= FeedFixtures.requests.count * FeedFormat.allCases.count)
    }
}
