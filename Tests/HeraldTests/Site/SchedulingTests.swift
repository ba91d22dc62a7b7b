import Foundation
import Testing
@testable import Herald

/// Drafts, future and expired content, "now", and reproducible output.
@Suite struct SchedulingTests {
    typealias F = SiteFixtures
    /// 2027-01-15T08:00:00Z, the "now" of `TemporarySite.build`.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func scheduledSite() throws -> TemporarySite {
        try F.site([
            "Content/articles/live.md": F.article("Live", date: "2026-12-01", "tags: [x]\n"),
            "Content/articles/draft.md": F.article("Draft", date: "2026-12-02", "draft: true\ntags: [x]\n"),
            "Content/articles/future.md": F.article("Future", date: "2027-01-15T08:00:01Z", "tags: [x]\n"),
            "Content/articles/exactly-now.md": F.article("Now", date: "2027-01-15T08:00:00Z"),
            "Content/articles/expired.md": F.article("Expired", date: "2026-11-01", "expires: 2027-01-15T08:00:00Z\ntags: [x]\n"),
            "Content/articles/expiring.md": F.article("Expiring", date: "2026-11-02", "expires: 2027-01-15T08:00:01Z\n"),
            "Content/pages/draft-page.md": "---\ntitle: Draft page\ndraft: true\n---\n",
            "Content/pages/expired-page.md": "---\ntitle: Gone\nexpires: 2027-01-01\n---\n",
        ], yaml: "title: T\nurl: https://news.example.org/\npaginate: 50\n")
    }

    @Test func draftsFutureAndExpiredAreLeftOut() throws {
        let site = try Self.scheduledSite()
        defer { site.remove() }
        let report = try site.build(now: Self.now)
        #expect(report.articles == 3)
        #expect(report.pages == 0)
        #expect(site.read("Public/index.html") == "1/1|exactly-now,live,expiring,|prev=|next=")
        #expect(site.read("Public/tags/x/index.html") == "x|1/1|live,")
        #expect(!site.exists("Public/draft-page/index.html"))
        #expect(!site.exists("Public/gone/index.html"))
        for output in ["feed.xml", "rss.xml", "feed.json", "sitemap.xml"] {
            let text = try #require(site.read("Public/\(output)"))
            #expect(!text.contains("/draft/") && !text.contains("/future/") && !text.contains("/expired/"), "\(output)")
        }
    }

    @Test func draftsAndFutureArticlesAreBuiltWhenAskedButExpiredNever() throws {
        let site = try Self.scheduledSite()
        defer { site.remove() }
        _ = try site.build(now: Self.now) { $0.includeDrafts = true }
        #expect(site.read("Public/index.html") == "1/1|exactly-now,draft,live,expiring,|prev=|next=")
        #expect(site.exists("Public/draft-page/index.html"))
        _ = try site.build(now: Self.now) { $0.includeFuture = true }
        #expect(site.read("Public/index.html") == "1/1|future,exactly-now,live,expiring,|prev=|next=")
        _ = try site.build(now: Self.now) { $0.includeDrafts = true; $0.includeFuture = true }
        #expect(site.read("Public/index.html") == "1/1|future,exactly-now,draft,live,expiring,|prev=|next=")
        #expect(site.read("Public/tags/x/index.html") == "x|1/1|future,draft,live,")
    }

    @Test func laterNowPublishesTheFutureAndExpiresTheExpiring() throws {
        let site = try Self.scheduledSite()
        defer { site.remove() }
        _ = try site.build(now: Self.now.addingTimeInterval(1))
        #expect(site.read("Public/index.html") == "1/1|future,exactly-now,live,|prev=|next=")
    }

    @Test func sourceDateEpochSetsNow() {
        #expect(BuildOptions.defaultNow(environment: ["SOURCE_DATE_EPOCH": "1700000000"]) == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(BuildOptions.defaultNow(environment: ["SOURCE_DATE_EPOCH": " 1700000000 "]) == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(BuildOptions.defaultNow(environment: ["SOURCE_DATE_EPOCH": "0"]) == Date(timeIntervalSince1970: 0))
        // Without it (or with garbage), the wall clock.
        for environment in [[:], ["SOURCE_DATE_EPOCH": "yesterday"], ["SOURCE_DATE_EPOCH": ""]] {
            let now = BuildOptions.defaultNow(environment: environment)
            #expect(abs(now.timeIntervalSinceNow) < 60)
        }
    }

    @Test func sourceDateEpochDecidesWhatIsFuture() throws {
        let site = try Self.scheduledSite()
        defer { site.remove() }
        let epoch = BuildOptions.defaultNow(environment: ["SOURCE_DATE_EPOCH": "1800000001"])
        _ = try site.build(now: epoch)
        #expect(site.read("Public/index.html") == "1/1|future,exactly-now,live,|prev=|next=")
    }

    @Test func theSameInputAndNowGiveByteIdenticalTrees() throws {
        let site = try F.demoSite()
        defer { site.remove() }
        let first = site.root.appendingPathComponent("First"), second = site.root.appendingPathComponent("Second")
        _ = try site.build { $0.output = first }
        _ = try site.build { $0.output = second }
        let files = F.files(under: first)
        #expect(files.count > 150)
        #expect(files == F.files(under: second))
        for file in files {
            let one = FileManager.default.contents(atPath: first.appendingPathComponent(file).path)
            let two = FileManager.default.contents(atPath: second.appendingPathComponent(file).path)
            #expect(one != nil && one == two, "\(file) differs between two builds")
        }
    }
}
