import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the previous successful build read and wrote, kept beside the output
/// folder (`.Public.herald-cache`), so that a build with nothing to do stops
/// after comparing file metadata instead of rendering the site again.
///
/// It records digests of every input file's path, size, mtime and inode
/// (site.yml, Templates/, Content/), of Herald's version and the build
/// options, of every output file as it was published, and each content
/// file's publication dates, so that "now" moving past a scheduled article's
/// date or an expiry still triggers a build. Anything unreadable or different
/// simply means a full build; the cache can only ever skip work whose result
/// would have been identical.
struct BuildCache {
    static let format = "herald-cache 5"

    struct Item {
        var kind: ContentItem.Kind
        var draft: Bool
        var date: Date?
        var expires: Date?
        var path: String
        /// Of a live story, when its coverage ends (which ends its "Live" badge).
        var live: Bool
        var liveUntil: Date?

        init(kind: ContentItem.Kind, draft: Bool, date: Date?, expires: Date?, path: String, live: Bool, liveUntil: Date?) {
            self.kind = kind
            self.draft = draft
            self.date = date
            self.expires = expires
            self.path = path
            self.live = live
            self.liveUntil = liveUntil
        }

        /// What decides whether `item` is published, and whether it is live.
        init(_ item: ContentItem) {
            self.init(kind: item.kind, draft: item.draft, date: item.date, expires: item.expires, path: item.sourcePath, live: item.live, liveUntil: item.liveUntil)
        }
    }

    /// The output folder the cache describes.
    var output: URL
    var version = HeraldVersion.current
    var inputs: UInt64 = 0
    var publication: UInt64 = 0
    var outputs: UInt64 = 0
    /// The files the build published, relative to the output folder: what
    /// the next build looks at again to compute `outputs`.
    var outputPaths: [String] = []
    var items: [Item] = []
    var report = BuildReport()

    static func location(of output: URL) -> String {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().path + "/.\(output.lastPathComponent).herald-cache"
    }

    // MARK: Digests

    /// A source file as a build found it: its path relative to the site root
    /// and its size, time and inode (`nil` when it cannot be read).
    typealias SourceFile = (path: String, metadata: FileMetadata?)

    /// `site.yml` and every file below `Templates/` and `Content/`, sorted by
    /// path: listed once, for the digests and for loading content.
    static func inputFiles(options: BuildOptions) -> [SourceFile] {
        let root = options.source.path
        var files = [(path: "site.yml", metadata: FileMetadata(path: root + "/site.yml"))]
        for folder in ["Templates", "Content"] {
            let base = URL(fileURLWithPath: root + "/" + folder).resolvingSymlinksInPath().path
            files += FileSystem.filesWithMetadata(below: base).map { (folder + "/" + $0.path, $0.metadata) }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Digest of Herald's version, the build options and every listed
    /// source, with the newest modification time among them.
    static func sourcesDigest(options: BuildOptions, files: [SourceFile]) -> (digest: UInt64, newest: Double) {
        var digest = Digest()
        digest.add(HeraldVersion.current)
        digest.add(options)
        var newest = 0.0
        for (path, metadata) in files {
            digest.add(path)
            digest.add(metadata)
            newest = max(newest, metadata?.modified ?? 0)
        }
        return (digest.value, newest)
    }

    /// When the cache file was written, by the file system's clock.
    var writtenAt: Double? {
        FileMetadata(path: Self.location(of: output))?.modified
    }

    /// Whether this cache describes a build identical to the one `options`
    /// asks for: same inputs (and none touched too recently to tell), same
    /// decisions of "now", and the output as the cached build left it.
    /// `outputs` is asked for last, and only when all else matches: listing
    /// the output folder is the slowest part.
    func describesUnchanged(inputs: (digest: UInt64, newest: Double), outputs: () -> UInt64, options: BuildOptions) -> Bool {
        version == HeraldVersion.current && self.inputs == inputs.digest && trusts(newestInput: inputs.newest)
            && publication == Self.publicationDigest(items, options: options) && self.outputs == outputs()
    }

    /// Whether inputs whose newest file was modified at `newest` can be
    /// trusted to be unchanged when their metadata matches. File times are
    /// coarse (a few milliseconds), so a file rewritten right around the
    /// previous build may keep its size and time: like git's "racily clean"
    /// entries, inputs touched within two seconds of the cache are rebuilt.
    func trusts(newestInput newest: Double) -> Bool {
        guard let written = writtenAt else { return false }
        return newest < written - 2
    }

    /// What "now" decides: which items are published, which articles fall
    /// in the news sitemap's window, and which live stories are still open.
    static func publicationDigest(_ items: [Item], options: BuildOptions) -> UInt64 {
        var digest = Digest()
        let since = options.now.addingTimeInterval(-SitemapPlanner.newsWindow)
        for item in items {
            digest.add(item.path)
            let published = options.publishes(kind: item.kind, draft: item.draft, date: item.date, expires: item.expires)
            digest.add(published ? 1 : 0)
            if let date = item.date, item.kind == .article {
                digest.add(date > since && date <= options.now ? 1 : 0)
            }
            if item.live { digest.add(LiveCoverage.isOpen(from: item.date, until: item.liveUntil, now: options.now) ? 1 : 0) }
        }
        return digest.value
    }

    // MARK: Reading and writing

    /// Binary (see `BinaryWriter`), ending with a `Checksum`: it lists every
    /// content file, and is read by every build, the quickest ones first.
    static func load(for output: URL) -> BuildCache? {
        guard let bytes = try? FileSystem.readFile(location(of: output)), var reader = BinaryReader(checked: bytes) else { return nil }
        do {
            guard try reader.string() == format else { return nil }
            var cache = BuildCache(output: output)
            cache.version = try reader.string()
            cache.inputs = try reader.uint64()
            cache.publication = try reader.uint64()
            cache.outputs = try reader.uint64()
            cache.report.articles = try reader.int()
            cache.report.pages = try reader.int()
            cache.report.feeds = try reader.int()
            cache.report.filesUnchanged = try reader.int()
            let count = try reader.count()
            cache.items.reserveCapacity(count)
            for _ in 0..<count {
                guard let kind = ContentItem.Kind(rawValue: try reader.string()) else { return nil }
                cache.items.append(Item(
                    kind: kind, draft: try reader.bool(), date: try reader.date(), expires: try reader.date(), path: try reader.string(),
                    live: try reader.bool(), liveUntil: try reader.date()))
            }
            cache.report.warnings = try reader.warnings()
            cache.outputPaths = try reader.strings()
            return reader.isAtEnd ? cache : nil
        } catch {
            return nil
        }
    }

    func encoded() -> [UInt8] {
        var writer = BinaryWriter(capacity: items.count * 96 + outputPaths.count * 64 + 256)
        writer.write(Self.format)
        writer.write(version)
        writer.write(inputs)
        writer.write(publication)
        writer.write(outputs)
        writer.write(report.articles)
        writer.write(report.pages)
        writer.write(report.feeds)
        writer.write(report.filesWritten + report.filesUnchanged)
        writer.write(items.count)
        for item in items {
            writer.write(item.kind.rawValue)
            writer.write(item.draft)
            writer.write(item.date)
            writer.write(item.expires)
            writer.write(item.path)
            writer.write(item.live)
            writer.write(item.liveUntil)
        }
        writer.write(report.warnings)
        writer.write(outputPaths.count)
        for path in outputPaths { writer.write(path) }
        // Last, the checksum of all the rest: a damaged cache is not used.
        writer.appendChecksum()
        return writer.bytes
    }

    /// Writes a cache `encoded` for `output`.
    static func write(_ encoded: [UInt8], for output: URL) {
        // Written whole or not at all, to a temporary file then renamed: a
        // torn cache must never look valid. Not synced to disk (as
        // Foundation's atomic writing does, which took 10 to 100 ms of a
        // rebuild): after a crash, a lost or old cache only means more work.
        let path = location(of: output)
        do {
            try FileSystem.writeFile(encoded, to: path + ".tmp")
            try FileSystem.move(path + ".tmp", to: path)
        } catch {
            FileSystem.remove(path + ".tmp")
        }
    }
}
