import Foundation

/// Every correction of the site's published articles and pages, newest
/// first: what the corrections page lists and its feed carries.
struct CorrectionsLog: Sendable {
    struct Entry: Sendable {
        var kind: ContentItem.Kind
        /// Index of the item in `site.articles` or `site.pages`.
        var index: Int
        /// 1 for the item's oldest correction (its anchor's number).
        var number: Int
        var correction: Correction
    }

    let entries: [Entry]

    init(site: Site) {
        var entries: [Entry] = []
        for (kind, items) in [(ContentItem.Kind.article, site.articles), (.page, site.pages)] {
            for (index, item) in items.enumerated() {
                for (offset, correction) in item.corrections.enumerated() {
                    entries.append(Entry(kind: kind, index: index, number: offset + 1, correction: correction))
                }
            }
        }
        // Newest first; corrections of one moment by the story's order.
        self.entries = entries.enumerated().sorted { left, right in
            left.element.correction.date != right.element.correction.date
                ? left.element.correction.date > right.element.correction.date : left.offset < right.offset
        }.map(\.element)
    }

    /// One correction as a template sees it: `date`, `text`, `number`,
    /// `anchor`, `url` and `permalink` (the story's, with the anchor), `page`.
    static func value(of entry: Entry, site: Site) -> Value {
        let item = entry.kind == .article ? site.articles[entry.index] : site.pages[entry.index]
        let anchor = Correction.anchor(entry.number)
        return [
            "date": .date(entry.correction.date),
            "text": .string(entry.correction.text),
            "number": .int(entry.number),
            "anchor": .string(anchor),
            "url": .string(item.url + "#" + anchor),
            "permalink": .string(item.permalink + "#" + anchor),
            "page": .object(PageObject(site: site, kind: entry.kind, index: entry.index)),
        ]
    }

    /// `page.corrections`: the item's corrections, oldest first, each as in `value(of:site:)`.
    static func values(of item: ContentItem) -> Value {
        .list(item.corrections.enumerated().map { offset, correction in
            let anchor = Correction.anchor(offset + 1)
            return [
                "date": .date(correction.date),
                "text": .string(correction.text),
                "number": .int(offset + 1),
                "anchor": .string(anchor),
                "url": .string(item.url + "#" + anchor),
                "permalink": .string(item.permalink + "#" + anchor),
            ]
        })
    }

    /// The feed entry of a correction: its own id (the story's slug and the
    /// correction's number, dated by the correction, so it never changes),
    /// linking the correction on the story's page.
    static func feedItem(of entry: Entry, site: Site) -> ContentItem {
        let story = entry.kind == .article ? site.articles[entry.index] : site.pages[entry.index]
        let anchor = Correction.anchor(entry.number)
        var item = ContentItem(kind: .article, sourcePath: story.sourcePath + "#" + anchor, title: "Correction: \(story.title)", slug: "\(story.slug)-\(anchor)")
        item.date = entry.correction.date
        item.authors = story.authors
        item.path = story.path + "#" + anchor
        item.url = story.url + "#" + anchor
        item.permalink = story.permalink + "#" + anchor
        let text = "<p>" + HTMLEscaping.escape(entry.correction.text) + "</p>"
        item.summaryHTML = text
        item.summaryText = entry.correction.text
        item.contentHTML = text + "<p>The corrected story: <a href=\"" + HTMLEscaping.escape(story.permalink) + "\">" + HTMLEscaping.escape(story.title) + "</a></p>"
        return item
    }
}
