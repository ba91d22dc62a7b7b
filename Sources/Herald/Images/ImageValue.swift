/// What the `image(width, format)` filter gives a template: one rendition,
/// printing as its URL, with `url`, `width`, `height`, `type` and `length`
/// (bytes) as members. A reference Herald did not process gives its URL
/// alone.
struct ImageValue: TemplateObject {
    let url: String
    let file: ImageCatalog.File?

    func member(_ name: String) -> Value? {
        switch name {
        case "url": return .string(url)
        case "width": return file.map { .int($0.width) } ?? Value.none
        case "height": return file.map { .int($0.height) } ?? Value.none
        case "type": return file.map { .string($0.format.mediaType) } ?? Value.none
        case "length": return file.map { .int($0.size) } ?? Value.none
        default: return nil
        }
    }

    func member(_ name: MemberName) -> Value? {
        member(name.text)
    }

    var memberNames: [String] { ["url", "width", "height", "type", "length"] }

    var text: String? { url }
}

extension ImageCatalog {
    /// The `image(width, format)` filter: `format` is `avif`, `webp`, `jpeg`,
    /// `png` (default: the source's), or a share crop's shape `16:9`, `4:3`, `1:1`.
    /// A crop keeps `focus` (the page's `image_focus`) when given.
    func filterValue(_ reference: String, width: Int?, format: String?, focus: ImageFocus? = nil) -> Result<Value, ImageProblem> {
        guard let image = image(reference) else {
            if let problem = problem(reference) { return .failure(ImageProblem(message: "'\(reference)' \(problem)")) }
            return .success(.object(ImageValue(url: reference, file: nil)))
        }
        if let format, format.contains(":") {
            let sides = format.split(separator: ":").compactMap { Int($0) }
            guard sides.count == 2, sides[0] > 0, sides[1] > 0, let crop = crop(of: image, across: sides[0], down: sides[1], keeping: focus) else {
                return .failure(ImageProblem(message: "there is no '\(format)' crop: use 16:9, 4:3 or 1:1"))
            }
            return .success(.object(ImageValue(url: url(crop), file: crop)))
        }
        var chosen: ImageFormat?
        if let format {
            guard let known = ImageFormat(rawValue: format.lowercased() == "jpg" ? "jpeg" : format.lowercased()) else {
                return .failure(ImageProblem(message: "unknown image format '\(format)': use avif, webp, jpeg, png or a crop such as 16:9"))
            }
            guard !image.renditions(in: known).isEmpty else {
                return .failure(ImageProblem(message: "'\(reference)' is not made in \(known.displayName): add it to images.formats"))
            }
            chosen = known
        }
        guard let file = image.rendition(width: width, format: chosen) else { return .success(.object(ImageValue(url: reference, file: nil))) }
        return .success(.object(ImageValue(url: url(file), file: file)))
    }
}
