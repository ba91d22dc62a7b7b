/// One term of a taxonomy, held by reference for the same reason as
/// `PageRecord`: a term carries its whole list of articles.
final class TermRecord: Sendable {
    let term: Term
    /// Position of its taxonomy in `Site.taxonomies`, and of the term in it.
    let taxonomy: Int
    let index: Int
    /// `term.feeds`, made once: a term page asks for it several times.
    let feeds: Value

    init(term: Term, taxonomy: Int, index: Int, hasFeeds: Bool, config: SiteConfig) {
        self.term = term
        self.taxonomy = taxonomy
        self.index = index
        feeds = hasFeeds
            ? SiteValues.feedLinks(directory: term.path, title: "\(config.title): \(term.name)", config: config) : .list([])
    }
}
