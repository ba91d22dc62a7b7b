/// `page` in the layout of a template page: the page itself, with the
/// `content`, `word_count` and `reading_time` of its rendered body (which
/// other outputs do not show: there the page's `content` is empty).
struct TemplatePageObject: TemplateObject {
    let page: PageObject
    let content: String
    let wordCount: Int

    var memberNames: [String] { page.memberNames }
    var text: String? { page.text }

    func member(_ name: String) -> Value? {
        member(MemberName(name))
    }

    func member(_ name: MemberName) -> Value? {
        switch name.symbol {
        case .content: return .html(content)
        case .wordCount: return .int(wordCount)
        case .readingTime: return .int(ContentItem.readingTime(words: wordCount))
        default: return page.member(name)
        }
    }
}
