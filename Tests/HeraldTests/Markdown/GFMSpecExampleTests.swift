import Foundation
import Testing
@testable import Herald

/// Every example of the GitHub Flavored Markdown spec, rendered by Herald and
/// by the reference implementation, `cmark-gfm`, and compared.
///
/// The examples are read at test time from the spec that Debian's cmark-gfm
/// package installs (`/usr/share/doc/cmark-gfm/spec.txt.gz`, put there by
/// `make test`), so the suite follows the oracle's own version of the spec
/// and this repository holds no copy of it. The comparison is the one of
/// `GFMDifferentialTests` (heading ids and alignment style taken out), with
/// raw HTML on, as the spec's examples assume. The two examples the spec
/// marks `disabled` (cmark-gfm itself does not pass them) are skipped.
@Suite struct GFMSpecExampleTests {
    static let specPath = "/usr/share/doc/cmark-gfm/spec.txt.gz"

    struct Example: CustomTestStringConvertible, Sendable {
        let number: Int
        let line: Int
        let section: String
        let markdown: String
        var testDescription: String { "example \(number) (\(section), spec line \(line))" }
    }

    /// The spec's examples: a fence of 32 backticks with the word `example`
    /// opens one; a line holding only `.` parts the Markdown from the HTML;
    /// `→` stands for a tab.
    static func examples() -> [Example] {
        guard FileManager.default.fileExists(atPath: specPath) else { return [] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", specPath]
        let output = Pipe()
        process.standardOutput = output
        guard (try? process.run()) != nil else { return [] }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let fence = String(repeating: "`", count: 32)
        var examples: [Example] = []
        var section = ""
        var current: (line: Int, markdown: [Substring], inMarkdown: Bool, disabled: Bool)?
        var number = 0
        for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if var example = current {
                if line == fence {
                    if !example.disabled {
                        let markdown = example.markdown.joined(separator: "\n").replacingOccurrences(of: "→", with: "\t")
                        examples.append(Example(number: number, line: example.line, section: section, markdown: markdown))
                    }
                    current = nil
                } else {
                    if line == "." { example.inMarkdown = false } else if example.inMarkdown { example.markdown.append(line) }
                    current = example
                }
            } else if line.hasPrefix(fence + " example") {
                number += 1
                current = (index + 1, [], true, line.hasSuffix("disabled"))
            } else if line.hasPrefix("#") && line.dropFirst().first.map({ $0 == " " || $0 == "#" }) == true && !line.hasPrefix("# ") {
                section = String(line.drop { $0 == "#" || $0 == " " })
            }
        }
        return examples
    }

    @Test func theSpecIsThere() {
        // make test installs cmark-gfm; without its spec this suite would pass by testing nothing.
        #expect(Self.examples().count > 600)
    }

    @Test(arguments: examples()) func matchesCmarkGFM(_ example: Example) throws {
        let herald = GFMDifferentialTests.herald(example.markdown, smart: false, unsafe: true)
        let reference = try GFMDifferentialTests.reference(example.markdown, smart: false, unsafe: true)
        #expect(herald == reference, "\(example.markdown.debugDescription)")
    }
}
