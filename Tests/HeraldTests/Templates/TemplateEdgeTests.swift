import Foundation
import Testing
@testable import Herald

@Suite struct TemplateEdgeTests {
    @Test func loopOverObjectsAndLoopInfo() throws {
        let page: Value = .object(TestPage(title: "T", url: "/t/", date: TemplateTestSupport.july4, section: "s"))
        #expect(try renderTemplate("{% for k, v in page %}{% if v is string %}{{ k }}={{ v }};{% endif %}{% endfor %}", ["page": page])
            == "section=s;title=T;url=/t/;")
        #expect(try renderTemplate("{% for x in [1, 2] %}{{ loop.revindex0 }}{{ loop | json }}|{% endfor %}")
            == #"1{"first":true,"index":1,"index0":0,"last":false,"length":2,"revindex":2,"revindex0":1}|0{"first":false,"index":2,"index0":1,"last":true,"length":2,"revindex":1,"revindex0":0}|"#)
        #expect(try renderTemplate("{% for a, b in [[1, 'x'], [2, 'y']] %}{{ a }}{{ b }}{% endfor %}") == "1x2y")
    }

    @Test func whitespaceControlAroundEveryDelimiter() throws {
        #expect(try renderTemplate("a \n {#- c -#} \n b") == "ab")
        #expect(try renderTemplate("a \n {{- 1 }} \n b") == "a1 \n b")
        #expect(try renderTemplate("a \n {{ 1 -}} \n b") == "a \n 1b")
        #expect(try renderTemplate("a \n {%- set x = 1 -%} \n b") == "ab")
        #expect(try renderTemplate("{% for i in [1, 2, 3] -%}\n  {{ i }}\n{%- endfor %}") == "123")
    }

    @Test func setBeforeParentRendersAndTopLevelTextIsIgnored() throws {
        let library = try TemplateTestSupport.library([
            "base.html": "{% set greeting = greeting | default('hello') %}{% block a %}{% endblock %}",
            "child.html": "{% extends 'base.html' %}junk {% set greeting = 'hi' %} {% if x %}junk{% endif %}{% block a %}{{ greeting }}{% endblock %}",
        ])
        #expect(try library.render("child.html", context: [:]) == "hi")
    }

    @Test func includeOfAnExtendingTemplate() throws {
        let library = try TemplateTestSupport.library([
            "base.html": "[{% block b %}base{% endblock %}]",
            "card.html": "{% extends 'base.html' %}{% block b %}card {{ super() }}{% endblock %}",
            "page.html": "{% block b %}page{% endblock %}:{% include 'card.html' %}",
        ])
        #expect(try library.render("page.html", context: [:]) == "page:[card base]")
    }

    @Test func hostileValuesEverywhere() throws {
        let evil: Value = "\"><script>alert(1)</script>&\u{2028}"
        #expect(try renderTemplate("<img alt=\"{{ v }}\" src=\"{{ v | relative_url }}\">", ["v": evil])
            == "<img alt=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;\u{2028}\" src=\"/news/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;\u{2028}\">")
        #expect(try renderTemplate("<script>var x = {{ v | json }};</script>", ["v": evil])
            == #"<script>var x = "\"\u003e\u003cscript\u003ealert(1)\u003c/script\u003e\u0026\u2028";</script>"#)
        #expect(try renderTemplate("{{ v | upper }}{{ v | truncate(5) }}{{ v | striptags }}", ["v": "<b>&</b>"])
            == "&lt;B&gt;&amp;&lt;/B&gt;&lt;b&gt;&amp;…&amp;")
        #expect(try renderTemplate("{{ [v] | join }}{{ v ~ '' }}", ["v": "<i>"]) == "&lt;i&gt;&lt;i&gt;")
    }

    @Test func missingTemplateByName() throws {
        let library = try TemplateTestSupport.library(["a.html": "a"])
        do {
            _ = try library.render("nope.html", context: [:])
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "Templates/nope.html: error: template 'nope.html' does not exist; add it to the templates directory")
        }
    }

    @Test func dstChangesOffsetWithinOneZone() throws {
        // 2025-03-09 06:59:59Z is 01:59:59 EST; one second later it is 03:00:00 EDT.
        let before = Date(timeIntervalSince1970: 1_741_503_599)
        #expect(try renderTemplate("{{ a | rfc3339 }} {{ b | rfc3339 }} {{ b | date('%-I:%M %p %Z') }}", ["a": .date(before), "b": .date(before + 1)])
            == "2025-03-09T01:59:59-05:00 2025-03-09T03:00:00-04:00 3:00 AM EDT")
    }

    /// Text around the codes is copied whatever its script; years are padded
    /// to four digits (sign included, before 1 BC) unless '%-Y'.
    @Test func dateFormatsKeepTextAndPadEarlyYears() throws {
        let utc = TimeZone(identifier: "UTC")!
        let july4 = Date(timeIntervalSince1970: 1_751_620_445)
        #expect(TemplateDateFormatter.format(july4, "%-d. %B — é %Y 東京", timeZone: utc) == "4. July — é 2025 東京")
        let year5 = Date(timeIntervalSince1970: Double(CivilDate.days(year: 5, month: 3, day: 1) * 86_400))
        #expect(TemplateDateFormatter.format(year5, "%Y|%-Y|%y|%-y|%j", timeZone: utc) == "0005|5|05|5|060")
        let ides = Date(timeIntervalSince1970: Double(CivilDate.days(year: -44, month: 3, day: 15) * 86_400))
        #expect(TemplateDateFormatter.format(ides, "%Y-%m-%d", timeZone: utc) == "0-44-03-15")
        for invalid in ["%Q", "%", "%-", "%é", "%-Q"] {
            #expect(TemplateDateFormatter.format(july4, invalid, timeZone: utc) == nil)
        }
    }

    @Test func datesAcrossYearsAndLeapDays() throws {
        let utc = TemplateEnvironment(timeZone: TimeZone(identifier: "UTC")!, siteURL: SiteURL("https://x.org/")!)
        let library = try TemplateLibrary(sources: ["t.html": "{{ d | date('%F %T %a %j') }}"], environment: utc)
        let cases: [(Double, String)] = [
            (951_782_400, "2000-02-29 00:00:00 Tue 060"),
            (1_735_689_599, "2024-12-31 23:59:59 Tue 366"),
            (-86_400, "1969-12-31 00:00:00 Wed 365"),
            (4_102_444_800, "2100-01-01 00:00:00 Fri 001"),
        ]
        for (seconds, expected) in cases {
            #expect(try library.render("t.html", context: ["d": .date(Date(timeIntervalSince1970: seconds))]) == expected)
        }
    }
}
