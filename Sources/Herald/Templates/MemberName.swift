/// A member name as a template writes it (`page.title`), with the symbol it
/// stands for, found once when the template is compiled.
///
/// Objects answer lookups by switching on the symbol, an integer, instead of
/// comparing the name with each name they know: member lookups are the most
/// frequent operation of rendering.
public struct MemberName: Sendable {
    public let text: String
    let symbol: MemberSymbol

    public init(_ text: String) {
        self.text = text
        self.symbol = MemberSymbol(rawValue: text) ?? .other
    }
}

/// Every member name that Herald's own objects (pages, terms, `loop`) answer.
enum MemberSymbol: String, Sendable {
    // Pages.
    case kind, title, slug, url, permalink, canonical, content, summary, standfirst, description, date, updated
    case authors, tags, categories, section, image, source, params, prev, next, related, corrections, access
    case imagePermalink = "image_permalink", imageAlt = "image_alt", imageCaption = "image_caption"
    case imageCredit = "image_credit", imageFocus = "image_focus", wordCount = "word_count", readingTime = "reading_time", toc
    case live, liveOpen = "live_open", liveUntil = "live_until", liveUpdates = "live_updates", modified
    // Terms (besides slug, url, permalink).
    case name, count, articles, taxonomy, feeds, bio, role, photo, email, uri
    // `loop`.
    case index, index0, first, last, length, revindex, revindex0
    /// Any other name: objects of Herald answer none.
    case other = ""
}

extension TemplateObject {
    /// By default a lookup by symbol is a lookup by name.
    public func member(_ name: MemberName) -> Value? {
        member(name.text)
    }
}
