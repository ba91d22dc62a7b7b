import Foundation
import Testing
@testable import Herald

@Suite struct TemplateSyntaxTests {

    @Test func textAndOutput() throws {
        #expect(try renderTemplate("Hello, {{ name }}!", ["name": "World"]) == "Hello, World!")
        #expect(try renderTemplate("", [:]) == "")
        #expect(try renderTemplate("plain { text } %} #}", [:]) == "plain { text } %} #}")
    }

    @Test func valuesPrint() throws {
        let context: [String: Value] = [
            "i": 42, "d": 2.5, "whole": 3.0, "yes": true, "no": false, "nothing": nil,
            "when": .date(TemplateTestSupport.july4), "list": ["a", 1, "<b>"], "map": ["b": 1, "a": "x"],
            "term": .object(TestTerm(name: "économie")), "page": .object(TestPage(title: "T", url: "/t/", date: TemplateTestSupport.july4)),
            "html": .html("<em>hi</em>"),
        ]
        #expect(try renderTemplate("{{ i }}|{{ d }}|{{ whole }}|{{ yes }}|{{ no }}|{{ nothing }}|", context) == "42|2.5|3.0|true|false||")
        #expect(try renderTemplate("{{ when }}", context) == "2025-07-04T09:14:05-04:00")
        #expect(try renderTemplate("{{ list }}", context) == "a, 1, &lt;b&gt;")
        // A whole map or page is an error naming a member (messages: TemplateNewcomerTests); `json` shows a map.
        #expect(throws: (any Error).self) { try renderTemplate("{{ map }}", context) }
        #expect(try renderTemplate("{{ map | json }}", context) == #"{"a":"x","b":1}"#)
        #expect(try renderTemplate("[{{ term }}]", context) == "[économie]")
        #expect(throws: (any Error).self) { try renderTemplate("{{ page }}", context) }
        #expect(try renderTemplate("{{ html }}", context) == "<em>hi</em>")
    }

    @Test func autoescapesHostileValues() throws {
        let hostile: Value = "<script>alert(\"x\" & 'y')</script>"
        #expect(try renderTemplate("{{ v }}", ["v": hostile]) == "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;")
        #expect(try renderTemplate("<a title=\"{{ v }}\">", ["v": "\" onclick=\"evil()"]) == "<a title=\"&quot; onclick=&quot;evil()\">")
        #expect(try renderTemplate("<a title='{{ v }}'>", ["v": "' onclick='evil()"]) == "<a title='&#39; onclick=&#39;evil()'>")
        #expect(try renderTemplate("{{ v | safe }}", ["v": "<b>ok</b>"]) == "<b>ok</b>")
    }

    @Test func literals() throws {
        #expect(try renderTemplate(#"{{ "a\"b" }}{{ 'c\'d' }}{{ "x\ny" }}{{ "\u00e9" }}"#) == "a&quot;bc&#39;dx\nyé")
        #expect(try renderTemplate("{{ 1 }} {{ -2 }} {{ 1.5 }} {{ true }} {{ False }} {{ none }}[{{ None }}]") == "1 -2 1.5 true false []")
        #expect(try renderTemplate("{{ [1, 'a', [2]] }}") == "1, a, 2")
        #expect(try renderTemplate("{{ [] | length }}") == "0")
    }

    @Test func memberAndIndexAccess() throws {
        let context: [String: Value] = ["a": ["b": ["c": "deep"]], "list": [10, 20, 30], "s": "héllo"]
        #expect(try renderTemplate("{{ a.b.c }} {{ a['b'][\"c\"] }}", context) == "deep deep")
        #expect(try renderTemplate("{{ list[0] }} {{ list[-1] }} {{ list.1 }} {{ s[1] }} {{ s[-1] }}", context) == "10 30 20 é o")
        #expect(try renderTemplate("{% set k = 'b' %}{{ a[k].c }}", context) == "deep")
        let page: Value = .object(TestPage(title: "Hi", url: "/hi/", date: TemplateTestSupport.july4))
        #expect(try renderTemplate("{{ page.title }} {{ page['url'] }}", ["page": page]) == "Hi /hi/")
    }

    @Test func arithmetic() throws {
        #expect(try renderTemplate("{{ 1 + 2 }} {{ 7 - 10 }} {{ 3 * 4 }} {{ 7 / 2 }} {{ 6 / 3 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }}")
            == "3 -3 12 3.5 2.0 3 -4 1 2")
        #expect(try renderTemplate("{{ 1 + 2.5 }} {{ 2 * 1.5 }} {{ 5.5 % 2 }}") == "3.5 3.0 1.5")
        #expect(try renderTemplate("{{ 2 + 3 * 4 }} {{ (2 + 3) * 4 }} {{ -2 * 3 }} {{ 10 - 2 - 3 }}") == "14 20 -6 5")
        #expect(try renderTemplate("{{ 'a' + 'b' }} {{ 'ab' * 3 }} {{ [1] + [2] }}") == "ab ababab 1, 2")
        #expect(try renderTemplate("{{ 'n' ~ 1 ~ true ~ none }} {{ 1 ~ 2 * 3 }}") == "n1true 16")
    }

    @Test func concatKeepsSafety() throws {
        #expect(try renderTemplate("{{ '<a>' ~ b }}", ["b": .html("<b>")]) == "&lt;a&gt;<b>")
        #expect(try renderTemplate("{{ '<a>' ~ '<b>' }}") == "&lt;a&gt;&lt;b&gt;")
    }

    @Test func comparisonsAndLogic() throws {
        #expect(try renderTemplate("{{ 1 == 1.0 }} {{ 'a' != 'b' }} {{ 1 < 2 }} {{ 2 <= 2 }} {{ 3 > 2.5 }} {{ 'b' >= 'a' }}") == "true true true true true true")
        #expect(try renderTemplate("{{ d1 < d2 }} {{ d1 == d1 }}", ["d1": .date(TemplateTestSupport.january5), "d2": .date(TemplateTestSupport.july4)]) == "true true")
        #expect(try renderTemplate("{{ true and false }} {{ true or false }} {{ not true }} {{ not 0 }}") == "false true false true")
        #expect(try renderTemplate("{{ 0 or 'x' }} {{ 'a' and 'b' }} {{ none or '' }}") == "x b ")
        #expect(try renderTemplate("{{ not 1 == 2 }} {{ 1 < 2 and 2 < 3 }} {{ false and missing }} {{ true or missing }}") == "true true false true")
        #expect(try renderTemplate("{{ 'yes' if 1 > 0 else 'no' }} {{ 'yes' if 0 else 'no' }}[{{ 'x' if false }}]") == "yes no[]")
    }

    @Test func membership() throws {
        let context: [String: Value] = ["list": ["a", "b"], "map": ["k": 1], "s": "news site"]
        #expect(try renderTemplate("{{ 'a' in list }} {{ 'z' in list }} {{ 'z' not in list }}", context) == "true false true")
        #expect(try renderTemplate("{{ 'k' in map }} {{ 'x' in map }} {{ 'ws s' in s }} {{ 'x' not in s }}", context) == "true false true true")
        let page: Value = .object(TestPage(title: "T", url: "/", date: TemplateTestSupport.july4))
        #expect(try renderTemplate("{{ 'title' in page }} {{ 'nope' in page }}", ["page": page]) == "true false")
    }

    @Test func tests() throws {
        let context: [String: Value] = ["n": nil, "m": ["a": 1], "i": 3, "s": "x"]
        #expect(try renderTemplate("{{ x is defined }} {{ n is defined }} {{ x is not defined }} {{ x is undefined }}", context) == "false true true true")
        #expect(try renderTemplate("{{ m.a is defined }} {{ m.b is defined }} {{ n.title is defined }} {{ m.a.b is defined }}", context) == "true false false false")
        #expect(try renderTemplate("{{ n is none }} {{ i is none }} {{ i is not none }}", context) == "true false true")
        #expect(try renderTemplate("{{ i is odd }} {{ i is even }} {{ i is number }} {{ s is string }} {{ m is mapping }} {{ m is iterable }}", context)
            == "true false true true true true")
        #expect(try renderTemplate("{{ (1 + 1) is number }}") == "true")
    }

    @Test func ifElifElse() throws {
        let template = "{% if n > 2 %}big{% elif n > 0 %}small{% else %}none{% endif %}"
        #expect(try renderTemplate(template, ["n": 5]) == "big")
        #expect(try renderTemplate(template, ["n": 1]) == "small")
        #expect(try renderTemplate(template, ["n": 0]) == "none")
        #expect(try renderTemplate("{% if '' %}a{% endif %}{% if [] %}b{% endif %}{% if 'x' %}c{% endif %}") == "c")
        #expect(try renderTemplate("{% if a %}{% if b %}ab{% else %}a{% endif %}{% endif %}", ["a": true, "b": false]) == "a")
    }

    @Test func forLoops() throws {
        let context: [String: Value] = ["items": ["a", "b", "c"], "empty": [], "map": ["z": 1, "a": 2]]
        #expect(try renderTemplate("{% for x in items %}{{ loop.index }}{{ x }}{% if not loop.last %},{% endif %}{% endfor %}", context) == "1a,2b,3c")
        #expect(try renderTemplate("{% for x in items %}{{ loop.index0 }}{{ loop.first }}{{ loop.length }}{{ loop.revindex }} {% endfor %}", context)
            == "0true33 1false32 2false31 ")
        #expect(try renderTemplate("{% for x in empty %}x{% else %}nothing{% endfor %}", context) == "nothing")
        #expect(try renderTemplate("{% for x in missing | default([]) %}x{% else %}none{% endfor %}", context) == "none")
        #expect(try renderTemplate("{% for k, v in map %}{{ k }}={{ v }};{% endfor %}", context) == "a=2;z=1;")
        #expect(try renderTemplate("{% for k in map %}{{ k }}{% endfor %}", context) == "az")
        #expect(try renderTemplate("{% for x in items %}{% for y in [1, 2] %}{{ x }}{{ y }}{{ loop.index }} {% endfor %}{{ loop.index }}|{% endfor %}", context)
            == "a11 a22 1|b11 b22 2|c11 c22 3|")
        #expect(try renderTemplate("{% for x in n %}x{% else %}none{% endfor %}", ["n": nil]) == "none")
    }

    @Test func setIsScopedToLoopsAndBlocks() throws {
        #expect(try renderTemplate("{% set x = 1 %}{{ x }}{% set x = x + 1 %}{{ x }}") == "12")
        #expect(try renderTemplate("{% set x = 'out' %}{% for i in [1, 2] %}{% set x = i %}{{ x }}{% endfor %}{{ x }}") == "12out")
        #expect(try renderTemplate("{% if true %}{% set y = 5 %}{% endif %}{{ y }}") == "5")
        #expect(try renderTemplate("{% set items = [1, 2] %}{% for i in items %}{{ i }}{% endfor %}") == "12")
        #expect(try renderTemplate("{% set title %}<b>{{ name }}</b>{% endset %}{{ title }}", ["name": "<x>"]) == "<b>&lt;x&gt;</b>")
        #expect(try renderTemplate("{% set name = 'local' %}{{ name }}", ["name": "global"]) == "local")
    }

    @Test func comments() throws {
        #expect(try renderTemplate("a{# hidden {{ x }} #}b") == "ab")
        #expect(try renderTemplate("a {#- hidden -#} b") == "ab")
        #expect(try renderTemplate("a{# multi\nline #}b") == "ab")
    }

    @Test func whitespaceControl() throws {
        #expect(try renderTemplate("a  \n  {{- 'x' -}}  \n  b") == "axb")
        #expect(try renderTemplate("<ul>\n  {%- for i in [1, 2] %}\n  <li>{{ i }}</li>\n  {%- endfor %}\n</ul>")
            == "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>")
        #expect(try renderTemplate("a\n{% if true -%}\n   b\n{%- endif %}\nc") == "a\nb\nc")
        #expect(try renderTemplate("a {{ 'x' }} b") == "a x b")
    }

    @Test func raw() throws {
        #expect(try renderTemplate("{% raw %}{{ not parsed }} {% if %}{% endraw %}") == "{{ not parsed }} {% if %}")
        #expect(try renderTemplate("x {%- raw -%}  {{ y }}  {%- endraw -%} z") == "x{{ y }}z")
        #expect(try renderTemplate("{% raw %}a{% endraw %}{{ 1 }}{% raw %}b{% endraw %}") == "a1b")
    }

    @Test func multilineTags() throws {
        #expect(try renderTemplate("{{\n  name\n  | upper\n}}", ["name": "x"]) == "X")
    }
}
