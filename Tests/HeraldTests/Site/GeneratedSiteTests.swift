import Foundation
import Testing
@testable import Herald

/// A few hundred generated articles: page counts checked against counts
/// computed independently from the generated content.
@Suite struct GeneratedSiteTests {
    typealias F = SiteFixtures

    /// SplitMix64: the same seed gives the same site on every platform.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Each term has spellings that slugify alike, so merging is exercised too.
    static let tagPool = (1...14).map { ["Topic \($0)", "topic-\($0)", "TOPIC \($0)"] }
    static let categoryPool = ["News", "Sports", "Arts & Culture", "Business", "Opinion"].map { [$0, $0.uppercased()] }
    static let authorPool = ["Ada Park", "Tom Reed", "Lena Okafor", "Marcus Delgado", "Priya Raman"]
    static let tagSlugs = (1...14).map { "topic-\($0)" }
    static let categorySlugs = ["news", "sports", "arts-culture", "business", "opinion"]
    static let authorSlugs = ["ada-park", "tom-reed", "lena-okafor", "marcus-delgado", "priya-raman"]

    @Test func countsMatchTheGeneratedContent() throws {
        var random = SeededGenerator(state: 20_250_704)
        let perPage = 7
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var files: [String: String] = [:]
        var published = 0
        var termCounts: [String: [String: Int]] = ["tags": [:], "categories": [:], "authors": [:]]
        func yamlList(_ items: [String]) -> String { "[" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }

        for number in 1...320 {
            // Dates from 2023 to a little after "now".
            let date = Date(timeIntervalSince1970: 1_672_531_200 + Double(random.next(upperBound: UInt64(130_000_000))))
            let tags = Array(Set((0..<Int(random.next(upperBound: UInt64(4)))).map { _ in Int(random.next(upperBound: UInt64(14))) })).sorted()
            let categories = random.next(upperBound: UInt64(5)) == 0 ? [] : [Int(random.next(upperBound: UInt64(5)))]
            let authors = Array(Set((0..<Int(random.next(upperBound: UInt64(3)))).map { _ in Int(random.next(upperBound: UInt64(5))) })).sorted()
            let draft = random.next(upperBound: UInt64(25)) == 0
            var frontMatter = "---\ntitle: Story \(number)\ndate: \(FeedDates.rfc3339(date, in: TimeZone(identifier: "UTC")!))\n"
            frontMatter += "tags: \(yamlList(tags.map { Self.tagPool[$0][Int(random.next(upperBound: UInt64(3)))] }))\n"
            frontMatter += "categories: \(yamlList(categories.map { Self.categoryPool[$0][Int(random.next(upperBound: UInt64(2)))] }))\n"
            if !authors.isEmpty { frontMatter += "authors: \(yamlList(authors.map { Self.authorPool[$0] }))\n" }
            if draft { frontMatter += "draft: true\n" }
            files["Content/articles/\(number % 10)/story-\(number).md"] = frontMatter + "---\nText of story \(number).\n"

            guard !draft, date <= now else { continue }
            published += 1
            for tag in tags { termCounts["tags"]![Self.tagSlugs[tag], default: 0] += 1 }
            for category in categories { termCounts["categories"]![Self.categorySlugs[category], default: 0] += 1 }
            for author in authors.isEmpty ? [] : authors { termCounts["authors"]![Self.authorSlugs[author], default: 0] += 1 }
            if authors.isEmpty { termCounts["authors"]!["newsroom", default: 0] += 1 }
        }
        files["Content/pages/about.md"] = "---\ntitle: About\n---\nUs.\n"
        files["Content/pages/contact.md"] = "---\ntitle: Contact\n---\nMail.\n"
        let site = try F.site(files, yaml: "title: Generated\nurl: https://news.example.org/\npaginate: \(perPage)\n")
        defer { site.remove() }
        let report = try site.build(now: now)
        #expect(published > 250 && published < 320)
        #expect(report.articles == published)
        #expect(report.pages == 2)

        func pages(_ count: Int) -> Int { max(1, (count + perPage - 1) / perPage) }
        let output = F.files(under: site.root.appendingPathComponent("Public"))
        let html = output.filter { $0.hasSuffix("index.html") }
        func matching(_ pattern: String) -> [String] { html.filter { $0.range(of: pattern, options: .regularExpression) != nil } }

        #expect(matching(#"^\d{4}/\d{2}/story-\d+/index\.html$"#).count == published)
        #expect(matching(#"^(page/\d+/)?index\.html$"#).count == pages(published))
        var expectedListPages = pages(published)
        for (taxonomy, counts) in termCounts {
            #expect(matching("^\(taxonomy)/[^/]+/index\\.html$").count == counts.count, "\(taxonomy) terms")
            let expectedPages = counts.values.map(pages).reduce(0, +)
            #expect(matching("^\(taxonomy)/[^/]+/(page/\\d+/)?index\\.html$").count == expectedPages, "\(taxonomy) pages")
            expectedListPages += expectedPages + 1
            // The index lists each term with its count.
            let index = try #require(site.read("Public/\(taxonomy)/index.html"))
            #expect(F.captures(#"=(\d+)@"#, in: index).count == counts.count, "\(taxonomy) index")
            for (slug, count) in counts {
                #expect(index.contains("=\(count)@/\(taxonomy)/\(slug)/;"), "\(taxonomy)/\(slug) count \(count)")
                // The last page of a term holds the remainder.
                let last = pages(count)
                let page = try #require(site.read("Public/\(taxonomy)/\(slug)/\(last == 1 ? "" : "page/\(last)/")index.html"))
                let shown = page.split(separator: "|")[2].split(separator: ",").count
                #expect(shown == count - (last - 1) * perPage, "\(taxonomy)/\(slug) last page")
            }
            // Each term has one set of feeds.
            #expect(output.filter { $0.hasPrefix("\(taxonomy)/") && $0.hasSuffix("/feed.xml") }.count == counts.count)
        }
        expectedListPages += 1 // the archive
        let sitemap = try #require(site.read("Public/sitemap.xml"))
        let locs = F.captures(#"<loc>([^<]*)</loc>"#, in: sitemap)
        #expect(locs.count == published + 2 + expectedListPages)
        #expect(locs.count == html.count)
        #expect(report.feeds == 3 * (1 + termCounts.values.map(\.count).reduce(0, +)))
    }
}
