import Foundation
import Testing
@testable import Herald

private typealias F = SiteFixtures

/// Live coverage (`live: true`, `<!--update …-->`): updates newest first with
/// their times and anchors, the "Live" badge by the build's "now",
/// `LiveBlogPosting` JSON-LD, feeds dated by the newest update, located
/// problems, and incremental builds equal to clean ones.
@Suite struct LiveCoverageTests {
    static let theme = [
        "Templates/article.html": "{% if page.live_open %}[LIVE]{% endif %}<main>{{ page.content }}</main>|{% for u in page.live_updates %}{{ u.anchor }}={{ u.headline }};{% endfor %}",
        "Templates/index.html": "{% for a in paginator.items %}{{ a.slug }}{% if a.live_open %}(live){% endif %},{% endfor %}",
    ]

    /// 2027-01-15T08:00:00Z, the "now" of `TemporarySite.build`.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static let body = """
        The bridge closed at dawn.

        <!--update 2027-01-14 09:00-->

        ## Queues at Mill Street

        Cars backed up past the station.

        <!--update 2027-01-14 11:30-->

        Buses run fifteen minutes late. More later.

        """

    static func site(_ front: String = "live: true\n", date: String = "2027-01-14 06:00", body: String = body, yaml: String = F.siteYAML) throws -> TemporarySite {
        var files = theme
        files["Content/articles/bridge.md"] = F.article("Bridge", date: date, front, body: body)
        return try F.site(files, yaml: yaml)
    }

    @Test func updatesAreShownNewestFirstWithTheirTimesAndAnchors() throws {
        let site = try Self.site()
        defer { site.remove() }
        let report = try site.build()
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        let html = try #require(site.read("Public/2027/01/bridge/index.html"))
        let later = try #require(html.range(of: #"<div class="live-update" id="update-2027-01-14-1130">"#))
        let earlier = try #require(html.range(of: #"<div class="live-update" id="update-2027-01-14-0900">"#))
        #expect(later.lowerBound < earlier.lowerBound, "newest first")
        #expect(html.hasPrefix("[LIVE]<main><p>The bridge closed at dawn.</p>\n<div class=\"live-updates\">"))
        // The site's zone is New York: 11:30 there is 16:30 UTC.
        #expect(html.contains(##"<a href="#update-2027-01-14-1130"><time datetime="2027-01-14T11:30:00-05:00">January 14, 2027, 11:30</time></a>"##))
        #expect(!html.contains("update 2027"), "the markers are gone")
        #expect(html.hasSuffix("|update-2027-01-14-1130=Buses run fifteen minutes late.;update-2027-01-14-0900=Queues at Mill Street;"))
        #expect(site.read("Public/index.html") == "bridge(live),")
    }

    @Test func theBadgeGoesWhenCoverageEndsAtTheBuildsNow() throws {
        // Older than the news sitemap's two days at both builds: only the badge depends on "now".
        let site = try Self.site("live: true\nlive_until: 2027-01-16 18:00\n", date: "2027-01-10 06:00")
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        #expect(site.read("Public/2027/01/bridge/index.html")?.hasPrefix("[LIVE]") == true)
        // Nothing changed but "now": the cache must not keep the badge.
        _ = try site.build(now: Self.now.addingTimeInterval(2 * 86_400))
        #expect(site.read("Public/2027/01/bridge/index.html")?.hasPrefix("<main>") == true)
        #expect(site.read("Public/index.html") == "bridge,")
        // Built ahead of time (`--future`), a story whose coverage has not started is not live.
        let future = try Self.site("live: true\n", date: "2027-02-01 06:00", body: "Soon.\n")
        defer { future.remove() }
        _ = try future.build { $0.includeFuture = true }
        #expect(future.read("Public/2027/02/bridge/index.html")?.hasPrefix("<main>") == true)
    }

    @Test func feedsAreDatedByTheNewestUpdate() throws {
        let site = try Self.site()
        defer { site.remove() }
        _ = try site.build()
        let atom = try #require(site.read("Public/feed.xml"))
        #expect(atom.contains("<published>2027-01-14T06:00:00-05:00</published>"))
        #expect(atom.contains("<updated>2027-01-14T11:30:00-05:00</updated>"))
        let json = try #require(site.read("Public/feed.json"))
        let feed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let item = try #require((feed["items"] as? [[String: Any]])?.first)
        #expect(item["date_published"] as? String == "2027-01-14T06:00:00-05:00")
        #expect(item["date_modified"] as? String == "2027-01-14T11:30:00-05:00")
        #expect((item["content_html"] as? String)?.contains("Cars backed up past the station.") == true)
    }

    @Test func badMarkersAndDatesAreLocatedErrors() throws {
        // The body starts on line 6 (after 5 lines of front matter).
        let unreadable = try Self.site(body: "Intro.\n\n<!--update yesterday at noon-->\n\nText.\n")
        defer { unreadable.remove() }
        let errors = unreadable.buildErrors()
        #expect(errors.map { "\($0.path):\($0.line):\($0.column)" } == ["Content/articles/bridge.md:8:1"], "\(errors)")
        #expect(errors.first?.message.contains("'yesterday at noon'") == true)
        #expect(!unreadable.exists("Public/index.html"), "nothing is published")

        let dateOnly = try Self.site(body: "Intro.\n\n<!--update 2027-01-14-->\n\nText.\n")
        defer { dateOnly.remove() }
        #expect(dateOnly.buildErrors().map(\.line) == [8], "an update needs its time of day")

        let unordered = try Self.site(body: "<!--update 2027-01-14 11:30-->\n\nLater.\n\n<!--update 2027-01-14 09:00-->\n\nEarlier.\n")
        defer { unordered.remove() }
        let order = unordered.buildErrors()
        #expect(order.map { "\($0.path):\($0.line):\($0.column)" } == ["Content/articles/bridge.md:10:1"], "\(order)")
        #expect(order.first?.message.contains("not later than the one before it (line 6, 2027-01-14 11:30)") == true)

        let early = try Self.site(body: "<!--update 2027-01-14 05:59-->\n\nBefore the story.\n")
        defer { early.remove() }
        let before = early.buildErrors()
        #expect(before.map { "\($0.path):\($0.line):\($0.column)" } == ["Content/articles/bridge.md:6:1"], "\(before)")
        #expect(before.first?.message.contains("is before the story's 'date' (2027-01-14T06:00:00-05:00)") == true)

        let ended = try Self.site("live: true\nlive_until: 2027-01-13 18:00\n")
        defer { ended.remove() }
        let until = ended.buildErrors()
        #expect(until.map { "\($0.path):\($0.line):\($0.column)" } == ["Content/articles/bridge.md:5:13"], "\(until)")
        #expect(until.first?.message.contains("is before the story's 'date'") == true)
    }

    @Test func markersWithoutLiveAreAWarningAndKeepTheBody() throws {
        let site = try Self.site("")
        defer { site.remove() }
        let report = try site.build()
        #expect(report.warnings.map { "\($0.path):\($0.line):\($0.column)" } == ["Content/articles/bridge.md:7:1"])
        #expect(report.warnings.first?.message.contains("without 'live: true'") == true)
        let html = try #require(site.read("Public/2027/01/bridge/index.html"))
        #expect(!html.contains("live-update"))
        #expect(html.contains("Cars backed up past the station."))
        #expect(!html.contains("raw HTML omitted"), "the markers are removed")
    }

    @Test func anHTMLStorySplitsAtItsUpdateLinesAsMarkdownDoes() throws {
        let body = "<p>The bridge closed at dawn.</p>\n<!--update 2027-01-14 09:00-->\n<h2>Queues at <em>Mill</em> Street</h2>\n<p onclick=\"x()\">Cars backed up.</p>\n  <!--update 2027-01-14 11:30-->\n<p>Buses run late. More later.</p>"
        var files = Self.theme
        files["Content/articles/bridge.html"] = F.article("Bridge", date: "2027-01-14 06:00", "live: true\n", body: body)
        let site = try F.site(files)
        defer { site.remove() }
        let report = try site.build()
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        let html = try #require(site.read("Public/2027/01/bridge/index.html"))
        #expect(html.hasPrefix("[LIVE]<main><p>The bridge closed at dawn.</p>\n<div class=\"live-updates\">\n<div class=\"live-update\" id=\"update-2027-01-14-1130\">"), "\(html)")
        #expect(html.contains(#"id="update-2027-01-14-0900""#))
        #expect(!html.contains("onclick") && !html.contains("update 2027"))
        #expect(html.hasSuffix("|update-2027-01-14-1130=Buses run late.;update-2027-01-14-0900=Queues at Mill Street;"), "\(html)")

        // Out of order, at the lines of the file (the body starts on line 6).
        files["Content/articles/bridge.html"] = F.article("Bridge", date: "2027-01-14 06:00", "live: true\n", body: body.replacingOccurrences(of: "11:30", with: "08:30"))
        let unordered = try F.site(files)
        defer { unordered.remove() }
        #expect(unordered.buildErrors().map { "\($0.path):\($0.line):\($0.column)" } == ["Content/articles/bridge.html:10:1"])
        // Without `live: true`: a warning, and the markers are gone.
        files["Content/articles/bridge.html"] = F.article("Bridge", date: "2027-01-14 06:00", body: body)
        let plain = try F.site(files)
        defer { plain.remove() }
        #expect(try plain.build().warnings.map { "\($0.path):\($0.line)" } == ["Content/articles/bridge.html:6"])
        #expect(plain.read("Public/2027/01/bridge/index.html")?.contains("update 2027") == false)
    }

    @Test func theDemoStoryIsALiveBlogPostingAsSchemaOrgDescribesIt() throws {
        let site = try F.demoSite()
        defer { site.remove() }
        _ = try site.build()
        let html = try #require(site.read("Public/2026/11/route-twelve-bridge-closure-live/index.html"))
        #expect(html.contains(#"<p class="live-badge">Live</p>"#))
        let ld = try DemoThemeTests.jsonLD(in: html, file: "route-twelve")
        #expect(ld["@type"] as? String == "LiveBlogPosting")
        let start = try #require(ld["coverageStartTime"] as? String)
        #expect(start == ld["datePublished"] as? String)
        #expect(ld["coverageEndTime"] as? String == "2027-03-31T18:00:00-04:00")
        let updates = try #require(ld["liveBlogUpdate"] as? [[String: Any]])
        #expect(updates.count >= 3)
        let times = updates.compactMap { $0["datePublished"] as? String }
        #expect(times.count == updates.count)
        #expect(ld["dateModified"] as? String == times.first, "modified when last updated")
        let parser = DateParser(timeZone: TimeZone(identifier: "UTC")!)
        let dates = times.compactMap(parser.parse)
        #expect(dates == dates.sorted(by: >), "newest first")
        #expect(dates.allSatisfy { $0 >= parser.parse(start)! })
        for update in updates {
            #expect(update["@type"] as? String == "BlogPosting")
            #expect((update["headline"] as? String)?.isEmpty == false)
            #expect((update["articleBody"] as? String)?.isEmpty == false)
            let url = try #require(update["url"] as? String)
            let anchor = try #require(url.split(separator: "#").last.map(String.init))
            #expect(url.hasPrefix("https://news.example.org/2026/11/route-twelve-bridge-closure-live/#update-"))
            #expect(html.contains("id=\"\(anchor)\""), "\(anchor) is on the page")
        }
        // Stories that are not live stay NewsArticles.
        let other = try #require(site.read("Public/2026/11/rail-spur-study/index.html"))
        #expect(try DemoThemeTests.jsonLD(in: other, file: "rail")["@type"] as? String == "NewsArticle")
        #expect(site.read("Public/index.html")?.contains(#"<span class="live-badge live-badge-inline">Live</span>"#) == true)
    }

    @Test func anIncrementalBuildAfterAddingOrEditingAnUpdateEqualsACleanBuild() throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.write(F.article("Other", date: "2027-01-13 10:00", body: "Other."), to: "Content/articles/other.md")
        try site.age()
        _ = try site.build()

        // A new update: the story's time in feeds and the sitemap moves,
        // and only the outputs showing it are rendered again.
        let added = Self.body + "\n<!--update 2027-01-14 15:05-->\n\nThe walkway reopens.\n"
        try site.write(F.article("Bridge", date: "2027-01-14 06:00", "live: true\n", body: added), to: "Content/articles/bridge.md")
        try site.age()
        let afterUpdate = try site.build()
        #expect(afterUpdate.filesReused > 0, "a new update is an incremental build")
        #expect(site.read("Public/sitemap.xml")?.contains("<lastmod>2027-01-14T15:05:00-05:00</lastmod>") == true)
        #expect(try site.tree() == cleanBuild(site))
        #expect(site.read("Public/feed.xml")?.contains("<updated>2027-01-14T15:05:00-05:00</updated>") == true)
        #expect(site.read("Public/2027/01/bridge/index.html")?.contains("id=\"update-2027-01-14-1505\"") == true)

        // An edited update: only its words change, an incremental build.
        try site.write(
            F.article("Bridge", date: "2027-01-14 06:00", "live: true\n", body: added.replacingOccurrences(of: "The walkway reopens.", with: "The east walkway reopens.")),
            to: "Content/articles/bridge.md")
        try site.age()
        let report = try site.build()
        #expect(report.filesReused > 0, "an edited update is an incremental build")
        #expect(try site.tree() == cleanBuild(site))
        #expect(site.read("Public/feed.xml")?.contains("The east walkway reopens.") == true)
    }

    @Test func aNewUpdateRendersWhatShowsTheStorysDateAndNothingStale() throws {
        var files = Self.theme
        files["Templates/index.html"] = "{% for a in paginator.items %}{{ a.slug }}@{{ a.modified | rfc3339 }},{% endfor %}"
        files["Templates/term.html"] = "{{ term.name }}:{% for a in paginator.items %}{{ a.slug }},{% endfor %}"
        files["Content/articles/bridge.md"] = F.article("Bridge", date: "2027-01-14 06:00", "live: true\ntags: [roads]\n", body: Self.body)
        files["Content/articles/storm.md"] = F.article("Storm", date: "2027-01-12 06:00", "live: true\ntags: [weather]\n", body: "Wind.\n\n<!--update 2027-01-12 09:00-->\n\nGusts.\n")
        for day in 1...4 { files["Content/articles/other-\(day).md"] = F.article("Other \(day)", date: "2027-01-0\(day) 10:00", "tags: [roads]\n", body: "Other.") }
        let site = try F.site(files, yaml: F.siteYAML + "feeds:\n  taxonomies: true\n")
        defer { site.remove() }
        try site.age()
        _ = try site.build()
        for (minute, story) in [("15:05", "bridge"), ("15:06", "storm")] {
            let date = story == "bridge" ? "2027-01-14 06:00" : "2027-01-12 06:00"
            let tags = story == "bridge" ? "roads" : "weather"
            let body = (site.read("Content/articles/\(story).md") ?? "").components(separatedBy: "---\n").last ?? ""
            try site.write(F.article(story.capitalized, date: date, "live: true\ntags: [\(tags)]\n", body: body + "\n<!--update 2027-01-14 \(minute)-->\n\nMore.\n"), to: "Content/articles/\(story).md")
            try site.age()
            let report = try site.build()
            #expect(report.filesReused > 0, "\(story): incremental")
            #expect(try site.tree() == cleanBuild(site), "\(story)")
        }
        #expect(site.read("Public/index.html")?.contains("storm@2027-01-14T15:06:00-05:00") == true)
    }

    /// A clean build of `site` into a fresh folder, with no state from a previous one.
    func cleanBuild(_ site: TemporarySite) throws -> [String: Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: site.root.path)) ?? []
        for name in names where name == "Clean" || name.hasPrefix(".Clean.") {
            try FileManager.default.removeItem(at: site.root.appendingPathComponent(name))
        }
        return try site.cleanBuildTree()
    }

    @Test func aKeptItemHasTheUpdatesTimesButNotTheirWords() {
        var item = ContentItem(kind: .article, sourcePath: "Content/articles/a.md", title: "A", slug: "a")
        item.live = true
        item.liveUpdates = [LiveUpdate(date: Date(timeIntervalSince1970: 1_800_000_000), headline: "H", text: "T", html: "<p>T</p>")]
        item.liveUpdateDates = [Date(timeIntervalSince1970: 1_800_000_000)]
        let kept = ContentItemFields.withoutBody(item)
        #expect(kept.liveUpdates.isEmpty)
        #expect(kept.liveUpdateDates == item.liveUpdateDates && kept.live)
        #expect(kept.lastModified == Date(timeIntervalSince1970: 1_800_000_000), "a kept item still dates its feed entry by its newest update")
    }
}
