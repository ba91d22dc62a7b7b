import Foundation
import Testing
@testable import Herald

@Suite struct FeedDumpTests {
    @Test func writesEveryFixtureFeed() throws {
        let dir = try FeedFiles.writeAll()
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(names.count >= FeedFixtures.requests.count * FeedFormat.allCases.count)
    }
}
