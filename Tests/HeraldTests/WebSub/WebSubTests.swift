import Foundation
import Testing
@testable import Herald

private typealias F = SiteFixtures

/// WebSub: hubs announced in every feed format, located errors for bad hub
/// addresses, and notifications sent to a hub that the test serves on
/// loopback (never the network), for exactly the feeds a build changed.
@Suite(.serialized) struct WebSubTests {
    static func site(hubs: String) throws -> TemporarySite {
        try F.site([
            "Content/articles/a.md": F.article("A", date: "2025-07-01 10:00", "tags: [Harbor]\n"),
            "Content/articles/b.md": F.article("B", date: "2025-07-02 10:00"),
        ], yaml: F.siteYAML + "feeds:\n  taxonomies: false\n  hubs: \(hubs)\n")
    }

    @Test func everyFeedFormatNamesTheHubs() throws {
        let site = try Self.site(hubs: "[https://hub.example.org/, https://second.example.net/websub]")
        defer { site.remove() }
        _ = try site.build()
        let atom = try #require(site.read("Public/feed.xml"))
        #expect(atom.contains(#"<link rel="hub" href="https://hub.example.org/"/>"#))
        #expect(atom.contains(#"<link rel="hub" href="https://second.example.net/websub"/>"#))
        let rss = try #require(site.read("Public/rss.xml"))
        #expect(rss.contains(#"<atom:link href="https://hub.example.org/" rel="hub"/>"#))
        let jsonText = try #require(site.read("Public/feed.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(jsonText.utf8)) as? [String: Any])
        let hubs = json["hubs"] as? [[String: String]]
        #expect(hubs == [["type": "WebSub", "url": "https://hub.example.org/"], ["type": "WebSub", "url": "https://second.example.net/websub"]])
        for file in ["feed.xml", "rss.xml"] {
            let lint = try FeedFiles.run("/usr/bin/xmllint", ["--noout", site.root.appendingPathComponent("Public/\(file)").path])
            #expect(lint.status == 0, "\(file): \(lint.output)")
        }
        // Without hubs, no hub links at all.
        let plain = try Self.site(hubs: "[]")
        defer { plain.remove() }
        _ = try plain.build()
        #expect(plain.read("Public/feed.xml")?.contains(#"rel="hub""#) == false)
        #expect(plain.read("Public/feed.json")?.contains("\"hubs\"") == false)
    }

    @Test func aHubThatIsNotAnHTTPURLIsALocatedError() throws {
        let site = try Self.site(hubs: "\n    - https://hub.example.org/\n    - ftp://hub.example.org/\n    - just words")
        defer { site.remove() }
        let messages = site.buildErrors().map { "\($0.path):\($0.line): \($0.message)" }
        #expect(messages.contains { $0.hasPrefix("site.yml:9:") && $0.contains("'ftp://hub.example.org/' is not a hub's address") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("site.yml:10:") && $0.contains("'just words'") }, "\(messages)")
        #expect(!site.exists("Public/feed.xml"))
    }

    @Test func aBuildPingsTheLoopbackHubForEachChangedFeed() throws {
        // The hub is started first: its address goes into site.yml.
        let hub = try LoopbackHub(expected: 3)
        defer { hub.stop() }
        let site = try Self.site(hubs: "[\(hub.url)]")
        defer { site.remove() }
        let report = try site.build()
        #expect(report.changedFeeds == ["https://news.example.org/feed.json", "https://news.example.org/feed.xml", "https://news.example.org/rss.xml"])
        let output = site.root.appendingPathComponent("Public")
        #expect(PendingPings.load(for: output) == report.changedFeeds)

        let answers = WebSubPing.run(output: output, hubs: [hub.url], notifier: HubNotifier(timeout: 5))
        #expect(hub.waitUntilDone(seconds: 15))
        #expect(answers.count == 3 && answers.allSatisfy(\.accepted), "\(answers.map(\.description))")
        let requests = hub.requests
        #expect(requests.count == 3)
        #expect(Set(requests.map(\.body)) == Set(report.changedFeeds.map { "hub.mode=publish&hub.url=" + HubNotifier.formEncoded($0) }))
        #expect(requests.first?.body == "hub.mode=publish&hub.url=https%3A%2F%2Fnews.example.org%2Ffeed.json")
        for request in requests {
            #expect(request.method == "POST")
            #expect(request.path == "/hub")
            #expect(request.headers["content-type"] == "application/x-www-form-urlencoded")
        }
        #expect(PendingPings.load(for: output).isEmpty, "accepted feeds are no longer pending")

        // Nothing changed: nothing to tell.
        #expect(try site.build().changedFeeds.isEmpty)
        #expect(PendingPings.load(for: output).isEmpty)
        // One article edited: its feeds changed, and only those.
        try site.write(F.article("B", date: "2025-07-02 10:00", body: "Body, edited."), to: "Content/articles/b.md")
        #expect(try site.build().changedFeeds.count == 3)
    }

    @Test func aRefusingOrSilentHubKeepsTheFeedsPending() throws {
        let refusing = try LoopbackHub(status: 500, expected: 1)
        defer { refusing.stop() }
        let site = try Self.site(hubs: "[\(refusing.url)]")
        defer { site.remove() }
        try site.write("title: Test News\nurl: https://news.example.org/\nfeeds:\n  formats: [atom]\n  taxonomies: false\n  hubs: [\(refusing.url)]\n", to: "site.yml")
        _ = try site.build()
        let output = site.root.appendingPathComponent("Public")
        let answers = WebSubPing.run(output: output, hubs: [refusing.url], notifier: HubNotifier(timeout: 5))
        refusing.waitUntilDone()
        #expect(answers.map(\.status) == [500])
        #expect(!answers[0].accepted)
        #expect(PendingPings.load(for: output) == ["https://news.example.org/feed.xml"])

        // A port nobody listens on any more: no answer, within the time limit.
        let closed = refusing.url
        let started = Date()
        let silent = WebSubPing.run(output: output, hubs: [closed], notifier: HubNotifier(timeout: 3))
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(silent.count == 1 && silent[0].status == nil && silent[0].failure != nil)
        #expect(PendingPings.load(for: output) == ["https://news.example.org/feed.xml"])
    }

    @Test func theFormBodyEncodesTheFeedURL() {
        #expect(HubNotifier.formBody(feed: "https://x.example/a b/feed.xml?x=1&y=é")
            == "hub.mode=publish&hub.url=https%3A%2F%2Fx.example%2Fa%20b%2Ffeed.xml%3Fx%3D1%26y%3D%C3%A9")
    }
}
