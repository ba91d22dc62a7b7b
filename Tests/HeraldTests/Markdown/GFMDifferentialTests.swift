import Foundation
import Testing
@testable import Herald

/// Herald's GitHub Flavored Markdown against the reference implementation,
/// the `cmark-gfm` command (Debian's cmark-gfm package, installed by
/// `make test`), on inputs written for this suite: each GFM rule restated as
/// small cases, and combinations of them.
///
/// Compared: the HTML, byte for byte, after three known differences are taken
/// out of Herald's: headings carry an `id` (cmark-gfm's command writes none),
/// the notes section has a heading, and cell alignment is `style="text-align: …"` where cmark-gfm writes the
/// obsolete `align` attribute. Cases where Herald deliberately differs are
/// in `divergences`, each with the reason. Footnotes are rendered without
/// an id prefix, so that their ids are cmark-gfm's.
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
        // Footnotes.
        "Turnout rose[^1].\n\n[^1]: County clerk, 4 March.", "[^src]: Defined first.\n\nUsed after[^src].",
        "Two[^a] notes[^b], one again[^a].\n\n[^b]: Bee.\n[^a]: Ay.", "Case[^Note] and [^note].\n\n[^note]: One note.",
        "Undefined[^nope] stays text.\n\n[^other]: Never used.", "Long[^long].\n\n[^long]: First paragraph.\n\n    Second paragraph.\n\n    > A quote.\n\nBack in the body.",
        "Code[^c].\n\n[^c]: Intro.\n\n        indented code\n\n    ```\n    fenced\n    ```", "Lazy[^l].\n\n[^l]: starts here\nand goes on lazily\n> then a quote",
        "Interrupts[^i]\n[^i]: a paragraph.", "Escaped \\[^e] and `[^e]` and [^e](/link) and [^e].\n\n[^e]: Note.",
        "In *emphasis [^x]* and **[^x]**.\n\n[^x]: X.", "Spaced [^ sp ] label.\n\n[^sp]: Spaced.", "Empty[^empty].\n\n[^empty]:",
        "Nested[^out].\n\n[^out]: Outer cites[^in].\n\n[^in]: Inner.", "First wins[^d].\n\n[^d]: first\n\n[^d]: second",
        "```\n[^code]: not a definition\n```\n\nText[^code].", "- item\n[^lazy]: after a list\n\nText[^lazy].", "- a\n[^1]: between items\n- b\n\nText[^1].",
        "A table note[^t].\n\n[^t]: | a | b |\n    |---|---|\n    | 1 | 2 |", "| Ward | Votes[^w] |\n|---|---|\n| North | 12[^w] |\n\n[^w]: Provisional.",
        "Smart \"quotes\"[^q] -- dash.\n\n[^q]: It's \"quoted\".", "~~struck[^s]~~ and [^s]~~x~~\n\n[^s]: Strike.",
        "Lists:\n\n- one[^1]\n- two[^2]\n\n[^1]: One.\n[^2]: Two.", "[^1]: Only a definition.", "Bracket [^] and [^ ] stay.\n\n[^]: x",
        "Heading[^h]\n=======\n\n[^h]: Under a heading.", "Tabbed[^tab].\n\n[^tab]: first\n\n\tsecond", "A [link with a note[^n]](/u).\n\n[^n]: N.",
        // Footnote definitions inside list items and block quotes (and a
        // line of spaces, which ends a note for cmark-gfm).
        "- item\n\n  [^li]: inside the item\n\nText[^li].",
        "> [^q]: quoted\n\nText[^q].",
        "1. [^n]: http://example.com\n\nText[^n].",
        "- a\n- [^x]: y\n\n      second para\n- b\n\nRef[^x].",
        "- a\n\n  [^x]: y\n\n  more\n- b\n\nRef[^x].",
        "- a\n  [^x]: y\n- b\n\nR[^x]",
        "> text\n> [^e]:\n\nRef[^e].",
        "- [^u]: unused\n- b",
        "Before[^q].\n\n> Quote.\n>\n> [^q]: Quoted note\n> lazy line\n>\n>     second paragraph\n\nAfter[^q].",
        "> [^d]: first\n\n[^d]: second\n\nUse[^d].",
        "[^d]: top\n\n- [^d]: nested\n\nUse[^d].",
        "- a\n  - [^deep]: deep note\n    continued lazily\n\n        deep second\n- b\n\nDeep[^deep].",
        "- > [^ql]: quote in item\n\nSee[^ql].",
        "> - [^lq]: item in quote\n>\n>       more\n\nSee[^lq].",
        "- [^p]: note\n\n  + plus list\n\nP[^p].",
        "+ a\n+ [^p]: in plus item\n+ c\n\nP[^p].",
        "Text[^a].\n\n- [^a]: A cites[^b].\n- [^b]: B.",
        "- [^c]: Intro.\n\n          indented code\n\nC[^c].",
        "- [^x]: note\n\n  after\n- b\n\nX[^x].",
        "- [^x]: note\n  after\n- b\n\nX[^x].",
        "1) [^o]: ordered paren\n2) two\n\nO[^o].",
        ">[^ns]: no space\n>    continued\n\nNS[^ns].",
        "- [^t]: | a | b |\n      |---|---|\n      | 1 | 2 |\n\nT[^t].",
        ">   [^k]: indented two\n\nK[^k].",
        "- [^h]: * *\n\nH[^h].",
        "- [^x]: note\n- [^y]: other\n\nX[^x] Y[^y].",
        "> a\n> [^x]: interrupts\n> b\n\nX[^x].",
        "- [^x]: a\n2. b\n\nX[^x].",
        "- [^x]: a\n\n      > quoted in note\n\n  after the note\n\nX[^x].",
        "> - a\n>   [^x]: continuation of item in quote\n\nX[^x].",
        "- a\n\n    [^x]: indented four in item\n\nX[^x].",
        "- [^x]: *emph* and [link](/u) and www.auto.example\n\nX[^x].",
        "Intro[^x].\n\n- [^x]: ~~struck~~ note\n  - [ ] task\n\nOutro[^x] again[^x].",
        "> [^x]:\n>     indented after empty\n\nX[^x].",
        "- one\n\n  [^x]: between\n- two\n\nX[^x].",
        "* [^s]: star item\n* two\n\nS[^s].",
        "[^a]: x\n  \n    y\n\nR[^a]",
        "- [^a]: x\n  \n      y\n\nR[^a]",
        "- [^a]: x\n  \n  sibling\n- b\n\nR[^a]",
        "- [^a]: x\n  \n- b\n\nR[^a]", "- [^a]: x\n  \n      y\n- b\n\nR[^a]", "- [^a]: x\n  \n      y\n  sib\n- b\n\nR[^a]",
        "> [^a]: one\n> [^b]: two\n\nA[^a] B[^b].", "- x\n\n  [^a]: note\n  + plus sibling\n\nA[^a].",
        "- x\n  * star before\n  [^a]: note\n  [^b]: two\n  [^c]: three\n  + plus after\n\nA[^a] B[^b] C[^c].",
        "- x\n  * star before\n\n  [^a]: note\n\n  + plus after\n\n  - minus\n\nA[^a].", "> [^a]: - - -\n\nA[^a].",
        "- [^a]: Cell\n\n      | a | b |\n      |---|---|\n      | [x](/u) | ~~y~~ |\n\nA[^a].", "1. one\n2. [^a]: two\n3. three\n\nA[^a].",
        "> Quote[^a] then\n> [^a]: a note with \"smart\" quotes -- and www.x.example\n\nAfter[^a].", "- [^a]:\n\n      Only indented.\n\nA[^a].",
        "* [^a]: x\n* [^b]: * *\n\nA[^a] B[^b].",
        "*     code first\n    [^b]: in the item after its code\n\nR[^b]", "1.      code first\n   [^b]: in the item\n\nR[^b]",
        "10. [^a]: wide marker\n\n        second paragraph\n\nR[^a]", "-\n  [^a]: item begun empty\n\nR[^a]",
        "- [^a]: x\n      - [^b]: y\n\nR[^a] [^b]", "> [^a]: x\n>     > [^b]: y\n\nR[^a] [^b]",
        // The example of docs/content.md.
        "- Turnout by ward[^wards]\n\n  [^wards]: Wards 3 and 7 reported late.\n\n> The council meets on Tuesday.[^meeting]\n>\n> [^meeting]: Agenda published on the council's site.",
        "> - [^q]: note\n>\n>       code, not note\n\nQ[^q].", "> [^q]: note\n>\n>     code, not note\n\nQ[^q].",
        "> - [^q]: note\n>\n>   para\n\nQ[^q].",
        "> [^q]: note\n>\n> more quote text\n\nQ[^q].",
        "Cited[^in] twice[^in].\n\n> Quote with a note.[^in]\n>\n> [^in]: Inside the quote, cited from it too.\n\n- List[^out]\n\n  [^out]: Inside the item.\n\n      Second paragraph.",
        // Extended autolinks.
        "Visit www.riverbend.example/council for minutes.", "Read https://ledger.example/2026/budget.pdf, then reply.",
        "Files at ftp://files.example.org/pub/ and HTTP://SHOUT.EXAMPLE.", "Write to news.desk+tips@ledger.example.",
        "Ends with punctuation: www.a.example? www.b.example! www.c.example: http://d.example/x.",
        "www.wiki.example/Flood_(1996) and (www.wiki.example/Flood_(1996)) and www.wiki.example/a))",
        "http://a.example/x?y=(1)) and http://a.example/((z))", "Entity end https://a.example/q&amp; and https://a.example/r&copy;x",
        "Not after letters: xwww.a.example or a:www.b.example", "After delimiters *www.a.example* _www.b.example_ ~www.c.example~ (www.d.example)",
        "Underscores www.a_b.example www.c.d_e and www.f_g.h.example", "Short http://localhost:8080/path and www.nodot",
        "`www.code.example` and [www.link.example](/u) and <http://angle.example> and ![www.img.example](i.png)",
        "Emails a.b-c_d@example.org a@b.c1 x@y.z- u@v.w_ one@two@three.example end@dot.example.",
        "mailto:desk@ledger.example and xmpp:editor@chat.example/laptop and a.mailto:x@y.example",
        "Smart -- http://a.example/x--y and 'www.b.example' and \"https://c.example\" and www.d.example/it's",
        "Non-ASCII https://é.example/ü and www.bücher.example and http://東京.example", "Strike ~~www.a.example~~ and www.b.example/~user~",
        "| Site | Contact |\n|---|---|\n| www.a.example | b@c.example |", "Line one www.a.example\nline two http://b.example\n",
        "- [ ] www.task.example\n- [x] mail@task.example", "Footnote[^1].\n\n[^1]: Source: https://data.example/turnout.csv",
        "Brackets [www.a.example] and {http://b.example} and <www.c.example>", "Escaped \\www.a.example and www.b.example\\",
        "Query www.a.example/search?q=x&y=z#frag and https://b.example:8443/a;b",
        // Reference links and images in table cells (the definitions are read before the table).
        "| Source | Figure |\n|---|---|\n| [clerk][c] | ![chart][img] |\n| [c] | [C][] |\n\n[c]: /clerk \"County clerk\"\n[img]: /chart.png",
        "[early]: /before\n\n| a |\n|---|\n| [early] and [missing] |",
        "```\n[code]: /not-a-definition\n```\n\n| a |\n|---|\n| [code] |", "| a |\n|---|\n| b |\n> [after]\n\n[after]: /u",
        "| a |\n|---|\n| [t] |\n\n[t]:\n/multi-line\n'Title'",
    ]

    /// Inputs where Herald deliberately writes other HTML than cmark-gfm,
    /// each with what cmark-gfm writes, checked so that the list stays true.
    static let divergences: [(markdown: String, cmarkGFMHas: String, heraldHas: String)] = [
        // A label outside ASCII: cmark-gfm percent-encodes the id itself, so
        // that the link's fragment, decoded, no longer names it.
        ("Unicode[^é].\n\n[^é]: Accented label.", "<li id=\"fn-%C3%A9\">", "<li id=\"fn-é\">"),
        // Numbers follow the body's references first, then the notes'.
        ("[^1]: a[^2]\n\nx[^1] y[^3]\n\n[^2]: two\n\n[^3]: three", "<a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>2</a>",
         "<a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a>"),
        // A note written in another note's indented lines is not a note
        // (this one is read as a link reference definition, and hidden).
        ("[^a]: x\n\n    [^b]: /url\n\nR[^a] [^b]", "<li id=\"fn-b\">", "</sup> [^b]</p>"),
        // A note referred to only from a note nobody refers to is left out.
        ("[^a]: see[^b]\n\n[^b]: B.\n\nText.", "<li id=\"fn-b\">", "<p>Text.</p>\n"),
        // A web link stops where libcmark has already made emphasis.
        ("www.a.example*b*", "<a href=\"http://www.a.example*b\">", "<a href=\"http://www.a.example\">www.a.example</a><em>b</em>"),
        // A table cell sees the link reference definitions written at the
        // top level of the body; one inside a list item, block quote or
        // footnote is not seen from a cell.
        ("- [in]: /list-item\n\n| a |\n|---|\n| [in] |", "<td><a href=\"/list-item\">in</a></td>", "<td>[in]</td>"),
    ]

    static func herald(_ markdown: String, smart: Bool, unsafe: Bool) -> String {
        var settings = SiteConfig.MarkdownSettings()
        settings.smart = smart
        settings.unsafeHTML = unsafe
        // Without a prefix, footnote ids are cmark-gfm's.
        let html = MarkdownRenderer(settings: settings).render(markdown, path: "a.md", lineOffset: 0, idPrefix: "") { _ in .keep }.html
        return withoutKnownDifferences(html)
    }

    /// Herald's HTML with heading ids removed and alignment written as
    /// cmark-gfm writes it.
    static func withoutKnownDifferences(_ html: String) -> String {
        var result = html.replacing(#/<h([1-6]) id="[^"]*">/#) { "<h\($0.1)>" }
        result = result.replacing("<section class=\"footnotes\" data-footnotes>\n\(Footnotes.heading)\n", with: "<section class=\"footnotes\" data-footnotes>\n")
        result = result.replacing(#/ style="text-align: (left|center|right)"/#) { " align=\"\($0.1)\"" }
        return result
    }

    static func reference(_ markdown: String, smart: Bool, unsafe: Bool) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(cmarkGFM))
        var arguments = ["-e", "table", "-e", "strikethrough", "-e", "tasklist", "-e", "tagfilter", "-e", "footnotes", "-e", "autolink"]
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

    @Test func divergencesAreAsDocumented() throws {
        for divergence in Self.divergences {
            #expect(try Self.reference(divergence.markdown, smart: false, unsafe: false).contains(divergence.cmarkGFMHas), "\(divergence.markdown)")
            let herald = Self.herald(divergence.markdown, smart: false, unsafe: false)
            #expect(herald.contains(divergence.heraldHas) && !herald.contains(divergence.cmarkGFMHas), "\(divergence.markdown)")
        }
    }

    @Test(arguments: cases) func matchesCmarkGFM(_ markdown: String) throws {
        for smart in [false, true] {
            let unsafe = markdown.contains("<")
            #expect(Self.herald(markdown, smart: smart, unsafe: unsafe) == (try Self.reference(markdown, smart: smart, unsafe: unsafe)), "smart: \(smart)")
        }
    }
}
