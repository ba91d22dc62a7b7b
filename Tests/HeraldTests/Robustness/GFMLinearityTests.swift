import Foundation
import Testing
@testable import Herald

/// The GFM extensions stay linear on inputs built to make them slow (cmark-gfm
/// itself has had quadratic tables and autolinks): each input is rendered at
/// two sizes, and four times the input may take at most eight times as long
/// (linear is four; quadratic would be sixteen). Processor time of the
/// rendering thread is measured, not wall time, and the best of three runs
/// is taken, so that other work on a busy machine does not decide.
@Suite(.serialized) struct GFMLinearityTests {
    static let inputs: [String: @Sendable (Int) -> String] = [
        "a row of many columns": { n in
            let header = "|" + String(repeating: " a |", count: n * 500)
            return header + "\n" + "|" + String(repeating: "---|", count: n * 500) + "\n" + header + "\n"
        },
        "many rows": { n in "| a | b |\n|---|--:|\n" + String(repeating: "| *x* | 12 |\n", count: n * 2_000) },
        "rows with too many cells": { n in "| a |\n|---|\n" + String(repeating: "| x | y | z | w |\n", count: n * 2_000) },
        "a run of tildes": { n in String(repeating: "~", count: n * 20_000) + "\n" },
        "tildes that never close": { n in String(repeating: "~~a ", count: n * 5_000) + "\n" },
        "tildes between emphasis": { n in String(repeating: "*a*~~b~ ", count: n * 5_000) + "\n" },
        "a line of pipes": { n in String(repeating: "|", count: n * 20_000) + "\n" + String(repeating: "|-", count: n * 1_000) + "\n" },
        "equal headings": { n in String(repeating: "## Same\n\n", count: n * 2_000) },
        "nested brackets": { n in String(repeating: "[", count: n * 5_000) + String(repeating: "]", count: n * 5_000) + "\n" },
        "many footnotes": { n in
            (0..<(n * 12_500)).map { "Claim[^\($0)].\n" }.joined() + "\n" + (0..<(n * 12_500)).map { "[^\($0)]: Source \($0).\n" }.joined()
        },
        "footnotes with long bodies": { n in
            "Text[^a].\n\n[^a]: First line\n" + String(repeating: "lazy line\n", count: n * 5_000) + String(repeating: "\n    indented paragraph\n", count: n * 2_000)
        },
        "many footnotes in list items": { n in
            (0..<(n * 5_000)).map { "- Claim[^\($0)].\n  [^\($0)]: Source \($0).\n" }.joined()
        },
        "many footnotes in one quote": { n in
            "> Text[^0].\n" + (0..<(n * 5_000)).map { "> [^\($0)]: Source \($0).\n> lazy text\n" }.joined()
        },
        "a link ending in many parentheses": { n in "http://a.example/" + String(repeating: ")", count: n * 20_000) + "\n" },
        "addresses sharing one run": { n in String(repeating: "a@", count: n * 10_000) + "b.example\n" },
        "many www links on a line": { n in String(repeating: "www.a.example ", count: n * 5_000) + "\n" },
        "a long domain of underscores": { n in "www." + String(repeating: "a_.", count: n * 10_000) + "example\n" },
        "many emphasised links": { n in String(repeating: "*www.a.example*", count: n * 3_000) + "\n" },
        "tables in a quote with lazy lines": { n in String(repeating: "> | a |\n> |---|\n> | b |\nlazy\n\n", count: n * 500) },
    ]

    static func seconds(_ markdown: String) -> Double {
        let renderer = MarkdownRenderer(settings: .init())
        var best = Double.infinity
        for _ in 0..<3 {
            let start = threadSeconds()
            _ = renderer.render(markdown, path: "a.md", lineOffset: 0) { _ in .keep }
            best = min(best, threadSeconds() - start)
        }
        return best
    }

    /// Processor time of the calling thread.
    static func threadSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    @Test(arguments: inputs.keys.sorted()) func staysLinear(_ name: String) throws {
        let make = try #require(Self.inputs[name])
        let small = Self.seconds(make(1)), large = Self.seconds(make(4))
        // Below 100 ms at the larger size, timer and scheduler noise decide
        // the ratio, and nothing is slow anyway.
        #expect(large < 0.1 || large / small < 8, "\(name): \(small) s, then \(large) s at four times the size")
    }
}
