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
        var counts: Counts
    }

    /// A number for each field, in the order of `Field`. Three numbers in
    /// place, not an array: an index holds one for every distinct word of
    /// every article.
    struct Counts: Sendable, Equatable, ExpressibleByArrayLiteral {
        var title: Int32, summary: Int32, body: Int32

        static let zero = Counts(title: 0, summary: 0, body: 0)

        init(title: Int32, summary: Int32, body: Int32) {
            self.title = title
            self.summary = summary
            self.body = body
        }

        init(arrayLiteral counts: Int...) {
            precondition(counts.count == Field.allCases.count, "one count per field")
            self.init(title: Int32(counts[0]), summary: Int32(counts[1]), body: Int32(counts[2]))
        }

        subscript(field: Field) -> Int {
            get {
                switch field {
                case .title: return Int(title)
                case .summary: return Int(summary)
                case .body: return Int(body)
                }
            }
            set {
                switch field {
                case .title: title = Int32(newValue)
                case .summary: summary = Int32(newValue)
                case .body: body = Int32(newValue)
                }
            }
        }
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
    var lengths: Counts
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
