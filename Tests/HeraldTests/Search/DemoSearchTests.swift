import Foundation
import Testing
@testable import Herald

/// Relevance on the demo site: queries a reader would type, each with the
/// article it must find first, through the index files a build writes.
@Suite struct DemoSearchTests {
    static func builtDemo() throws -> (TemporarySite, SearchIndexReader) {
        let site = try SiteFixtures.demoSite()
        _ = try site.build()
        return (site, try SearchIndexReader(output: site.root.appendingPathComponent("Public")))
    }

    @Test func queriesFindTheExpectedArticleFirst() throws {
        let (site, index) = try Self.builtDemo()
        defer { site.remove() }
        let expected = [
            // A person's name, only in one story's body.
            "Kaminski": "/2026/03/spring-flood-outlook/",
            // A stemmed form: the headline says "flood".
            "flooding risk": "/2026/03/spring-flood-outlook/",
            // Two words, both in one headline.
            "council budget": "/2026/02/council-adopts-budget/",
            // Case and diacritics do not matter.
            "SNÖWPACK": "/2026/03/spring-flood-outlook/",
        ]
        for (query, url) in expected {
            let found = try index.urls(query)
            #expect(found.first == url, "\(query): \(found.prefix(3))")
        }
    }

    @Test func theDraftIsNotFoundAndFiltersNarrow() throws {
        let (site, index) = try Self.builtDemo()
        defer { site.remove() }
        #expect(try index.urls("Anselm").isEmpty)
        #expect(try index.urls("pontoon").isEmpty)
        let cityHall = try index.urls("budget", filter: SearchIndex.filterKey(.section, "City Hall"))
        let all = try index.urls("budget")
        #expect(!cityHall.isEmpty && cityHall.count < all.count)
    }
}
