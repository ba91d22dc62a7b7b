import Testing
@testable import Herald

@Suite struct FrontMatterTests {
    /// Every line break `Character.isNewline` knows ends a line of the
    /// front matter, and the body starts after the closing line's break.
    @Test(arguments: ["\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"])
    func everyKindOfLineBreakSplitsTheFile(lineBreak: String) throws {
        let text = ["---", "title: Ferry fares rise", "---", "Body text."].joined(separator: lineBreak)
        let split = try FrontMatter.split(text, path: "a.md").get()
        #expect(split.text == "title: Ferry fares rise" + lineBreak)
        #expect(split.body == "Body text.")
        #expect(split.bodyLineOffset == 3)
    }

    @Test func trailingSpacesAndDotsCloseTheFrontMatter() throws {
        let split = try FrontMatter.split("--- \t\ntitle: A\n... \nBody", path: "a.md").get()
        #expect(split.text == "title: A\n")
        #expect(split.body == "Body")
    }

    @Test func aCombiningMarkAfterTheDashesIsNotAnOpeningLine() {
        guard case .failure(let diagnostic) = FrontMatter.split("---\u{301}\ntitle: A\n---\n", path: "a.md") else {
            Issue.record("split a file whose first line is not '---'")
            return
        }
        #expect(diagnostic.message.hasPrefix("missing front matter"))
    }

    @Test func anUnclosedFrontMatterIsReported() {
        guard case .failure(let diagnostic) = FrontMatter.split("---\r\ntitle: A\r\n", path: "a.md") else {
            Issue.record("split a file whose front matter is never closed")
            return
        }
        #expect(diagnostic.message.contains("never closed"))
    }

    /// Only three dashes (or dots, to close) with nothing but spaces, tabs or
    /// carriage returns after them make a fence line.
    @Test(arguments: [
        ("---", false, true), ("---  \t\r", false, true), ("...", true, true), ("...", false, false), ("----", true, false),
        ("--", true, false), ("-- -", true, false), (" ---", true, false), ("---x", true, false), ("-.-", true, false),
        ("..-", true, false), ("---\u{301}", true, false), ("--- \u{301}", true, false), ("", true, false), ("+++", true, false),
    ])
    func fenceLines(line: String, dots: Bool, isFence: Bool) {
        let utf8 = Substring(line).utf8[...]
        #expect((FrontMatter.isFence(utf8, mark: UInt8(ascii: "-")) || (dots && FrontMatter.isFence(utf8, mark: UInt8(ascii: ".")))) == isFence)
    }

    @Test(arguments: [("+++", true), ("+++ \r", true), ("++", false), ("++++", false), ("+-+", false)])
    func tomlFenceLines(line: String, isFence: Bool) {
        #expect(FrontMatter.isFence(Substring(line).utf8[...], mark: UInt8(ascii: "+")) == isFence)
    }
}
