import Foundation

/// The share crops that keep an `image_focus`, per image and focus.
///
/// Content chooses the focus, and content is loaded after the images are
/// catalogued, so these are made afterwards (`ImageCatalog.prepareFocusCrops`),
/// before anything is rendered. Each image and focus has its own cache entry
/// beside the image's and its own output names
/// (`bridge.focus-2500-7500.1200x675.jpg`): two articles that lead with one
/// photograph at different foci each link crops of their own, and an
/// unchanged focus reuses its entry. Safe to read from many threads at once.
final class FocusCrops: @unchecked Sendable {
    struct Key: Hashable, Sendable {
        var sitePath: String
        var focus: ImageFocus
    }

    // Safety: `made` is only read or written while holding `lock`.
    private let lock = NSLock()
    private var made: [Key: (image: ImageCatalog.Image, crops: [ImageCatalog.File])] = [:]
    private let cache: ImageCache?
    private let root: String
    private let settings: ImageSettings

    init(cache: ImageCache?, root: String, settings: ImageSettings) {
        self.cache = cache
        self.root = root
        self.settings = settings
    }

    /// The crops of `image` keeping `focus`, if content asked for them.
    func crops(of image: ImageCatalog.Image, keeping focus: ImageFocus) -> [ImageCatalog.File]? {
        lock.lock()
        defer { lock.unlock() }
        return made[Key(sitePath: image.sitePath, focus: focus)]?.crops
    }

    /// Every image's crops, in a stable order (for the output plan).
    func all() -> [(image: ImageCatalog.Image, crops: [ImageCatalog.File])] {
        lock.lock()
        defer { lock.unlock() }
        return made.sorted { ($0.key.sitePath, $0.key.focus.x, $0.key.focus.y) < ($1.key.sitePath, $1.key.focus.x, $1.key.focus.y) }.map(\.value)
    }

    /// Makes (or finds in the cache) the crops of each image at each focus
    /// in `wanted`, which replaces what was made before; cache entries of
    /// foci no longer wanted are removed.
    func make(_ wanted: [Key: ImageCatalog.Image]) {
        guard let cache else { return }
        let settings = self.settings, root = self.root
        let pairs = wanted.sorted { $0.key.sitePath < $1.key.sitePath }
        let results = pairs.parallelMap { pair -> [ImageCatalog.File]? in
            let (key, image) = (pair.key, pair.value)
            let entryKey = ImageCache.key(image.cacheKey, keeping: key.focus)
            var entry = cache.load(entryKey)
            if entry == nil {
                guard let bytes = try? FileSystem.readFile(root + "/" + image.source),
                    case .success(let processed) = ImageProcessor.process(bytes, claimed: image.format, settings: settings, output: .crops(keeping: key.focus))
                else { return nil }
                entry = cache.store(processed, as: entryKey)
            }
            return entry.map { entry in
                entry.renditions.filter(\.isCrop).map { rendition in
                    ImageCatalog.File(
                        width: rendition.width, height: rendition.height, format: rendition.format, isCrop: true, size: rendition.size,
                        sitePath: "\(image.namePrefix).\(key.focus.label).\(rendition.width)x\(rendition.height).\(rendition.format.fileExtension)",
                        cached: cache.path(of: entryKey, file: rendition.file))
                }
            }
        }
        var made: [Key: (image: ImageCatalog.Image, crops: [ImageCatalog.File])] = [:]
        for (pair, crops) in zip(pairs, results) {
            // A source that cannot be cropped again (it changed while the
            // build ran) keeps its attention crops.
            if let crops { made[pair.key] = (pair.value, crops) }
        }
        cache.pruneFocused(keeping: Set(made.map { ImageCache.key($0.value.image.cacheKey, keeping: $0.key.focus) }))
        lock.lock()
        self.made = made
        lock.unlock()
    }
}

extension ImageCatalog {
    /// Makes the share crops that keep each item's `image_focus`.
    func prepareFocusCrops(for items: [ContentItem]) {
        var wanted: [FocusCrops.Key: Image] = [:]
        for item in items {
            guard let lead = item.image, let focus = item.imageFocus, let image = image(SiteLinks.served(lead.src, site: siteURL)) else { continue }
            wanted[FocusCrops.Key(sitePath: image.sitePath, focus: focus)] = image
        }
        focused.make(wanted)
    }

    /// The `across`:`down` share crop of `image`: keeping `focus` when given
    /// (and content asked for it), else the attention crop.
    func crop(of image: Image, across: Int, down: Int, keeping focus: ImageFocus?) -> File? {
        if let focus, let crops = focused.crops(of: image, keeping: focus) {
            return Image.crop(across: across, down: down, among: crops)
        }
        return image.crop(across: across, down: down)
    }
}
