import Foundation

/// Every raster image of a site, processed (or found in the cache) before
/// anything is rendered: what pages, feeds and templates ask about an image
/// (its renditions, their URLs and sizes) is answered here (DESIGN §11).
///
/// All raster images under `Content/static/` and `Templates/assets/` are
/// processed, so that the build's outputs do not depend on which ones content
/// happens to show. An image that cannot be processed is copied as it is;
/// it is an error, located at the content file and line, only where content
/// uses it.
public final class ImageCatalog: Sendable {
    /// One published rendition.
    struct File: Sendable {
        var width: Int
        var height: Int
        var format: ImageFormat
        var isCrop: Bool
        var size: Int
        /// Site path of the output, such as `/images/bridge.800.webp`.
        var sitePath: String
        /// Where the cache holds its bytes.
        var cached: String
    }

    /// One processed source.
    struct Image: Sendable {
        /// Relative to the site root: `Content/static/images/bridge.jpg`.
        var source: String
        /// Site path of the source: `/images/bridge.jpg`.
        var sitePath: String
        var format: ImageFormat
        /// Upright size of the source.
        var width: Int
        var height: Int
        /// Widths in each format, smallest first.
        var renditions: [File]
        var crops: [File]
        /// Its cache entry, and the start of its output names
        /// (`/images/bridge` or, with fingerprints, `/images/bridge.HASH`):
        /// what crops keeping an `image_focus` are made and named from.
        var cacheKey: String
        var namePrefix: String

        /// The renditions in `format`, smallest first.
        func renditions(in format: ImageFormat) -> [File] {
            renditions.filter { $0.format == format }
        }

        /// The widest rendition in the source's format, which is also
        /// published at the source's own path (so that no copy with its
        /// metadata is).
        var largest: File {
            renditions(in: format).last!
        }

        /// The rendition in `format` (the source's by default) closest to `width` without being narrower, else the widest.
        func rendition(width: Int?, format: ImageFormat?) -> File? {
            let candidates = renditions(in: format ?? self.format)
            guard let width else { return candidates.last }
            return candidates.first { $0.width >= width } ?? candidates.last
        }

        func crop(across: Int, down: Int) -> File? {
            Self.crop(across: across, down: down, among: crops)
        }

        static func crop(across: Int, down: Int, among crops: [File]) -> File? {
            crops.first { $0.width * down == $0.height * across } ?? crops.first { abs(Double($0.width) / Double($0.height) - Double(across) / Double(down)) < 0.01 }
        }
    }

    let images: [String: Image]
    /// Site path → why the image cannot be published processed.
    let problems: [String: String]
    let siteURL: SiteURL
    let settings: ImageSettings
    /// Crops that keep the `image_focus` of content, made once content is loaded.
    let focused: FocusCrops

    init(images: [String: Image], problems: [String: String], siteURL: SiteURL, settings: ImageSettings, cache: ImageCache? = nil, root: String = "") {
        self.focused = FocusCrops(cache: cache, root: root, settings: settings)
        self.images = images
        self.problems = problems
        self.siteURL = siteURL
        self.settings = settings
    }

    /// A catalog without images: every reference is left as written.
    public static let empty = ImageCatalog(images: [:], problems: [:], siteURL: SiteURL("https://example.invalid/")!, settings: ImageSettings())

    /// The site path a source file is published at, if it is a raster image Herald processes.
    static func sitePath(ofSource path: String) -> String? {
        guard ImageFormat(fileName: path) != nil else { return nil }
        if path.hasPrefix("Content/static/") { return "/" + path.dropFirst("Content/static/".count) }
        if path.hasPrefix("Templates/assets/") { return "/assets/" + path.dropFirst("Templates/assets/".count) }
        return nil
    }

    /// The site path a reference names: as content writes it (`/images/a.jpg`,
    /// or with the site's subpath once links are resolved), or as a theme
    /// does (`images/a.jpg`, `Content/static/images/a.jpg`, `assets/logo.png`).
    func sitePath(of reference: String) -> String {
        var path = Substring(reference)
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
        if path.hasPrefix("Content/static/") { return "/" + path.dropFirst("Content/static/".count) }
        if path.hasPrefix("Templates/assets/") { return "/assets/" + path.dropFirst("Templates/assets/".count) }
        if !path.hasPrefix("/") { return "/" + path }
        let base = siteURL.basePath
        if base != "/", path.hasPrefix(base) { return "/" + path.dropFirst(base.count) }
        return String(path)
    }

    /// The processed image a reference names, if any.
    func image(_ reference: String) -> Image? {
        images[sitePath(of: reference)]
    }

    /// Why the image a reference names cannot be published, if it cannot.
    func problem(_ reference: String) -> String? {
        problems[sitePath(of: reference)]
    }

    /// The URL pages link a rendition by (with the site's subpath).
    func url(_ file: File) -> String {
        siteURL.relative(file.sitePath)
    }

    /// `srcset` of an image's renditions in `format`.
    func srcset(_ image: Image, format: ImageFormat? = nil) -> String {
        image.renditions(in: format ?? image.format).map { "\(url($0)) \($0.width)w" }.joined(separator: ", ")
    }

    // MARK: Building

    /// Processes every raster image among `files` (as `BuildCache.inputFiles`
    /// lists them) on every core, through the cache under `root/.herald/`.
    static func build(
        root: URL, files: [BuildCache.SourceFile], settings: ImageSettings, siteURL: SiteURL, progress: BuildProgress? = nil
    ) -> ImageCatalog {
        let sources = files.compactMap { file in sitePath(ofSource: file.path).map { (file: file, sitePath: $0) } }
        guard !sources.isEmpty else { return ImageCatalog(images: [:], problems: [:], siteURL: siteURL, settings: settings) }
        let cache = ImageCache(root: root)
        let index = cache.loadIndex()
        let rootPath = root.path
        progress?.begin(.images, total: sources.count)
        let results = sources.parallelMap { source -> (known: ImageCache.Known?, key: String?, outcome: Result<Image, ImageProblem>) in
            defer { progress?.advance() }
            let path = source.file.path
            let claimed = ImageFormat(fileName: path)!
            var bytes: [UInt8]?
            let known: ImageCache.Known
            if let metadata = source.file.metadata, let previous = index[path], previous.metadata == metadata {
                known = previous
            } else {
                guard let read = try? FileSystem.readFile(rootPath + "/" + path), let metadata = source.file.metadata else {
                    return (nil, nil, .failure(ImageProblem(message: "cannot be read")))
                }
                bytes = read
                known = ImageCache.Known(metadata: metadata, bytesDigest: Checksum.of(read))
            }
            let key = ImageCache.key(bytesDigest: known.bytesDigest, settings: settings)
            var entry = cache.load(key)
            if entry == nil {
                if bytes == nil { bytes = try? FileSystem.readFile(rootPath + "/" + path) }
                guard let bytes, Checksum.of(bytes) == known.bytesDigest else {
                    return (nil, nil, .failure(ImageProblem(message: "changed while it was being read; build again")))
                }
                switch ImageProcessor.process(bytes, claimed: claimed, settings: settings) {
                case .failure(let problem): return (known, nil, .failure(problem))
                case .success(let processed):
                    entry = cache.store(processed, as: key)
                    guard entry != nil else { return (known, nil, .failure(ImageProblem(message: "cannot be cached under \(cache.folder)"))) }
                }
            }
            return (known, key, .success(image(entry!, key: key, source: path, sitePath: source.sitePath, cache: cache, settings: settings, digest: known.bytesDigest)))
        }
        var images: [String: Image] = [:]
        var problems: [String: String] = [:]
        var newIndex: [String: ImageCache.Known] = [:]
        var keys: Set<String> = []
        for (source, result) in zip(sources, results) {
            if let known = result.known { newIndex[source.file.path] = known }
            if let key = result.key { keys.insert(key) }
            switch result.outcome {
            case .success(let image): images[source.sitePath] = image
            case .failure(let problem): problems[source.sitePath] = problem.message
            }
        }
        if newIndex != index { cache.saveIndex(newIndex) }
        cache.prune(keeping: keys)
        return ImageCatalog(images: images, problems: problems, siteURL: siteURL, settings: settings, cache: cache, root: rootPath)
    }

    /// The catalog's view of a cache entry: output names beside the source,
    /// `NAME.WIDTH.EXT` (`NAME.HASH.WIDTH.EXT` with fingerprints), crops `NAME.1200x675.jpg`.
    private static func image(
        _ entry: ImageCache.Entry, key: String, source: String, sitePath: String, cache: ImageCache, settings: ImageSettings, digest: UInt64
    ) -> Image {
        let slash = sitePath.lastIndex(of: "/")!
        let name = sitePath[sitePath.index(after: slash)...]
        let stem = name.lastIndex(of: ".").map { String(sitePath[..<$0]) } ?? sitePath
        let prefix = settings.fingerprint ? stem + "." + String(ImageCache.hex(digest).prefix(8)) : stem
        var renditions: [File] = []
        var crops: [File] = []
        for rendition in entry.renditions {
            let size = rendition.isCrop ? "\(rendition.width)x\(rendition.height)" : "\(rendition.width)"
            let file = File(
                width: rendition.width, height: rendition.height, format: rendition.format, isCrop: rendition.isCrop, size: rendition.size,
                sitePath: "\(prefix).\(size).\(rendition.format.fileExtension)", cached: cache.path(of: key, file: rendition.file))
            if rendition.isCrop { crops.append(file) } else { renditions.append(file) }
        }
        return Image(
            source: source, sitePath: sitePath, format: entry.format, width: entry.width, height: entry.height, renditions: renditions, crops: crops,
            cacheKey: key, namePrefix: prefix)
    }

    // MARK: Output

    /// Whether the source at `path` (relative to the site root) is published processed rather than copied.
    func replaces(source path: String) -> Bool {
        Self.sitePath(ofSource: path).map { images[$0] != nil } ?? false
    }

    /// Every rendition, and the widest in the source's format at the source's own path.
    func plan(into plan: inout OutputPlan) {
        for image in images.values.sorted(by: { $0.sitePath < $1.sitePath }) {
            for file in image.renditions + image.crops {
                plan.add(PlannedOutput(path: String(file.sitePath.dropFirst()), origin: image.source, source: .file(URL(fileURLWithPath: file.cached)), kind: .other, dependencies: [image.source]))
            }
            plan.add(PlannedOutput(path: String(image.sitePath.dropFirst()), origin: image.source, source: .file(URL(fileURLWithPath: image.largest.cached)), kind: .other, dependencies: [image.source]))
        }
        for (image, crops) in focused.all() {
            for file in crops {
                plan.add(PlannedOutput(path: String(file.sitePath.dropFirst()), origin: image.source, source: .file(URL(fileURLWithPath: file.cached)), kind: .other, dependencies: [image.source]))
            }
        }
    }
}

extension ImageCatalog {
    /// What a feed links as a lead image's enclosure: its 1200-pixel JPEG
    /// (the widest rendition up to 1200 pixels of a JPEG source, else the
    /// 16:9 share crop), with its real type and length.
    func enclosure(_ sitePath: String) -> MediaInfo? {
        guard let image = images[self.sitePath(of: sitePath)] else { return nil }
        let jpegs = image.format == .jpeg ? image.renditions(in: .jpeg).filter { $0.width <= ImageProcessor.cropWidth } : []
        guard let file = jpegs.last ?? image.crop(across: 16, down: 9) else { return nil }
        return MediaInfo(type: file.format.mediaType, length: file.size, sitePath: file.sitePath)
    }
}
