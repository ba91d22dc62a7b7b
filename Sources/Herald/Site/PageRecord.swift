/// One published article or page, held by reference.
///
/// Template objects read an item's fields many times per rendered page;
/// through a reference each read loads one field, where reading the field of
/// an array element could copy (and retain every string of) the whole item.
final class PageRecord: Sendable {
    let item: ContentItem
    /// Position in `Site.articles` or `Site.pages`.
    let index: Int

    init(item: ContentItem, index: Int) {
        self.item = item
        self.index = index
    }
}
