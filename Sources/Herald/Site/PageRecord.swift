/// One published article or page, held by reference.
///
/// Template objects read an item's fields many times per rendered page;
/// through a reference each read loads one field, where reading the field of
/// an array element could copy (and retain every string of) the whole item.
final class PageRecord: Sendable {
    let item: ContentItem
    /// Position in `Site.articles` or `Site.pages`.
    let index: Int
    /// The lead image's members as templates read them, made once: an
    /// article's card, with its image, is shown on many pages, and resolving
    /// the link (or copying the image to read one field) each time showed in
    /// profiles.
    let image: Value
    let imagePermalink: Value
    let imageAlt: Value
    let imageCaption: Value
    let imageCredit: Value
    let imageFocus: Value

    /// For an article, for each taxonomy, the indices of its terms in the
    /// order its front matter names them, and its section: the first of its
    /// categories.
    /// Kept here, next to the item, because every card reads them and a
    /// read through the site's per-article lists missed the cache twice.
    let terms: [[Int]]
    let section: Int?

    init(item: ContentItem, index: Int, siteURL: SiteURL, terms: [[Int]], section: Int?) {
        self.item = item
        self.index = index
        self.terms = terms
        self.section = section
        let image = item.image
        self.image = image.map { .string(SiteLinks.served($0.src, site: siteURL)) } ?? Value.none
        imagePermalink = image.map { .string(SiteLinks.absolute($0.src, site: siteURL)) } ?? Value.none
        imageAlt = image?.alt.map(Value.string) ?? Value.none
        imageCaption = image?.caption.map(Value.string) ?? Value.none
        imageCredit = image?.credit.map(Value.string) ?? Value.none
        imageFocus = item.imageFocus?.value ?? Value.none
    }
}
