import Foundation
import Testing
@testable import Herald

@Suite struct SiteConfigLoaderTests {
    func errors(_ yaml: String) -> [String] {
        do {
            _ = try SiteConfigLoader.parse(yaml)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func minimalConfigGetsEveryDefault() throws {
        let config = try SiteConfigLoader.parse("title: Example News\nurl: https://news.example.org\n")
        #expect(config.title == "Example News")
        #expect(config.url.description == "https://news.example.org/")
        #expect(config.language == "en")
        #expect(config.timeZone.secondsFromGMT() == 0)
        #expect(config.paginate == 10)
        #expect(config.permalinks.article == "/:year/:month/:slug/")
        #expect(config.permalinks.page == "/:slug/")
        #expect(config.taxonomies.map(\.name) == ["tags", "categories", "authors"])
        #expect(config.feeds.formats == [.atom, .rss, .json])
        #expect(config.feeds.limit == 20)
        #expect(config.feeds.content == .full)
        #expect(config.feeds.taxonomies)
        #expect(config.idAuthority == "news.example.org")
        #expect(config.markdown.smart)
        #expect(!config.markdown.unsafeHTML)
        #expect(config.params.isEmpty)
    }

    @Test func readsEveryKey() throws {
        let config = try SiteConfigLoader.parse("""
            title: River News
            url: https://x.github.io/news
            description: Independent reporting
            language: fr
            timezone: America/New_York
            author: { name: Desk, email: desk@example.org, uri: https://x.github.io/news/about/ }
            paginate: 5
            permalinks:
              article: /:year/:month/:day/:slug/
              page: /pages/:slug/
            taxonomies: [tags, series]
            feeds:
              formats: [atom, json]
              limit: 0
              content: summary
              taxonomies: false
              id_authority: example.org
            markdown:
              smart: false
              unsafe_html: true
            params:
              ads: true
              social: { x: riverbend }
            """)
        #expect(config.url.basePath == "/news/")
        #expect(config.url.absolute("/2025/a/") == "https://x.github.io/news/2025/a/")
        #expect(config.description == "Independent reporting")
        #expect(config.language == "fr")
        #expect(config.timeZone.identifier == "America/New_York")
        #expect(config.author == Person(name: "Desk", email: "desk@example.org", uri: "https://x.github.io/news/about/"))
        #expect(config.paginate == 5)
        #expect(config.permalinks.article == "/:year/:month/:day/:slug/")
        #expect(config.permalinks.page == "/pages/:slug/")
        #expect(config.taxonomies.map(\.name) == ["tags", "series"])
        #expect(config.feeds.formats == [.atom, .json])
        #expect(config.feeds.limit == 0)
        #expect(config.feeds.content == .summary)
        #expect(!config.feeds.taxonomies)
        #expect(config.idAuthority == "example.org")
        #expect(!config.markdown.smart)
        #expect(config.markdown.unsafeHTML)
        #expect(config.params["ads"]?.isTruthy == true)
    }

    @Test func unknownTopLevelKeyIsAnErrorWithItsLine() {
        let messages = errors("title: T\nurl: https://a.org/\ntitel: typo\n")
        // Other features add top-level keys; the message lists whichever there are, sorted.
        let valid = SiteConfigLoader.topLevelKeys.sorted().joined(separator: ", ")
        #expect(messages == ["site.yml:3:1: error: unknown key 'titel' in site.yml; did you mean 'title'? valid keys: \(valid)"])
        #expect(valid.hasPrefix("assets, author, ") && valid.contains(", title, url"))
    }

    @Test func unknownNestedKeyIsAnError() {
        let messages = errors("title: T\nurl: https://a.org/\nfeeds:\n  limt: 3\n")
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("site.yml:4:3: error: unknown key 'limt' in 'feeds'; did you mean 'limit'? valid keys: ") == true)
        #expect(messages.first?.contains("content, formats, hubs, id_authority, limit") == true, "\(messages)")
    }

    @Test("an unknown key with no close match lists every valid key")
    func unknownKeyListsValidKeys() {
        let messages = errors("title: T\nurl: https://a.org/\npermalinks:\n  tags: /topics/:slug/\n")
        #expect(messages == ["site.yml:4:3: error: unknown key 'tags' in 'permalinks'; valid keys: article, page"])
    }

    @Test func missingTitleAndURLAreBothReported() {
        let messages = errors("description: nothing else\n")
        #expect(messages.count == 2)
        #expect(messages[0].contains("needs a 'title'"))
        #expect(messages[1].contains("needs a 'url'"))
    }

    @Test func badValuesNameTheirLocation() {
        let messages = errors("""
            title: T
            url: /relative
            timezone: Mars/Olympus
            paginate: zero
            feeds: { content: half, formats: [atom, xml] }
            """)
        #expect(messages.contains { $0.hasPrefix("site.yml:2:6: error: 'url' must be an absolute http(s) URL") })
        #expect(messages.contains { $0.hasPrefix("site.yml:3:11: error: unknown time zone 'Mars/Olympus'") })
        #expect(messages.contains { $0.hasPrefix("site.yml:4:11: error: 'paginate' must be a whole number") })
        #expect(messages.contains { $0.contains("feeds.content must be 'full' or 'summary'") })
        #expect(messages.contains { $0.contains("unknown feed format 'xml'") })
    }

    @Test func invalidYAMLIsReportedWithItsLine() {
        let messages = errors("title: T\nurl: [https://a.org/\n")
        #expect(messages.count == 1)
        #expect(messages[0].hasPrefix("site.yml:3:1: error: invalid YAML"))
    }

    @Test func permalinkThatLeavesTheOutputIsRefused() {
        let messages = errors("title: T\nurl: https://a.org/\npermalinks: { article: /../:slug/ }\n")
        #expect(messages.count == 1)
        #expect(messages[0].contains("would leave the output folder"))
    }

    @Test func emptyFileSaysWhatIsNeeded() {
        #expect(errors("") == ["site.yml:1:1: error: site.yml is empty: it needs at least 'title' and 'url'"])
    }

    @Test func markdownExtensionsAreANamedList() throws {
        let base = "title: T\nurl: https://news.example.org\nmarkdown:\n"
        #expect(try SiteConfigLoader.parse(base + "  smart: true\n").markdown.extensions == .all)
        let some = try SiteConfigLoader.parse(base + "  extensions: [tables, footnotes]\n")
        #expect(some.markdown.extensions == [.tables, .footnotes])
        #expect(try SiteConfigLoader.parse(base + "  extensions: []\n").markdown.extensions == [])
        #expect(errors(base + "  extensions: [tables, tabels]\n") == [
            "site.yml:4:24: error: unknown Markdown extension 'tabels' in 'markdown.extensions'; the extensions are tables, strikethrough, tasklists, autolinks, footnotes, heading_ids",
        ])
    }
}
