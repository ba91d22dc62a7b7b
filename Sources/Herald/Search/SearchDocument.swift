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
    var terms: Terms
    /// Words as written (folded) whose stem differs, with that stem: the
    /// search page looks a query word up here first. Sorted by word.
    var surfaces: Surfaces
    /// Filter keys (see `SearchIndex.filterKey`), sorted.
    var filters: [String]
    /// Display names of the filter keys, in the same order.
    var filterNames: [String]

    struct Surface: Sendable, Equatable {
        var word: String
        var stem: String
    }

    /// The terms of a document, packed (see `PackedWords`): each stem and
    /// its three counts.
    struct Terms: Sequence, Sendable, Equatable {
        private(set) var packed = PackedWords()

        init() {}

        /// Terms read from a cache; `nil` unless `packed` holds whole terms.
        init?(validating packed: PackedWords) {
            guard packed.forEachRecord({ Self.read(&$0) { _, _ in } }) else { return nil }
            self.packed = packed
        }

        mutating func append(stem: UnsafeBufferPointer<UInt8>, counts: Counts) {
            packed.append(stem)
            for field in Field.allCases { packed.append(counts[field]) }
        }

        /// Each stem's bytes (valid during the call) and counts, in order.
        func forEachStem(_ body: (UnsafeBufferPointer<UInt8>, Counts) -> Void) {
            packed.forEachRecord { Self.read(&$0, body) }
        }

        private static func read(_ reader: inout PackedWords.Reader, _ body: (UnsafeBufferPointer<UInt8>, Counts) -> Void) -> Bool {
            guard let stem = reader.text(), let title = reader.count(), let summary = reader.count(), let inBody = reader.count() else { return false }
            body(stem, Counts(title: title, summary: summary, body: inBody))
            return true
        }

        func makeIterator() -> [Term].Iterator {
            var terms: [Term] = []
            forEachStem { stem, counts in terms.append(Term(stem: String(decoding: stem, as: UTF8.self), counts: counts)) }
            return terms.makeIterator()
        }
    }

    /// The surface words of a document, packed (see `PackedWords`): each
    /// word and its stem.
    struct Surfaces: Sequence, Sendable, Equatable {
        private(set) var packed = PackedWords()

        init() {}

        /// Surfaces read from a cache; `nil` unless `packed` holds whole pairs.
        init?(validating packed: PackedWords) {
            guard packed.forEachRecord({ Self.read(&$0) { _, _ in } }) else { return nil }
            self.packed = packed
        }

        mutating func append(word: UnsafeBufferPointer<UInt8>, stem: UnsafeBufferPointer<UInt8>) {
            packed.append(word)
            packed.append(stem)
        }

        /// Each word's and its stem's bytes (valid during the call), in order.
        func forEachWord(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) {
            packed.forEachRecord { Self.read(&$0, body) }
        }

        private static func read(_ reader: inout PackedWords.Reader, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
            guard let word = reader.text(), let stem = reader.text() else { return false }
            body(word, stem)
            return true
        }

        func makeIterator() -> [Surface].Iterator {
            var surfaces: [Surface] = []
            forEachWord { word, stem in
                surfaces.append(Surface(word: String(decoding: word, as: UTF8.self), stem: String(decoding: stem, as: UTF8.self)))
            }
            return surfaces.makeIterator()
        }
    }
}
