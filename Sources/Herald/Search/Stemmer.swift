import CStemmer

/// One Snowball stemmer (libstemmer) for a language: the only owner of its
/// C object, deleted exactly once when the stemmer goes away.
///
/// A libstemmer object keeps its working buffer inside, so it is used by one
/// thread at a time: each indexing thread makes its own.
final class Stemmer {
    private let stemmer: OpaquePointer

    /// The stemmer for a BCP 47 language tag (`en`, `pt-BR`): libstemmer
    /// knows languages by their ISO 639 codes. `nil` when Snowball has no
    /// stemmer for it (words are then indexed as they are).
    init?(language: String) {
        let code = language.split(separator: "-").first.map { $0.lowercased() } ?? ""
        guard !code.isEmpty, let stemmer = sb_stemmer_new(code, "UTF_8") else { return nil }
        self.stemmer = stemmer
    }

    deinit {
        sb_stemmer_delete(stemmer)
    }

    /// Whether Snowball has a stemmer for `language`.
    static func exists(for language: String) -> Bool {
        Stemmer(language: language) != nil
    }

    /// The stem of a word already folded (see `SearchText`).
    func stem(_ word: String) -> String {
        var word = word
        return word.withUTF8 { bytes in
            guard let base = bytes.baseAddress,
                let stemmed = sb_stemmer_stem(stemmer, base, Int32(bytes.count))
            else { return String(decoding: bytes, as: UTF8.self) }
            let length = Int(sb_stemmer_length(stemmer))
            return String(decoding: UnsafeBufferPointer(start: stemmed, count: length), as: UTF8.self)
        }
    }
}
