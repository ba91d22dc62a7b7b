import Foundation
import Testing
@testable import Herald

private typealias F = SiteFixtures

/// Members-only stories (`access: members`, `<!--paywall-->`): the paywalled
/// element, Google's paywalled-content JSON-LD, what feeds carry, located
/// problems, and incremental builds equal to clean ones.
@Suite struct MembersOnlyTests {
    static let theme = [
        "Templates/article.html": "<main>{{ page.content }}</main>|{{ page.access }}",
    ]

    static func site(_ front: String, body: String, yaml: String = F.siteYAML) throws -> TemporarySite {
        var files = theme
        files["Content/articles/a.md"] = F.article("A", date: "2025-07-01 10:00", front, body: body)
        return try F.site(files, yaml: yaml)
    }

    static let body = "Free lead.\n\nFree second.\n\n<!--paywall-->\n\nFor members one.\n\nFor members two.\n"

    @Test func thePartAfterThePaywallIsInAPaywalledElement() throws {
        let site = try Self.site("access: members\n", body: Self.body)
        defer { site.remove() }
        _ = try site.build()
        let html = try #require(site.read("Public/2025/07/a/index.html"))
        #expect(html == "<main><p>Free lead.</p>\n<p>Free second.</p>\n<div class=\"paywalled\">\n<p>For members one.</p>\n<p>For members two.</p>\n</div>\n</main>|members")
    }

    @Test func feedsCarryTheFreePartUnlessConfigured() throws {
        let site = try Self.site("access: members\n", body: Self.body)
        defer { site.remove() }
        _ = try site.build()
        for file in ["feed.xml", "rss.xml", "feed.json"] {
            let feed = try #require(site.read("Public/\(file)"))
            #expect(feed.contains("Free second."), "\(file)")
            #expect(!feed.contains("For members one."), "\(file)")
            #expect(feed.contains("The rest of this story is for members"), "\(file)")
        }
        let full = try Self.site("access: members\n", body: Self.body, yaml: F.siteYAML + "feeds:\n  members_content: full\n")
        defer { full.remove() }
        _ = try full.build()
        #expect(full.read("Public/feed.xml")?.contains("For members two.") == true)
    }

    @Test func aMarkerInAFreeStoryIsAWarningAndASecondOneAnError() throws {
        let free = try Self.site("", body: Self.body)
        defer { free.remove() }
        let report = try free.build()
        #expect(report.warnings.map { "\($0.path):\($0.line)" } == ["Content/articles/a.md:9"])
        #expect(report.warnings.first?.message.contains("without 'access: members'") == true)
        #expect(free.read("Public/2025/07/a/index.html")?.contains("paywalled") == false)
        #expect(free.read("Public/2025/07/a/index.html")?.contains("For members two.") == true)

        let twice = try Self.site("access: members\n", body: Self.body + "\n<!--paywall-->\n\nMore.\n")
        defer { twice.remove() }
        let errors = twice.buildErrors()
        #expect(errors.map { "\($0.path):\($0.line)" } == ["Content/articles/a.md:16"], "\(errors)")
        #expect(errors.first?.message.contains("the first is on line 10") == true)
        #expect(!twice.exists("Public/index.html"))

        let wrong = try Self.site("access: subscribers\n", body: "x")
        defer { wrong.remove() }
        #expect(wrong.buildErrors().map { "\($0.path):\($0.line): \($0.message)" } == ["Content/articles/a.md:4: 'access' must be 'free' or 'members', not 'subscribers'"])
    }

    static let htmlBody = "<p>Free lead.</p>\n<p onclick=\"x()\">Free second.</p>\n  <!--paywall-->  \n<p>For members one.</p>\n<script>alert(1)</script>\n<p>For members two.</p>"

    /// The body of an `.html` story, with the front matter of `site(_:body:)`.
    static func htmlSite(_ front: String, body: String = htmlBody) throws -> TemporarySite {
        var files = theme
        files["Content/articles/a.html"] = F.article("A", date: "2025-07-01 10:00", front, body: body)
        return try F.site(files)
    }

    @Test func anHTMLStorySplitsAtItsPaywallLineAsMarkdownDoes() throws {
        let site = try Self.htmlSite("access: members\n")
        defer { site.remove() }
        let report = try site.build()
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        let html = try #require(site.read("Public/2025/07/a/index.html"))
        #expect(html == "<main><p>Free lead.</p>\n<p>Free second.</p>\n<div class=\"paywalled\">\n<p>For members one.</p>\n\n<p>For members two.</p>\n\n</div>\n</main>|members", "\(html)")
        for file in ["feed.xml", "rss.xml", "feed.json"] {
            let feed = try #require(site.read("Public/\(file)"))
            #expect(feed.contains("Free second."), "\(file)")
            #expect(!feed.contains("For members one."), "\(file)")
            #expect(feed.contains("The rest of this story is for members"), "\(file)")
        }
        // The same problems as in Markdown, at the same lines of the file.
        let free = try Self.htmlSite("")
        defer { free.remove() }
        let warnings = try free.build().warnings
        #expect(warnings.map { "\($0.path):\($0.line):\($0.column)" } == ["Content/articles/a.html:7:1"], "\(warnings)")
        #expect(free.read("Public/2025/07/a/index.html")?.contains("paywalled") == false)
        #expect(free.read("Public/2025/07/a/index.html")?.contains("paywall-->") == false, "the marker is removed")
        let twice = try Self.htmlSite("access: members\n", body: Self.htmlBody + "\n<!--paywall-->\n<p>More.</p>\n")
        defer { twice.remove() }
        let errors = twice.buildErrors()
        #expect(errors.map { "\($0.path):\($0.line)" } == ["Content/articles/a.html:12"], "\(errors)")
        #expect(errors.first?.message.contains("the first is on line 8") == true)
        // A body without `unsafe_html` never gains a script from either part.
        #expect(!html.contains("script") && !html.contains("onclick"))
    }

    @Test func theDemoStoryDescribesItsPaywallAsGoogleDocumentsIt() throws {
        let site = try F.demoSite()
        defer { site.remove() }
        _ = try site.build()
        let html = try #require(site.read("Public/2026/07/bakery-closes/index.html"))
        #expect(html.contains(#"<p class="members-badge">For members</p>"#))
        #expect(html.components(separatedBy: #"<div class="paywalled">"#).count == 2)
        let ld = try DemoThemeTests.jsonLD(in: html, file: "bakery")
        #expect(ld["isAccessibleForFree"] as? Bool == false)
        let part = try #require(ld["hasPart"] as? [String: Any])
        #expect(part["@type"] as? String == "WebPageElement")
        #expect(part["isAccessibleForFree"] as? Bool == false)
        #expect(part["cssSelector"] as? String == ".paywalled")
        // Free stories say nothing about access.
        let free = try #require(site.read("Public/2026/11/rail-spur-study/index.html"))
        #expect(try DemoThemeTests.jsonLD(in: free, file: "rail")["isAccessibleForFree"] == nil)
        let feed = try #require(site.read("Public/feed.xml"))
        #expect(feed.contains("sleeping in."))
        #expect(!feed.contains("one oven and a recipe for currant buns"))
    }

    @Test func anIncrementalBuildAfterEditingAMembersStoryEqualsACleanBuild() throws {
        let site = try Self.site("access: members\n", body: Self.body)
        defer { site.remove() }
        try site.write(F.article("B", date: "2025-07-02 10:00", body: "Other."), to: "Content/articles/b.md")
        try site.age()
        _ = try site.build()
        try site.write(F.article("A", date: "2025-07-01 10:00", "access: members\n", body: Self.body.replacingOccurrences(of: "Free second.", with: "Free second, edited.")), to: "Content/articles/a.md")
        try site.age()
        let report = try site.build()
        #expect(report.filesReused > 0, "an edited body is an incremental build")
        #expect(try site.tree() == site.cleanBuildTree())
        #expect(site.read("Public/feed.xml")?.contains("Free second, edited.") == true)
    }
}
