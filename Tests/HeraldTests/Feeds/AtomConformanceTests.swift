import Foundation
import Testing
@testable import Herald

/// Every MUST of RFC 4287 that a generated feed can break, checked on each fixture.
@Suite struct AtomConformanceTests {
    static let atom = "http://www.w3.org/2005/Atom"

    /// Fixture feeds under several settings: names for the test report.
    static let cases: [(String, FeedGenerator, FeedRequest)] = {
        var result: [(String, FeedGenerator, FeedRequest)] = []
        for (stem, request) in FeedFixtures.requests {
            result.append((stem, FeedFixtures.generator(), request))
        }
        result.append(("summary", FeedFixtures.generator(content: .summary), FeedFixtures.siteRequest()))
        result.append(("limit-1", FeedFixtures.generator(limit: 1), FeedFixtures.siteRequest()))
        var noAuthors = FeedFixtures.budget
        noAuthors.authors = []
        noAuthors.image = nil
        result.append(("no-author-no-image", FeedFixtures.generator(), FeedFixtures.siteRequest([noAuthors])))
        return result
    }()

    static let rfc3339 = #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})"#
    static let absoluteIRI = #"[A-Za-z][A-Za-z0-9+.-]*:\S+"#

    @Test(arguments: cases.map(\.0))
    func atomFeedIsConformant(_ name: String) throws {
        let (_, generator, request) = Self.cases.first { $0.0 == name }!
        let bytes = try generator.render(request, as: .atom)
        let feed = try FeedXMLNode.parse(bytes)
        let ns = Self.atom

        // 4.1.1 atom:feed: the root, in the Atom namespace.
        #expect(feed.name == "feed" && feed.namespace == ns)
        // Exactly one id, title, updated; id an absolute IRI.
        for element in ["id", "title", "updated"] {
            #expect(feed.all(element, ns: ns).count == 1, "feed must have one \(element)")
        }
        #expect(feed.all("subtitle", ns: ns).count <= 1)
        #expect(feed.all("generator", ns: ns).count <= 1)
        #expect(feed.all("icon", ns: ns).count <= 1 && feed.all("logo", ns: ns).count <= 1)
        #expect(feed.all("rights", ns: ns).count <= 1)
        let feedID = try #require(feed.first("id", ns: ns)?.text)
        #expect(fullMatch(feedID, Self.absoluteIRI), "feed id \(feedID) must be an absolute IRI")
        let feedUpdated = try #require(feed.first("updated", ns: ns)?.text)
        #expect(fullMatch(feedUpdated, Self.rfc3339), "feed updated \(feedUpdated)")
        // A self link to the feed's own URL, and at most one alternate link per type and hreflang.
        let links = feed.all("link", ns: ns)
        let selfURL = generator.config.url.absolute(FeedGenerator.path(for: .atom, in: request.directory))
        #expect(links.contains { $0.attributes["rel"] == "self" && $0.attributes["href"] == selfURL })
        try checkLinks(links)
        let feedHasAuthor = !feed.all("author", ns: ns).isEmpty
        for author in feed.all("author", ns: ns) { checkPerson(author) }

        // Entries.
        let entries = feed.all("entry", ns: ns)
        let expectedCount = generator.config.feeds.limit > 0
            ? min(generator.config.feeds.limit, request.items.count) : request.items.count
        #expect(entries.count == expectedCount)
        var ids = Set<String>()
        var newest: String?
        for entry in entries {
            for element in ["id", "title", "updated"] {
                #expect(entry.all(element, ns: ns).count == 1, "entry must have one \(element)")
            }
            #expect(entry.all("published", ns: ns).count <= 1)
            #expect(entry.all("content", ns: ns).count <= 1 && entry.all("summary", ns: ns).count <= 1)
            let id = try #require(entry.first("id", ns: ns)?.text)
            #expect(fullMatch(id, Self.absoluteIRI), "entry id \(id) must be an absolute IRI")
            #expect(ids.insert(id).inserted, "entry ids must be unique: \(id)")
            for element in ["updated", "published"] {
                if let date = entry.first(element, ns: ns)?.text {
                    #expect(fullMatch(date, Self.rfc3339), "\(element) \(date)")
                }
            }
            // Same offset-bearing format, so ISO dates compare as instants via the parser.
            let updated = try #require(entry.first("updated", ns: ns)?.text)
            if newest.map({ iso(updated) > iso($0) }) ?? true { newest = updated }
            // An author per entry, or one on the feed (4.1.1).
            #expect(feedHasAuthor || !entry.all("author", ns: ns).isEmpty)
            #expect(!entry.all("author", ns: ns).isEmpty, "Herald credits every entry")
            for author in entry.all("author", ns: ns) { checkPerson(author) }
            let entryLinks = entry.all("link", ns: ns)
            try checkLinks(entryLinks)
            // Without content, an alternate link is required (4.1.2).
            let content = entry.first("content", ns: ns)
            #expect(content != nil || entryLinks.contains { ($0.attributes["rel"] ?? "alternate") == "alternate" })
            // Text constructs: type text | html | xhtml.
            for element in ["title", "summary", "content"] {
                if let node = entry.first(element, ns: ns) {
                    #expect(["text", "html", "xhtml", nil].contains(node.attributes["type"]))
                }
            }
            for category in entry.all("category", ns: ns) {
                #expect(!(category.attributes["term"] ?? "").isEmpty, "category needs a term")
            }
            // Content: HTML with only absolute URLs, and xml:base.
            if let content {
                #expect(content.attributes["type"] == "html")
                let base = content.attributes["xml:base"] ?? content.attributes["base"]
                #expect(base != nil, "content carries xml:base")
                expectNoRelativeURLs(content.text)
            }
            if let summary = entry.first("summary", ns: ns) { expectNoRelativeURLs(summary.text) }
        }
        // The feed's updated is the newest entry's (never the clock).
        if let newest { #expect(feedUpdated == newest) }
        if entries.isEmpty { #expect(feedUpdated == FeedDates.rfc3339(FeedGenerator.emptyFeedDate, in: generator.config.timeZone)) }
    }

    private func iso(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text) ?? .distantPast
    }

    private func checkPerson(_ person: FeedXMLNode) {
        #expect(person.all("name", ns: Self.atom).count == 1, "a person construct has one name")
        #expect(person.all("uri", ns: Self.atom).count <= 1 && person.all("email", ns: Self.atom).count <= 1)
        if let uri = person.first("uri", ns: Self.atom)?.text {
            #expect(fullMatch(uri, Self.absoluteIRI))
        }
    }

    private func checkLinks(_ links: [FeedXMLNode]) throws {
        var alternates = Set<String>()
        for link in links {
            let href = try #require(link.attributes["href"], "link needs href")
            #expect(fullMatch(href, Self.absoluteIRI), "link href \(href) should be absolute")
            if (link.attributes["rel"] ?? "alternate") == "alternate" {
                let key = (link.attributes["type"] ?? "") + "|" + (link.attributes["hreflang"] ?? "")
                #expect(alternates.insert(key).inserted, "at most one alternate link per type and hreflang")
            }
            if let length = link.attributes["length"] { #expect(Int(length) != nil) }
        }
    }
}

/// True when the whole text matches the pattern.
func fullMatch(_ text: String, _ pattern: String) -> Bool {
    // Compiled per call: Regex is not Sendable, so it cannot be a shared constant.
    guard let regex = try? Regex(pattern) else { return false }
    return text.wholeMatch(of: regex) != nil
}

/// No `href`/`src`/`poster` in the HTML points anywhere but an absolute URL.
func expectNoRelativeURLs(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let attribute = try! Regex(#"(?:href|src|poster)="([^"]*)""#)
    for match in html.matches(of: attribute) {
        let url = String(match.output[1].substring ?? "")
        #expect(fullMatch(url, AtomConformanceTests.absoluteIRI), "relative URL \(url) left in feed HTML",
                sourceLocation: sourceLocation)
    }
}
