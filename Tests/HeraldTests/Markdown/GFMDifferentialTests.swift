import Foundation
import Testing
@testable import Herald

/// Herald's GitHub Flavored Markdown against the reference implementation,
/// the `cmark-gfm` command (Debian's cmark-gfm package, installed by
/// `make test`), on inputs written for this suite: each GFM rule restated as
/// small cases, and combinations of them.
///
/// Compared: the HTML, byte for byte, after two known differences are taken
/// out of Herald's: headings carry an `id` (cmark-gfm's command writes none),
/// and cell alignment is `style="text-align: …"` where cmark-gfm writes the
/// obsolete `align` attribute. Cases where Herald deliberately differs are
/// in `divergences`, each with the reason.
@Suite struct GFMDifferentialTests {
    static let cmarkGFM = ["/usr/bin/cmark-gfm", "/usr/local/bin/cmark-gfm"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Inputs rendered the same by both.
    static let cases: [String] = [
        // Strikethrough.
        "~~gone~~ and ~also~ here", "a ~~b~~c", "~~a ~b~ c~~", "~~~three~~~", "~~a~", "~a~~",
        "~~*emphasis* inside~~", "*emphasis ~~inside~~ it*", "x~~y~~z", "~~ spaced ~~", "\\~~not~~",
        "~~not\\~~", "[~~link~~](/u)", "~~[link](/u)~~", "`~~code~~`", "~~a\nb~~", "~~\"quoted\"~~",
        "a ~~b~~ c ~~d~~ e", "~~a~~~~b~~", "~~unclosed", "closed~~", "~~~~", "~ ~", "~~é~~ ~~東京~~",
        "**~~both~~**", "~~**both**~~", "~~a ~~b~~ c~~", "&#126;&#126;x&#126;&#126;",
        // Task lists.
        "- [ ] open\n- [x] done\n- [X] Done", "1. [x] first\n2. [ ] second", "- [ ]\n- [x]", "- [x]no space",
        "- [  ] two spaces", "- [ ] *emphasis* after", "- a\n  - [ ] nested\n  - [x] nested done", "- [ ] a\n  more text",
        "* [ ]\ttab", "- [y] not a task", "[ ] not in a list",
        // Tables.
        "| a | b |\n| --- | --- |\n| c | d |", "a | b\n--|--\nc | d", "| a |\n|:-:|\n| b |",
        "| l | c | r | n |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |", "| a | b |\n|---|---|\n| only one |",
        "| a | b |\n|---|---|\n| 1 | 2 | 3 |", "| a | b |\n|---|\n| c |", "text before\n| a |\n|---|\n| b |",
        "| a |\n|---|\n| b |\n\nafter", "| a |\n|---|\n| b |\n> quote", "| a |\n|---|\n| b |\n# heading",
        "| a |\n|---|\n| b |\n- list", "| a |\n|---|\n| b |\n2. ordered", "| a |\n|---|\n| b |\n    code",
        "| a |\n|---|\n| b |\nno pipes here", "| a |\n|---|\n| b |\n|", "| *em* | `code` |\n|---|---|\n| **strong** | [l](/u) |",
        "| a | b |\n|---|---|\n| `x\\|y` | \\| z |", "| a |\n|---|\n| x \\\\| y |", "| a |\n|---|\n| ~~gone~~ |",
        "a\n|---|", "| a |\n| - |\n| b |\n===", "| a |\n| - |\n| b |\n---", "- | a |\n  | - |\n  | b |",
        "> | a |\n> | - |\n> | b |\nafter", "| a |\n|---|\n|   |\n| b |", "| a | b |\n|---|---|\n|||", "|a|b|\n|-|-|\n|c|d|",
        "| a |\n| --- |\n| # not heading |\n| 1. not list |\n| > not quote |", "| a |\n|---|\n| <b>raw</b> |",
        "| \"a\" -- b |\n|---|\n| it's |", "| a | b |\n| --- |", "|---|\n|---|", "| a |\n|---|\n| [ ] box |",
        // Tag filter (with raw HTML on).
        "<script>x</script>\n\n<b>kept</b> <style>y</style> <textarea> <iframe src=x> <Title>t</Title>",
        "text <xmp> and <plaintext> and <noembed> <noframes> <scripts>",
        // Plain CommonMark stays as it was.
        "# Title\n\nSome *text* with a [link](/x \"t\").\n\n> quote\n\n1. one\n2. two\n\n```\ncode\n```",
        "Setext\n======\n\nHeading two\n---",
    ]

    static func herald(_ markdown: String, smart: Bool, unsafe: Bool) -> String {
        var settings = SiteConfig.MarkdownSettings()
        settings.smart = smart
        settings.unsafeHTML = unsafe
        let html = MarkdownRenderer(settings: settings).render(markdown, path: "a.md", lineOffset: 0) { _ in .keep }.html
        return withoutKnownDifferences(html)
    }

    /// Herald's HTML with heading ids removed and alignment written as
    /// cmark-gfm writes it.
    static func withoutKnownDifferences(_ html: String) -> String {
        var result = html.replacing(#/<h([1-6]) id="[^"]*">/#) { "<h\($0.1)>" }
        result = result.replacing(#/ style="text-align: (left|center|right)"/#) { " align=\"\($0.1)\"" }
        return result
    }

    static func reference(_ markdown: String, smart: Bool, unsafe: Bool) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(cmarkGFM))
        var arguments = ["-e", "table", "-e", "strikethrough", "-e", "tasklist", "-e", "tagfilter"]
        if smart { arguments.append("--smart") }
        if unsafe { arguments.append("--unsafe") }
        process.arguments = arguments
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data((markdown + "\n").utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: cases) func matchesCmarkGFM(_ markdown: String) throws {
        for smart in [false, true] {
            let unsafe = markdown.contains("<")
            #expect(Self.herald(markdown, smart: smart, unsafe: unsafe) == (try Self.reference(markdown, smart: smart, unsafe: unsafe)), "smart: \(smart)")
        }
    }
}
