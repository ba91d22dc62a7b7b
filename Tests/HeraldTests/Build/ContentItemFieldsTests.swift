import Foundation
import Testing
@testable import Herald

/// The field table is the one place a `ContentItem` field is declared: what
/// the build state keeps, what the metadata digest covers, and what is
/// stripped as body all follow from it.
@Suite struct ContentItemFieldsTests {
    /// An item with every field set to something other than its default.
    static func fullItem() -> ContentItem {
        var item = ContentItem(kind: .page, sourcePath: "Content/pages/a.md", title: "A title", slug: "a-slug")
        item.date = Date(timeIntervalSince1970: 1_750_000_000)
        item.updated = Date(timeIntervalSince1970: 1_750_100_000)
        item.expires = Date(timeIntervalSince1970: 1_850_000_000)
        item.draft = true
        item.authors = [Person(name: "Ada", email: "ada@example.org", uri: "/authors/ada/"), Person(name: "Bo")]
        item.tags = ["flood", "river"]
        item.categories = ["Weather"]
        item.summaryHTML = "<p>Sum</p>"
        item.standfirstHTML = "<p>Sum</p>"
        item.summaryText = "Sum"
        item.contentHTML = "<p>Body</p>"
        item.image = LeadImage(src: "/i.jpg", alt: "Alt", caption: "Cap", credit: "Cred")
        item.layout = "wide"
        item.canonical = "https://example.org/a/"
        item.corrections = [Correction(date: Date(timeIntervalSince1970: 1_750_200_000), text: "Fixed a name.")]
        item.aliases = ["/old/a/"]
        item.access = .members
        item.freeContentHTML = "<p>Free</p>"
        item.live = true
        item.liveUntil = Date(timeIntervalSince1970: 1_750_300_000)
        item.liveUpdates = [LiveUpdate(date: Date(timeIntervalSince1970: 1_750_050_000), headline: "H", text: "T", html: "<p>T</p>")]
        item.liveUpdateDates = [Date(timeIntervalSince1970: 1_750_050_000)]
        item.params = ["subtitle": .string("Sub"), "n": .int(3), "list": .list([.bool(true), .date(Date(timeIntervalSince1970: 5))])]
        item.wordCount = 42
        item.toc = [TOCEntry(level: 2, id: "one", text: "One")]
        item.path = "/a/"
        item.url = "/news/a/"
        item.permalink = "https://example.org/news/a/"
        return item
    }

    static func bytes(_ item: ContentItem) -> [UInt8] {
        var writer = BinaryWriter(capacity: 256)
        ContentItemFields.write(item, to: &writer)
        return writer.bytes
    }

    @Test func everyStoredPropertyIsDeclaredOnce() {
        let properties = Mirror(reflecting: Self.fullItem().fields).children.compactMap(\.label).map { ContentItem.storageNames[$0] ?? $0 }
        let declared = ContentItemFields.all.map(\.name)
        #expect(Set(declared).count == declared.count, "a field is declared twice")
        let missing = properties.filter { !declared.contains($0) }
        #expect(missing.isEmpty, "ContentItem fields missing from ContentItemFields.all: \(missing)")
        let unknown = declared.filter { !properties.contains($0) }
        #expect(unknown.isEmpty, "declared fields ContentItem does not have: \(unknown)")
    }

    @Test func anItemRoundTripsThroughTheState() throws {
        let item = Self.fullItem()
        let written = Self.bytes(item)
        var reader = BinaryReader(written, range: 0..<written.count)
        let read = try ContentItemFields.read(&reader)
        #expect(reader.isAtEnd)
        #expect(Self.bytes(read) == written)
        #expect(read.title == item.title && read.params["n"] != nil && read.toc == item.toc && read.corrections == item.corrections)
    }

    @Test func strippingEmptiesBodyFieldsAndKeepsMetadata() {
        var item = Self.fullItem()
        let stripped = ContentItemFields.withoutBody(item)
        #expect(stripped.contentHTML.isEmpty && stripped.freeContentHTML == nil && stripped.wordCount == 0 && stripped.toc.isEmpty)
        // A standfirst from front matter is metadata: kept.
        #expect(stripped.summaryHTML == "<p>Sum</p>" && stripped.summaryText == "Sum")
        #expect(ContentItemFields.metadataDigest(of: stripped) == ContentItemFields.metadataDigest(of: item))
        item.standfirstHTML = nil
        let fromBody = ContentItemFields.withoutBody(item)
        #expect(fromBody.summaryHTML.isEmpty && fromBody.summaryText.isEmpty)
    }

    /// Changing a metadata field changes the digest; changing a body field
    /// does not (the dependency table covers bodies).
    @Test func theDigestCoversMetadataFieldsOnly() {
        let item = Self.fullItem()
        let base = ContentItemFields.metadataDigest(of: item)
        var changes: [(String, (inout ContentItem) -> Void)] = [
            ("title", { $0.title += "!" }), ("date", { $0.date = nil }), ("tags", { $0.tags.append("x") }),
            ("image", { $0.image?.alt = "Other" }), ("access", { $0.access = .free }), ("params", { $0.params["n"] = .int(4) }),
            ("corrections", { $0.corrections = [] }), ("aliases", { $0.aliases = [] }), ("path", { $0.path = "/b/" }),
            ("draft", { $0.draft = false }), ("authors", { $0.authors[0].uri = nil }),
            ("live", { $0.live = false }), ("liveUntil", { $0.liveUntil = nil }),
        ]
        for (name, change) in changes {
            var changed = item
            change(&changed)
            #expect(ContentItemFields.metadataDigest(of: changed) != base, "\(name)")
        }
        changes = [
            ("contentHTML", { $0.contentHTML = "x" }), ("wordCount", { $0.wordCount = 1 }), ("toc", { $0.toc = [] }),
            ("liveUpdates", { $0.liveUpdates[0].text = "Other" }),
            // Tracked: outputs showing it record the item, as for the body.
            ("liveUpdateDates", { $0.liveUpdateDates = [] }),
        ]
        for (name, change) in changes {
            var changed = item
            change(&changed)
            #expect(ContentItemFields.metadataDigest(of: changed) == base, "\(name)")
        }
    }
}
