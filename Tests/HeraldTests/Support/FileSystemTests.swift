import Foundation
import Testing
@testable import Herald

@Suite struct FileSystemTests {
    private func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-fs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test(arguments: [0, 1, 4095, 4096, 70_000])
    func readFileReturnsExactlyTheBytesOfTheFile(size: Int) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = folder + "/file.bin"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try FileSystem.readFile(path) == bytes)
    }

    @Test func readingAFolderOrAMissingFileFails() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: FileSystem.Failure.self) { try FileSystem.readFile(folder) }
        #expect(throws: FileSystem.Failure.self) { try FileSystem.readFile(folder + "/missing") }
    }
}
