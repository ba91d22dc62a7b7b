import Foundation
import Herald

// The Markdown stage on a generated corpus (Benchmarks/make_corpus.py puts a
// table in every article), with every extension and with tables switched
// off, on one thread; prints the processor time of each and their ratio.
// Run with: swift run -c release MarkdownBenchmark CORPUS/articles [ROUNDS]

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: MarkdownBenchmark FOLDER-OF-MARKDOWN [ROUNDS]")
    exit(2)
}
let folder = URL(fileURLWithPath: arguments[1])
let rounds = arguments.count >= 3 ? Int(arguments[2]) ?? 5 : 5
let names = (try FileManager.default.contentsOfDirectory(atPath: folder.path)).filter { $0.hasSuffix(".md") }.sorted()
// The body: what follows the front matter's closing `---` line.
let bodies = names.map { name -> String in
    let text = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
    guard text.hasPrefix("---\n"), let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex) else { return text }
    return String(text[end.upperBound...])
}
var withoutTables = MarkdownExtensions.all
withoutTables.remove(.tables)
// ONLY=all, ONLY=plain or ONLY=none runs one of the three (for a profiler).
let only = ProcessInfo.processInfo.environment["ONLY"]
if only == "plain" { print(MarkdownThroughput.render(bodies, extensions: withoutTables, rounds: rounds)) }
if only == "none" { print(MarkdownThroughput.render(bodies, extensions: [], rounds: rounds)) }
if only == nil || only == "all" {
    let all = MarkdownThroughput.render(bodies, extensions: .all, rounds: rounds)
    print(String(format: "every extension:  %.3f s for %d bodies", all, bodies.count))
    if only == nil {
        let plain = MarkdownThroughput.render(bodies, extensions: withoutTables, rounds: rounds)
        let none = MarkdownThroughput.render(bodies, extensions: [], rounds: rounds)
        print(String(format: "without tables:   %.3f s", plain))
        print(String(format: "no extension:     %.3f s", none))
        print(String(format: "ratio to without tables: %.2f, to no extension: %.2f", all / plain, all / none))
    }
}
