import Foundation

/// What the search index keeps of one article: its result row and its
/// words, counted per field. Independent of every other article, so that a
/// rebuild analyses only the articles that changed (see `SearchCache`).
struct SearchDocument: Sendable, Equatable {
    /// The fields a word is counted in, from the most weighted.
    enum Field: Int, CaseIterable {
        /// The headline.
        case title
        /// The standfirst, bylines, tags and categories.
        case summary
        /// The body's plain text.
        case body
    }

    /// A stem and how often it occurs in each field.
    struct Term: Sendable, Equatable {
        var stem: String
        var counts: [Int]
    }

    /// What the search page shows for the article.
    struct Result: Sendable, Equatable {
        var url: String
        var title: String
        /// RFC 3339 date-time.
        var date: String
        var section: String
        var summary: String
        /// Lead image, as a served path or absolute URL; empty without one.
        var image: String
    }

    var sourcePath: String
    /// Checksum of everything analysed: the same key means the same document.
    var key: UInt64
    var result: Result
    /// Words in each field.
    var lengths: [Int]
    /// Sorted by stem.
    var terms: [Term]
    /// Words as written (folded) whose stem differs, with that stem: the
    /// search page looks a query word up here first. Sorted by word.
    var surfaces: [Surface]
    /// Filter keys (see `SearchIndex.filterKey`), sorted.
    var filters: [String]
    /// Display names of the filter keys, in the same order.
    var filterNames: [String]

    struct Surface: Sendable, Equatable {
        var word: String
        var stem: String
    }
}
