import Testing
@testable import Herald

@Suite struct SlugTests {
    @Test(arguments: [
        ("Hello, World!", "hello-world"),
        ("Économie & Marchés 2025", "economie-marches-2025"),
        ("  --Already-slugged--  ", "already-slugged"),
        ("東京 news", "東京-news"),
        ("", ""),
    ])
    func slugifies(input: String, expected: String) {
        #expect(Slug.make(input) == expected)
    }

    @Test func escapesHTML() {
        #expect(HTMLEscaping.escape(#"<a href="x">&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;")
        #expect(HTMLEscaping.escape("plain") == "plain")
    }
}
