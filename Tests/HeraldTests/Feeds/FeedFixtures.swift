import Foundation
@testable import Herald

/// Articles and settings the feed tests share: images known and unknown,
/// several authors and none, tags, unicode and right-to-left titles, markup and
/// `]]>` in titles, control characters, relative URLs in content.
enum FeedFixtures {
    static func config(limit: Int = 20, content: FeedContent = .full) -> SiteConfig {
        var config = SiteConfig(title: "Example News", url: SiteURL("https://news.example.org/")!)
        config.description = "Independent reporting from the river valley"
        config.language = "en"
        config.timeZone = TimeZone(identifier: "America/New_York")!
        config.author = Person(name: "Newsroom", email: "desk@example.org", uri: "https://news.example.org/about/")
        config.icon = "/icon.png"
        config.logo = "/images/logo.png"
        config.copyright = "© 2025 Example News"
        config.feeds.limit = limit
        config.feeds.content = content
        return config
    }

    static let mediaInfo: @Sendable (String) -> MediaInfo? = { path in
        path == "/images/budget.jpg" ? MediaInfo(type: "image/jpeg", length: 48_213) : nil
    }

    static func generator(limit: Int = 20, content: FeedContent = .full) -> FeedGenerator {
        FeedGenerator(config: config(limit: limit, content: content), mediaInfo: mediaInfo)
    }

    static func date(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    static var budget: ContentItem {
        var item = ContentItem(kind: .article, sourcePath: "Content/articles/budget.md",
                               title: #"Budget <b>passes</b> after "late" night & a ]]> vote"#, slug: "budget-passes")
        item.date = date("2025-07-04T13:14:00Z")
        item.updated = date("2025-07-05T08:00:00Z")
        item.path = "/2025/07/budget-passes/"
        item.authors = [
            Person(name: "Ada Park", uri: "https://news.example.org/authors/ada-park/"),
            Person(name: "Ben Ode", uri: "https://news.example.org/authors/ben-ode/"),
        ]
        item.tags = ["Economy", "Budget & Tax"]
        item.categories = ["Politics"]
        item.summaryHTML = #"<p>The council approved the <a href="../../../budget/">budget</a> at 2&nbsp;a.m.</p>"#
        item.contentHTML = """
            <p>The council approved the <a href="../../../budget/">budget</a> at 2&nbsp;a.m.</p>
            <figure><img src="chart.png" srcset="chart.png 1x, /images/chart@2x.png 2x" alt="Chart"></figure>
            <p>See <a href="#notes">the notes</a>, <a href="https://example.com/x?a=1&amp;b=2">a source</a>
            and <a href="mailto:desk@example.org">write to us</a>.</p>
            <video poster="/media/poster.jpg" src="clip.mp4"></video>
            <h2 id="notes">Notes</h2><p>Figures in &euro;, 1 &lt; 2.</p>
            """
        item.image = LeadImage(src: "/images/budget.jpg", alt: "The council chamber")
        return item
    }

    static var unicode: ContentItem {
        var item = ContentItem(kind: .article, sourcePath: "Content/articles/rtl.md",
                               title: "مرحبا بالعالم — Ünïcödé 東京\u{0001} report\u{000B}", slug: "東京-report")
        item.date = date("2025-01-15T17:30:00Z")
        item.path = "/2025/01/東京-report/"
        item.authors = [Person(name: "Léa Ñúñez\u{0007}", uri: "https://news.example.org/authors/lea-nunez/")]
        item.tags = ["Économie"]
        item.summaryHTML = "<p>Text with a bell\u{0007} and a form feed\u{000C}.</p>"
        item.contentHTML = "<p>Text with a bell\u{0007} and a form feed\u{000C}.</p>\n<p dir=\"rtl\">نص عربي</p>"
        item.image = LeadImage(src: "https://cdn.example.net/photos/tokyo.png")
        return item
    }

    static var plain: ContentItem {
        var item = ContentItem(kind: .article, sourcePath: "Content/articles/plain.md", title: "Plain notes", slug: "plain-notes")
        item.date = date("2024-12-01T12:00:00Z")
        item.path = "/2024/12/plain-notes/"
        item.summaryHTML = "<p>Short.</p>"
        item.contentHTML = "<p>Short.</p><p>And more.</p>"
        return item
    }

    static var articles: [ContentItem] { [budget, unicode, plain] }

    static func siteRequest(_ items: [ContentItem] = articles) -> FeedRequest {
        FeedRequest(title: "Example News", subtitle: "Independent reporting from the river valley",
                    directory: "/", alternatePath: "/", items: items)
    }

    static func termRequest() -> FeedRequest {
        FeedRequest(title: "Example News: Economy", subtitle: nil, directory: "/tags/economy/",
                    alternatePath: "/tags/economy/", items: [budget])
    }

    /// Every fixture feed, by a file-name stem.
    static var requests: [(String, FeedRequest)] {
        [
            ("site", siteRequest()),
            ("one", siteRequest([budget])),
            ("empty", siteRequest([])),
            ("term", termRequest()),
        ]
    }

    static func fileName(_ stem: String, _ format: FeedFormat) -> String {
        switch format {
        case .atom: return "\(stem).atom.xml"
        case .rss: return "\(stem).rss.xml"
        case .json: return "\(stem).feed.json"
        }
    }
}
