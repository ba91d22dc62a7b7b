/// One taxonomy of the site (`tags`, `categories`, `authors`, …) and its terms.
struct Taxonomy: Sendable {
    /// As named in `site.yml`.
    var name: String
    /// Site path of its index page: `/tags/`.
    var path: String
    /// Sorted by name, case-insensitively.
    var terms: [Term]
    /// Term index by slug.
    var termIndex: [String: Int]

    var title: String {
        name.prefix(1).uppercased() + name.dropFirst()
    }
}

/// One tag, category or author, with the articles filed under it.
struct Term: Sendable {
    /// The display name: the first spelling met among the newest articles.
    var name: String
    var slug: String
    /// Site path: `/tags/economy/`.
    var path: String
    /// Served path and absolute URL of `path`, set by `Site`.
    var url = ""
    var permalink = ""
    /// Indices into `Site.articles`, newest first.
    var articles: [Int]
    /// For authors: what `Content/authors/SLUG.md` says.
    var profile: AuthorProfile?
    var bioHTML: String?
}

extension Taxonomy {
    /// Groups articles by the terms `termsOf` gives each of them. Terms that
    /// slugify alike ("New York", "new-york") are merged into one, since they
    /// would share a URL; the newest article's spelling names it.
    static func build(
        name: String, articles: [ContentItem], termsOf: (Int) -> [String],
        profiles: [String: AuthorProfile] = [:], markdown: MarkdownRenderer
    ) -> Taxonomy {
        var terms: [Term] = []
        var index: [String: Int] = [:]
        let basePath = "/\(Slug.make(name).isEmpty ? name : Slug.make(name))/"
        var slugs = Slug.Memo()
        for articleIndex in articles.indices {
            var seen = Set<Int>()
            for termName in termsOf(articleIndex) {
                let slug = slugs.slug(termName)
                guard !slug.isEmpty else { continue }
                let termIndex: Int
                if let existing = index[slug] {
                    termIndex = existing
                } else {
                    termIndex = terms.count
                    index[slug] = termIndex
                    let profile = profiles[slug]
                    terms.append(Term(
                        name: termName, slug: slug, path: basePath + slug + "/", articles: [], profile: profile,
                        bioHTML: profile.map { markdown.html($0.bioMarkdown) }))
                }
                if seen.insert(termIndex).inserted {
                    terms[termIndex].articles.append(articleIndex)
                }
            }
        }
        let order = terms.indices.sorted {
            let left = terms[$0].name.lowercased(), right = terms[$1].name.lowercased()
            return left != right ? left < right : terms[$0].slug < terms[$1].slug
        }
        let sorted = order.map { terms[$0] }
        var sortedIndex: [String: Int] = [:]
        for (position, term) in sorted.enumerated() { sortedIndex[term.slug] = position }
        return Taxonomy(name: name, path: basePath, terms: sorted, termIndex: sortedIndex)
    }
}
