import Foundation
import Testing
@testable import Herald

@Suite struct RSSFeedTests {
    static let rfc822 = #"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}"#

    @Test(arguments: FeedFixtures.requests.map(\.0))
    func rssFeedIsWellFormed(_ name: String) throws {
        let request = FeedFixtures.requests.first { $0.0 == name }!.1
        let generator = FeedFixtures.generator()
        let rss = try FeedXMLNode.parse(generator.render(request, as: .rss))
        #expect(rss.name == "rss" && rss.attributes["version"] == "2.0")
        // Namespaces declared on the root.
        #expect(rss.attributes["xmlns:atom"] == "http://www.w3.org/2005/Atom")
        #expect(rss.attributes["xmlns:dc"] == "http://purl.org/dc/elements/1.1/")
        #expect(rss.attributes["xmlns:content"] == "http://purl.org/rss/1.0/modules/content/")
        let channel = try #require(rss.first("channel"))
        for element in ["title", "link", "description"] {
            #expect((channel.first(element)?.text ?? "").isEmpty == false, "channel \(element) must not be empty")
        }
        let selfLink = try #require(channel.first("link", ns: AtomConformanceTests.atom))
        #expect(selfLink.attributes["rel"] == "self" && selfLink.attributes["type"] == "application/rss+xml")
        #expect(selfLink.attributes["href"] == generator.config.url.absolute(FeedGenerator.path(for: .rss, in: request.directory)))
        if let lastBuildDate = channel.first("lastBuildDate")?.text {
            #expect(fullMatch(lastBuildDate, Self.rfc822))
        }
        let items = channel.all("item")
        #expect(items.count == request.items.count)
        for item in items {
            #expect((item.first("title")?.text ?? "").isEmpty == false)
            #expect(fullMatch(item.first("link")?.text ?? "", AtomConformanceTests.absoluteIRI))
            let guid = try #require(item.first("guid"))
            #expect(guid.attributes["isPermaLink"] == "false")
            #expect(guid.text.hasPrefix("tag:"))
            #expect(fullMatch(item.first("pubDate")?.text ?? "", Self.rfc822))
            #expect(!item.all("creator", ns: "http://purl.org/dc/elements/1.1/").isEmpty)
            let content = try #require(item.first("encoded", ns: "http://purl.org/rss/1.0/modules/content/"))
            expectNoRelativeURLs(content.text)
            expectNoRelativeURLs(item.first("description")?.text ?? "")
            if let enclosure = item.first("enclosure") {
                #expect(Int(enclosure.attributes["length"] ?? "") != nil)
                #expect(enclosure.attributes["type"]?.hasPrefix("image/") == true)
                #expect(fullMatch(enclosure.attributes["url"] ?? "", AtomConformanceTests.absoluteIRI))
            }
        }
    }

    @Test func pubDateUsesTheSiteOffset() throws {
        let rss = try FeedXMLNode.parse(FeedFixtures.generator().render(FeedFixtures.siteRequest(), as: .rss))
        let dates = rss.first("channel")!.all("item").compactMap { $0.first("pubDate")?.text }
        #expect(dates == ["Fri, 04 Jul 2025 09:14:00 -0400", "Wed, 15 Jan 2025 12:30:00 -0500", "Sun, 01 Dec 2024 07:00:00 -0500"])
        #expect(rss.first("channel")?.first("lastBuildDate")?.text == "Sat, 05 Jul 2025 04:00:00 -0400")
    }

    @Test func channelImageIsOnlyARasterFormatRSSAllows() throws {
        func image(logo: String?, icon: String?) throws -> String? {
            var config = FeedFixtures.config()
            config.logo = logo
            config.icon = icon
            let bytes = try FeedGenerator(config: config, mediaInfo: FeedFixtures.mediaInfo).render(FeedFixtures.siteRequest(), as: .rss)
            return try FeedXMLNode.parse(bytes).first("channel")?.first("image")?.first("url")?.text
        }
        #expect(try image(logo: "/images/logo.png", icon: "/icon.svg") == "https://news.example.org/images/logo.png")
        #expect(try image(logo: "/images/logo.svg", icon: "/icon.GIF?v=2") == "https://news.example.org/icon.GIF?v=2")
        #expect(try image(logo: "/images/logo.svg", icon: "/icon.svg") == nil)
        #expect(try image(logo: "https://cdn.example.org/logo.jpeg", icon: nil) == "https://cdn.example.org/logo.jpeg")
        #expect(try image(logo: "https://cdn.example.org/png/logo", icon: nil) == nil)
    }
}

@Suite struct JSONFeedTests {
    @Test(arguments: FeedFixtures.requests.map(\.0))
    func jsonFeedHasRequiredKeys(_ name: String) throws {
        let request = FeedFixtures.requests.first { $0.0 == name }!.1
        let generator = FeedFixtures.generator()
        let bytes = try generator.render(request, as: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect(((object["title"] as? String) ?? "").isEmpty == false)
        #expect(object["home_page_url"] as? String == generator.config.url.absolute(request.alternatePath))
        #expect(object["feed_url"] as? String == generator.config.url.absolute(FeedGenerator.path(for: .json, in: request.directory)))
        #expect(object["language"] as? String == "en")
        let authors = try #require(object["authors"] as? [[String: Any]])
        #expect(authors.first?["name"] as? String == "Newsroom")
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count == request.items.count)
        var ids = Set<String>()
        for item in items {
            let id = try #require(item["id"] as? String)
            #expect(ids.insert(id).inserted)
            #expect(fullMatch(item["url"] as? String ?? "", AtomConformanceTests.absoluteIRI))
            #expect(item["content_html"] is String || item["content_text"] is String, "1.1: content_html or content_text")
            expectNoRelativeURLs(item["content_html"] as? String ?? "")
            #expect(fullMatch(item["date_published"] as? String ?? "", AtomConformanceTests.rfc3339))
            #expect(fullMatch(item["date_modified"] as? String ?? "", AtomConformanceTests.rfc3339))
            #expect(((item["authors"] as? [[String: Any]]) ?? []).isEmpty == false)
            if let summary = item["summary"] as? String { #expect(!summary.contains("<")) }
        }
    }

    @Test func itemCarriesImageTagsAndPlainSummary() throws {
        let bytes = try FeedFixtures.generator().render(FeedFixtures.siteRequest([FeedFixtures.budget]), as: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let item = try #require((object["items"] as? [[String: Any]])?.first)
        #expect(item["image"] as? String == "https://news.example.org/images/budget.jpg")
        #expect(item["tags"] as? [String] == ["Economy", "Budget & Tax", "Politics"])
        #expect(item["summary"] as? String == "The council approved the budget at 2\u{00A0}a.m.")
        #expect(item["title"] as? String == #"Budget <b>passes</b> after "late" night & a ]]> vote"#)
    }
}
