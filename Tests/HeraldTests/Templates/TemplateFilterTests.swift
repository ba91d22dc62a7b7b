import Foundation
import Testing
@testable import Herald

@Suite struct TemplateFilterTests {
    let july4 = TemplateTestSupport.july4
    let january5 = TemplateTestSupport.january5

    @Test func escapeAndSafe() throws {
        #expect(try renderTemplate("{{ v | escape }}|{{ v | e }}", ["v": "<a&b>"]) == "&lt;a&amp;b&gt;|&lt;a&amp;b&gt;")
        #expect(try renderTemplate("{{ v | escape }}", ["v": .html("<b>")]) == "<b>")
        #expect(try renderTemplate("{{ v | escape | escape }}", ["v": "&"]) == "&amp;")
        #expect(try renderTemplate("{{ v | safe }}|{{ n | safe }}|{{ 3 | safe }}", ["v": "<i>", "n": nil]) == "<i>||3")
    }

    @Test func defaultFilter() throws {
        let context: [String: Value] = ["n": nil, "page": ["params": ["a": 1]], "empty": ""]
        #expect(try renderTemplate("{{ missing | default('x') }}", context) == "x")
        #expect(try renderTemplate("{{ page.params.foo | default(1) }}", context) == "1")
        #expect(try renderTemplate("{{ page.params.a | default(2) }}", context) == "1")
        #expect(try renderTemplate("{{ n | default('none') }}", context) == "none")
        #expect(try renderTemplate("{{ n.title | d('t') }}", context) == "t")
        #expect(try renderTemplate("[{{ empty | default('e') }}][{{ empty | default('e', true) }}]", context) == "[][e]")
        #expect(try renderTemplate("{{ missing | default(page.params.a) }}", context) == "1")
    }

    @Test func lengthAndCase() throws {
        #expect(try renderTemplate("{{ 'héllo' | length }} {{ [1, 2] | length }} {{ m | length }} {{ n | length }} {{ [1] | count }}", ["m": ["a": 1], "n": nil])
            == "5 2 1 0 1")
        #expect(try renderTemplate("{{ 'héllo' | upper }} {{ 'HÉLLO' | lower }}") == "HÉLLO héllo")
        #expect(try renderTemplate("{{ 'hello WORLD' | capitalize }}|{{ \"the o'neil-smith story\" | title }}")
            == "Hello world|The O&#39;neil-Smith Story")
        #expect(try renderTemplate("[{{ '  a b \n' | trim }}]") == "[a b]")
        #expect(try renderTemplate("{{ v | upper }}", ["v": .html("<b>x</b>")]) == "<B>X</B>")
        #expect(try renderTemplate("[{{ n | upper }}]", ["n": nil]) == "[]")
    }

    @Test func truncate() throws {
        #expect(try renderTemplate("{{ 'The quick brown fox' | truncate(12) }}") == "The quick…")
        #expect(try renderTemplate("{{ 'The quick brown fox' | truncate(19) }}") == "The quick brown fox")
        #expect(try renderTemplate("{{ 'The quick brown fox' | truncate(16) }}") == "The quick brown…")
        #expect(try renderTemplate("{{ 'Supercalifragilistic' | truncate(6) }}") == "Super…")
        #expect(try renderTemplate("{{ 'Hello, world and more' | truncate(8, '...') }}") == "Hello...")
        #expect(try renderTemplate("{{ v | truncate(9) }}", ["v": .html("<p>Some <b>bold</b> text</p>")]) == "Some…")
    }

    @Test func striptagsSlugifyUrlencode() throws {
        #expect(try renderTemplate("{{ v | striptags }}", ["v": .html("<p>Tom &amp; <b>Jerry</b></p>\n<!-- c --><p>x&#39;s &#x41;</p>")])
            == "Tom &amp; Jerry x&#39;s A")
        #expect(try renderTemplate("{{ 'Économie & Marchés 2025' | slugify }}") == "economie-marches-2025")
        #expect(try renderTemplate("{{ 'a b&c=d/é?' | urlencode }}") == "a%20b%26c%3Dd/%C3%A9%3F")
    }

    @Test func joinFirstLastReverse() throws {
        let context: [String: Value] = ["tags": [.object(TestTerm(name: "a")), .object(TestTerm(name: "b<"))], "parts": [.html("<i>x</i>"), "<y>"]]
        #expect(try renderTemplate("{{ [1, 2, 3] | join(', ') }}|{{ ['a', 'b'] | join }}|{{ tags | join(' / ') }}", context) == "1, 2, 3|ab|a / b&lt;")
        #expect(try renderTemplate("{{ parts | join('&') }}", context) == "<i>x</i>&amp;&lt;y&gt;")
        #expect(try renderTemplate("{{ [1, 2, 3] | first }} {{ [1, 2, 3] | last }} {{ 'abc' | first }} {{ 'abc' | last }} [{{ [] | first }}]") == "1 3 a c []")
        #expect(try renderTemplate("{{ [1, 2, 3] | reverse | join }} {{ 'abc' | reverse }}") == "321 cba")
    }

    @Test func sortLimitWhereGroupBy() throws {
        let pages: [Value] = [
            .object(TestPage(title: "B", url: "/b/", date: july4, section: "world", tags: ["x"])),
            .object(TestPage(title: "A", url: "/a/", date: january5, section: "local", tags: ["x", "y"])),
            .object(TestPage(title: "C", url: "/c/", date: january5, section: "world")),
        ]
        let maps: [Value] = [["n": "z", "v": 2], ["n": "y", "v": 1], ["n": "x", "v": 2]]
        let context: [String: Value] = ["pages": .list(pages), "maps": .list(maps)]
        #expect(try renderTemplate("{{ [3, 1, 2] | sort | join }} {{ ['b', 'a', 'C'] | sort | join }} {{ [2, 1.5, 3] | sort | join(' ') }}") == "123 abC 1.5 2 3")
        #expect(try renderTemplate("{{ [none, 'b', 2, 'A'] | sort | join(',') }} {{ tags | sort | join(',') }}",
            ["tags": [.object(TestTerm(name: "b")), .object(TestTerm(name: "A"))]]) == ",2,A,b A,b")
        #expect(try renderTemplate("{% for p in pages | sort('title') %}{{ p.title }}{% endfor %}", context) == "ABC")
        #expect(try renderTemplate("{% for p in pages | sort('date') %}{{ p.title }}{% endfor %}", context) == "ACB")
        #expect(try renderTemplate("{% for p in pages | sort('date', true) %}{{ p.title }}{% endfor %}", context) == "BAC")
        #expect(try renderTemplate("{% for m in maps | sort('v') %}{{ m.n }}{% endfor %}", context) == "yzx")
        #expect(try renderTemplate("{{ [1, 2, 3] | limit(2) | join }} {{ [1] | limit(5) | join }} [{{ [1] | limit(0) | join }}]") == "12 1 []")
        #expect(try renderTemplate("{% for p in pages | where('section', 'world') %}{{ p.title }}{% endfor %}", context) == "BC")
        #expect(try renderTemplate("{% for p in pages | where('tags', 'y') %}{{ p.title }}{% endfor %}", context) == "A")
        #expect(try renderTemplate("{% for m in maps | where('v', 2) %}{{ m.n }}{% endfor %}", context) == "zx")
        #expect(try renderTemplate(
            "{% for g in pages | group_by('section') %}{{ g.key }}:{% for p in g.items %}{{ p.title }}{% endfor %};{% endfor %}", context)
            == "world:BC;local:A;")
        #expect(try renderTemplate(
            "{% for g in maps | group_by('v') %}{{ g.key }}={{ g.items | length }};{% endfor %}", context) == "2=2;1=1;")
    }

    @Test func dateFormats() throws {
        let context: [String: Value] = ["d": .date(july4), "w": .date(january5), "n": nil]
        #expect(try renderTemplate("{{ d | date('%Y-%m-%d %H:%M:%S') }}", context) == "2025-07-04 09:14:05")
        #expect(try renderTemplate("{{ d | date('%-d %B %Y, %-I:%M %p') }}", context) == "4 July 2025, 9:14 AM")
        #expect(try renderTemplate("{{ d | date('%A %a %b %e|%y|%j|%z|%Z|%%|%-m|%-H|%-M|%I') }}", context)
            == "Friday Fri Jul  4|25|185|-0400|EDT|%|7|9|14|09")
        #expect(try renderTemplate("{{ w | date('%d %b %Y %H:%M %z %Z %F %T') }}", context) == "05 Jan 2025 03:03 -0500 EST 2025-01-05 03:03:00")
        #expect(try renderTemplate("{{ w | date('%I %p') }}", ["w": .date(Date(timeIntervalSince1970: 1_736_100_000))]) == "01 PM")
        #expect(try renderTemplate("[{{ n | date('%Y') }}]", context) == "[]")
        #expect(try renderTemplate("{{ d | rfc3339 }} {{ w | rfc3339 }}", context) == "2025-07-04T09:14:05-04:00 2025-01-05T03:03:00-05:00")
    }

    @Test func dateInUTCAndOtherZones() throws {
        let utc = TemplateEnvironment(timeZone: TimeZone(identifier: "UTC")!, siteURL: SiteURL("https://x.org/")!)
        let library = try TemplateLibrary(sources: ["t.html": "{{ d | rfc3339 }} {{ d | date('%z') }}"], environment: utc)
        #expect(try library.render("t.html", context: ["d": .date(july4)]) == "2025-07-04T13:14:05+00:00 +0000")
        let kolkata = TemplateEnvironment(timeZone: TimeZone(identifier: "Asia/Kolkata")!, siteURL: SiteURL("https://x.org/")!)
        let other = try TemplateLibrary(sources: ["t.html": "{{ d | rfc3339 }}"], environment: kolkata)
        #expect(try other.render("t.html", context: ["d": .date(Date(timeIntervalSince1970: -1))]) == "1970-01-01T05:29:59+05:30")
    }

    @Test func json() throws {
        let context: [String: Value] = [
            "v": ["s": "</script><b>&\u{2028}\u{2029}'\"\\\n", "i": 1, "d": 1.5, "b": true, "n": nil, "l": [1, "x"], "t": .date(july4)],
            "page": .object(TestPage(title: "T", url: "/t/", date: july4, section: nil, tags: ["a"])),
        ]
        #expect(try renderTemplate("{{ v | json }}", context)
            == #"{"b":true,"d":1.5,"i":1,"l":[1,"x"],"n":null,"s":"\u003c/script\u003e\u003cb\u003e\u0026\u2028\u2029\u0027\"\\\n","t":"2025-07-04T09:14:05-04:00"}"#)
        #expect(try renderTemplate("{{ page | json }}", context)
            == #"{"date":"2025-07-04T09:14:05-04:00","section":null,"tags":["a"],"title":"T","url":"/t/"}"#)
        #expect(try renderTemplate("{{ 'a' | json }} {{ none | json }}") == #""a" null"#)
    }

    @Test func urls() throws {
        #expect(try renderTemplate("{{ '/assets/a.css' | absolute_url }} {{ 'assets/a.css' | absolute_url }}")
            == "https://example.org/news/assets/a.css https://example.org/news/assets/a.css")
        #expect(try renderTemplate("{{ '/news/2025/x/' | absolute_url }} {{ '/news/2025/x/' | relative_url }}")
            == "https://example.org/news/2025/x/ /news/2025/x/")
        #expect(try renderTemplate("{{ '/assets/a.css' | relative_url }} {{ '' | relative_url }} {{ '/' | relative_url }}")
            == "/news/assets/a.css /news/ /news/")
        #expect(try renderTemplate("{{ 'https://other.org/x' | absolute_url }} {{ 'mailto:a@b.c' | relative_url }} {{ '//cdn.org/x' | relative_url }}")
            == "https://other.org/x mailto:a@b.c //cdn.org/x")
        #expect(try renderTemplate("[{{ n | absolute_url }}]", ["n": nil]) == "[]")
        let root = TemplateEnvironment(timeZone: .gmt, siteURL: SiteURL("https://example.org")!)
        let library = try TemplateLibrary(sources: ["t.html": "{{ '/news/a/' | absolute_url }} {{ 'a' | relative_url }}"], environment: root)
        #expect(try library.render("t.html", context: [:]) == "https://example.org/news/a/ /a")
    }

    @Test func markdownAndWordcount() throws {
        #expect(try renderTemplate("{{ '*hi* <x>' | markdown }}") == "<p>*hi* &lt;x&gt;</p>")
        #expect(try renderTemplate("[{{ n | markdown }}]", ["n": nil]) == "[]")
        #expect(try renderTemplate("{{ 'One two,  three — four\nfive' | wordcount }}") == "5")
        #expect(try renderTemplate("{{ v | wordcount }}", ["v": .html("<p>Hello <b>big</b> world</p>")]) == "3")
    }

    @Test func chainsAndArguments() throws {
        #expect(try renderTemplate("{{ name | default('anon') | upper | truncate(3, '') }}") == "ANO")
    }
}
