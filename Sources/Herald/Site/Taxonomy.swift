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
    /// For each article, the indices of its terms in the order its front
    /// matter names them (for the built-in taxonomies: see `Site`).
    var articleTerms: [[Int]] = []
    /// Articles per term page (`taxonomies.NAME.paginate`, else `paginate`).
    var perPage = 10
    /// Whether each term has feeds: asked for, and there are term pages for
    /// them to link to (a feed's `alternate` must exist).
    var hasFeeds = false

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
    /// would share a URL; the newest article's spelling names it. Articles
    /// that are not listed (`list: false`) are filed under no term, but see
    /// the terms the listed ones have.
    static func build(
        settings: TaxonomySettings, articles: [ContentItem], isListed: (Int) -> Bool = { _ in true }, termsOf: (Int) -> [String],
        profiles: [String: AuthorProfile] = [:], markdown: MarkdownRenderer
    ) -> Taxonomy {
        var terms: [Term] = []
        var index: [String: Int] = [:]
        let name = settings.name, basePath = settings.path
        // Each spelling's term, worked out once (-1: no slug, no term).
        var termOfName: [String: Int] = [:]
        var articleTerms = Array(repeating: [Int](), count: articles.count)
        let listed = articles.indices.filter(isListed)
        let unlisted = listed.count == articles.count ? [] : articles.indices.filter { !isListed($0) }
        // The listed articles make the terms; the others only look them up.
        for articleIndex in listed + unlisted {
            let files = unlisted.isEmpty || isListed(articleIndex)
            var own: [Int] = []
            for termName in termsOf(articleIndex) {
                let termIndex: Int
                if let known = termOfName[termName] {
                    termIndex = known
                } else {
                    let slug = Slug.make(termName)
                    if slug.isEmpty {
                        termIndex = -1
                    } else if let existing = index[slug] {
                        termIndex = existing
                    } else if !files {
                        termIndex = -1
                    } else {
                        termIndex = terms.count
                        index[slug] = termIndex
                        let profile = profiles[slug]
                        terms.append(Term(
                            name: termName, slug: slug, path: basePath + slug + "/", articles: [], profile: profile,
                            bioHTML: profile.map { markdown.html($0.bioMarkdown) }))
                    }
                    termOfName[termName] = termIndex
                }
                guard termIndex >= 0, !own.contains(termIndex) else { continue }
                own.append(termIndex)
                if files { terms[termIndex].articles.append(articleIndex) }
            }
            articleTerms[articleIndex] = own
        }
        let order = terms.indices.sorted {
            let left = terms[$0].name.lowercased(), right = terms[$1].name.lowercased()
            return left != right ? left < right : terms[$0].slug < terms[$1].slug
        }
        let sorted = order.map { terms[$0] }
        var sortedIndex: [String: Int] = [:]
        var position = Array(repeating: 0, count: terms.count)
        for (newIndex, oldIndex) in order.enumerated() {
            sortedIndex[terms[oldIndex].slug] = newIndex
            position[oldIndex] = newIndex
        }
        return Taxonomy(
            name: name, path: basePath, terms: sorted, termIndex: sortedIndex,
            articleTerms: articleTerms.map { $0.map { position[$0] } })
    }
}
