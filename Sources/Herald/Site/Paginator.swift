/// Splits a list into pages of `perPage` items for `index.html`,
/// `term.html` and the listings of `lists:` (`/`, `/page/2/`, …).
struct Paginator: Sendable {
    let basePath: String
    let totalItems: Int
    let perPage: Int
    /// Where pages after the first are (`pagination.path`).
    var pagination = PaginationSettings()

    var totalPages: Int {
        max(1, (totalItems + perPage - 1) / perPage)
    }

    /// Site path of page `number` (1-based): the base for page 1.
    func path(of number: Int) -> String {
        number == 1 ? basePath : pagination.path(of: number, under: basePath)
    }

    func range(of number: Int) -> Range<Int> {
        let start = (number - 1) * perPage
        return start..<min(start + perPage, totalItems)
    }

    /// The `paginator` variable of page `number`.
    func value(page number: Int, items: [Value], siteURL: SiteURL) -> Value {
        func link(_ number: Int) -> Value { .string(siteURL.relative(path(of: number))) }
        return [
            "items": .list(items),
            "number": .int(number),
            "total_pages": .int(totalPages),
            "total_items": .int(totalItems),
            "per_page": .int(perPage),
            "prev_url": number > 1 ? link(number - 1) : .none,
            "next_url": number < totalPages ? link(number + 1) : .none,
            "first_url": link(1),
            "last_url": link(totalPages),
        ]
    }
}
