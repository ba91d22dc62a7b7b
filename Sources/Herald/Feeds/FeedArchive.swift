/// RFC 5005 §4 archived feeds (`feeds.archive`): the site's articles, oldest
/// first, in archive documents of `size` entries at `/feed/archive/N.xml`.
///
/// Only complete documents are written, so the entries of a document never
/// change. A document links the subscription feed (`current`), its
/// predecessor (`prev-archive`) and, once there is one, its successor
/// (`next-archive`, which RFC 5005 asks of every document but the newest):
/// so a document's bytes change once, when the next document is complete,
/// and never after (unless an article in it is edited). The subscription
/// feed's `prev-archive` is the newest document. Its
/// `limit` newest entries are at least the articles not yet archived, since
/// `size` is that limit: every article is in one archive document or, until
/// its document is complete, in the subscription feed.
public struct FeedArchive: Sendable {
    /// Entries per archive document: `feeds.limit` (20 when it is 0).
    public let size: Int
    /// How many complete documents `articleCount` articles fill.
    public let documents: Int

    public init(limit: Int, articleCount: Int) {
        size = limit > 0 ? limit : 20
        documents = articleCount / size
    }

    /// Site path of document `number` (1 = the oldest articles).
    public static func path(_ number: Int) -> String {
        "/feed/archive/\(number).xml"
    }

    /// The article indices (into the newest-first list of `count`) of
    /// document `number`, newest first.
    public func articles(of number: Int, count: Int) -> [Int] {
        // Oldest first, position p is article count - 1 - p.
        let oldest = (number - 1) * size
        return (oldest..<(oldest + size)).reversed().map { count - 1 - $0 }
    }
}

/// The RFC 5005 links of one Atom document.
struct ArchiveLinks: Sendable {
    /// `fh:archive`: this is an archive document.
    var isArchive: Bool
    /// Site path of the subscription feed (`current`), in archive documents.
    var current: String?
    /// Site path of the previous (older) archive document.
    var previous: String?
    /// Site path of the next (newer) archive document, when it exists.
    var next: String? = nil
}
