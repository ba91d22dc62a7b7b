/// `site.data`: one member per data file (see `SiteData`), each recorded as
/// a source of the output that reads it, so that an edit of the file
/// renders again exactly the outputs that show it.
struct DataObject: TemplateObject {
    private let files: [String: SiteData.File]

    init(_ data: SiteData) {
        files = Dictionary(data.files.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    var memberNames: [String] { files.keys.sorted() }

    func member(_ name: String) -> Value? {
        guard let file = files[name] else { return nil }
        RenderDependencies.current?.record(file.path)
        return file.value
    }

    func member(_ name: MemberName) -> Value? {
        member(name.text)
    }
}
