import Foundation
import Testing
@testable import Herald

/// The build's scratch files: texts and state records written to unlinked
/// files and read back, never left on disk.
@Suite struct SpillFileTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-spill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func entries(_ folder: URL) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    }

    @Test func textsStoredFromManyThreadsReadBackExactly() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try #require(SpillFile(in: folder))
        #expect(Self.entries(folder).isEmpty, "the scratch file has no name in its folder")
        // Long texts of many sizes, with multi-byte characters across every offset.
        let texts = (0..<400).map { index in String(repeating: "Ünïcode \(index) — ", count: 20 + index % 37) }
        let stored = texts.parallelMap { file.store($0) }
        for (text, entry) in zip(texts, stored) {
            guard case .spilled = entry else {
                Issue.record("a text of \(text.utf8.count) bytes stayed in memory")
                continue
            }
            #expect(entry.text == text)
        }
        // Read back again, in another order: nothing was overwritten.
        for index in stride(from: texts.count - 1, through: 0, by: -3) { #expect(stored[index].text == texts[index]) }
    }

    @Test func shortAndEmptyTextsStayInMemory() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try #require(SpillFile(in: folder))
        for text in ["", "short", String(repeating: "a", count: SpillFile.smallest - 1)] {
            let entry = file.store(text)
            guard case .inline(let kept) = entry else {
                Issue.record("a text of \(text.utf8.count) bytes was spilled")
                continue
            }
            #expect(kept == text && entry.isEmpty == text.isEmpty)
        }
        let long = String(repeating: "b", count: SpillFile.smallest)
        let entry = StoredText.inline(long).spilled(to: file)
        guard case .spilled = entry else {
            Issue.record("a text of \(SpillFile.smallest) bytes stayed in memory")
            return
        }
        #expect(entry.text == long && !entry.isEmpty)
        #expect(StoredText.inline(long).spilled(to: nil).text == long)
    }

    @Test func aFolderThatCannotHoldOneKeepsTextsInMemory() throws {
        #expect(SpillFile(in: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)")) == nil)
    }

    @Test func aStagedStateLandsOnlyWhenFinished() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("Public")
        let state = ContentState.location(of: output)
        do {
            let staged = try #require(StagedStateFile(for: output))
            staged.write([1, 2, 3])
        }
        #expect(Self.entries(folder).isEmpty, "an unfinished state leaves nothing behind")

        let staged = try #require(StagedStateFile(for: output))
        let payload = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        staged.write(payload[0..<1_000_000])
        staged.write(Array(payload[1_000_000...]))
        #expect(Self.entries(folder).isEmpty)
        staged.finish()
        #expect(Self.entries(folder) == [URL(fileURLWithPath: state).lastPathComponent])
        let written = try FileSystem.readFile(state)
        #expect(written.count == payload.count + 8)
        #expect(Array(written.prefix(payload.count)) == payload)
        // The trailer is the checksum of everything before it, as readers check.
        var trailer = BinaryWriter(capacity: 8)
        trailer.write(Checksum.of(payload))
        #expect(Array(written.suffix(8)) == trailer.bytes)
    }
}
