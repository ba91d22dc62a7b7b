import Foundation

/// Processed images kept under `.herald/images/` in the site root, so that a
/// build processes only new or changed images (DESIGN §11).
///
/// Each entry is a folder named by a digest of the source's bytes and the
/// settings, holding one file per rendition and a `manifest` describing
/// them. An `index` remembers, per source path, the size, time and inode
/// the bytes had when their digest was taken, so that an unchanged image is
/// not even read again. Entries no image of the build names are removed.
struct ImageCache: Sendable {
    static let manifestFormat = "herald-image 1"
    let folder: String

    init(root: URL) {
        folder = root.path + "/.herald/images"
    }

    /// What the index knows of one source.
    struct Known: Sendable, Equatable {
        var metadata: FileMetadata
        var bytesDigest: UInt64
    }

    /// One rendition as cached: its shape, format and the file holding it.
    struct Entry: Sendable, Equatable {
        var format: ImageFormat
        var width: Int
        var height: Int
        var renditions: [CachedRendition]
    }

    struct CachedRendition: Sendable, Equatable {
        var width: Int
        var height: Int
        var format: ImageFormat
        var isCrop: Bool
        var size: Int
        /// File name inside the entry's folder.
        var file: String
    }

    static func key(bytesDigest: UInt64, settings: ImageSettings) -> String {
        var digest = Digest()
        digest.add(Int(Int64(bitPattern: bytesDigest)))
        digest.add(Int(Int64(bitPattern: settings.digest)))
        return hex(bytesDigest) + hex(digest.value)
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    func path(of key: String, file: String) -> String {
        folder + "/" + key + "/" + file
    }

    // MARK: Index

    func loadIndex() -> [String: Known] {
        guard let data = FileManager.default.contents(atPath: folder + "/index"), let text = String(data: data, encoding: .utf8) else { return [:] }
        var known: [String: Known] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 6, let size = Int(fields[1]), let seconds = Int(fields[2]), let nanoseconds = Int(fields[3]),
                let inode = Int(fields[4]), let digest = UInt64(fields[5], radix: 16)
            else { continue }
            known[String(fields[0])] = Known(metadata: FileMetadata(size: size, seconds: seconds, nanoseconds: nanoseconds, inode: inode), bytesDigest: digest)
        }
        return known
    }

    func saveIndex(_ known: [String: Known]) {
        var text = ""
        for (path, entry) in known.sorted(by: { $0.key < $1.key }) where !path.contains("\t") && !path.contains("\n") {
            let metadata = entry.metadata
            text += "\(path)\t\(metadata.size)\t\(metadata.seconds)\t\(metadata.nanoseconds)\t\(metadata.inode)\t\(String(entry.bytesDigest, radix: 16))\n"
        }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? FileSystem.writeFile(Array(text.utf8), to: folder + "/index")
    }

    // MARK: Entries

    func load(_ key: String) -> Entry? {
        guard let data = FileManager.default.contents(atPath: path(of: key, file: "manifest")), let text = String(data: data, encoding: .utf8) else { return nil }
        var lines = text.split(separator: "\n").makeIterator()
        guard lines.next() == Substring(Self.manifestFormat), let head = lines.next()?.split(separator: " "), head.count == 3,
            let format = ImageFormat(rawValue: String(head[0])), let width = Int(head[1]), let height = Int(head[2])
        else { return nil }
        var entry = Entry(format: format, width: width, height: height, renditions: [])
        while let line = lines.next() {
            let fields = line.split(separator: " ")
            guard fields.count == 6, let width = Int(fields[1]), let height = Int(fields[2]), let format = ImageFormat(rawValue: String(fields[3])),
                let size = Int(fields[4])
            else { return nil }
            let file = String(fields[5])
            // A damaged or half-removed entry is made again.
            guard FileMetadata(path: path(of: key, file: file))?.size == size else { return nil }
            entry.renditions.append(CachedRendition(width: width, height: height, format: format, isCrop: fields[0] == "c", size: size, file: file))
        }
        return entry
    }

    /// Writes the renditions of `image` as the entry `key`: into a folder of
    /// its own first, renamed into place, so no reader sees half an entry.
    func store(_ image: ProcessedImage, as key: String) -> Entry? {
        let scratch = folder + "/." + key + ".\(getpid()).\(UInt64.random(in: 0...UInt64.max))"
        do {
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            var entry = Entry(format: image.format, width: image.width, height: image.height, renditions: [])
            var manifest = Self.manifestFormat + "\n\(image.format.rawValue) \(image.width) \(image.height)\n"
            for rendition in image.renditions {
                let file = "\(rendition.width)x\(rendition.height)\(rendition.isCrop ? "c" : "").\(rendition.format.fileExtension)"
                try FileSystem.writeFile(rendition.bytes, to: scratch + "/" + file)
                entry.renditions.append(CachedRendition(
                    width: rendition.width, height: rendition.height, format: rendition.format, isCrop: rendition.isCrop,
                    size: rendition.bytes.count, file: file))
                manifest += "\(rendition.isCrop ? "c" : "r") \(rendition.width) \(rendition.height) \(rendition.format.rawValue) \(rendition.bytes.count) \(file)\n"
            }
            try FileSystem.writeFile(Array(manifest.utf8), to: scratch + "/manifest")
            let target = folder + "/" + key
            FileSystem.remove(target)
            try FileSystem.move(scratch, to: target)
            return entry
        } catch {
            FileSystem.remove(scratch)
            return nil
        }
    }

    /// The entry of the crops of the image cached as `key` that keep `focus`
    /// (`KEY.focus-X-Y`): beside the image's own, so that changing the focus
    /// makes three crops again rather than every width in every format.
    static func key(_ key: String, keeping focus: ImageFocus) -> String {
        key + "." + focus.label
    }

    /// Removes every entry but `keys`; crop entries that keep a focus are
    /// left to `pruneFocused`, which knows which foci content uses.
    func prune(keeping keys: Set<String>) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name != "index" && !keys.contains(name) && !(isFocused(name) && keys.contains(imageKey(ofFocused: name))) {
            FileSystem.remove(folder + "/" + name)
        }
    }

    /// Removes every entry of crops keeping a focus but `keys`.
    func pruneFocused(keeping keys: Set<String>) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where isFocused(name) && !keys.contains(name) {
            FileSystem.remove(folder + "/" + name)
        }
    }

    private func isFocused(_ name: String) -> Bool {
        !name.hasPrefix(".") && name.contains(".focus-")
    }

    private func imageKey(ofFocused name: String) -> String {
        String(name.prefix { $0 != "." })
    }
}
