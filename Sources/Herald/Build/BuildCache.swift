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
    static let format = "herald-cache 1"

    struct Item {
        var kind: ContentItem.Kind
        var draft: Bool
        var date: Date?
        var expires: Date?
        var path: String
    }

    /// The output folder the cache describes.
    var output: URL
    var version = HeraldVersion.current
    var inputs: UInt64 = 0
    var publication: UInt64 = 0
    var outputs: UInt64 = 0
    var items: [Item] = []
    var report = BuildReport()

    static func location(of output: URL) -> String {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().path + "/.\(output.lastPathComponent).herald-cache"
    }

    // MARK: Digests

    /// Every input file's metadata plus the options and Herald's version,
    /// and the newest modification time among the files.
    static func inputsDigest(options: BuildOptions) -> (digest: UInt64, newest: Double) {
        sourcesDigest(options: options, folders: ["Templates", "Content"])
    }

    /// Digest of Herald's version, the build options, `site.yml` and every
    /// file below `folders` (path, size, time, inode), with the newest time.
    static func sourcesDigest(options: BuildOptions, folders: [String]) -> (digest: UInt64, newest: Double) {
        var digest = Digest()
        digest.add(HeraldVersion.current)
        digest.add(options.output.path)
        digest.add(options.baseURL ?? "-")
        digest.add(options.includeDrafts ? 1 : 0)
        digest.add(options.includeFuture ? 1 : 0)
        let root = options.source.path
        var paths = ["site.yml"]
        for folder in folders {
            let base = URL(fileURLWithPath: root + "/" + folder).resolvingSymlinksInPath().path
            paths += FileSystem.walk(base).files.map { folder + "/" + $0 }
        }
        var newest = 0.0
        for path in paths.sorted() {
            digest.add(path)
            newest = max(newest, digest.addMetadata(ofFileAt: root + "/" + path))
        }
        return (digest.value, newest)
    }

    /// When the cache file was written, by the file system's clock.
    var writtenAt: Double? {
        var status = stat()
        guard stat(Self.location(of: output), &status) == 0 else { return nil }
        return Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9
    }

    /// Whether this cache describes a build identical to the one `options`
    /// asks for: same inputs (and none touched too recently to tell), same
    /// decisions of "now", and the output as the cached build left it.
    func describesUnchanged(inputs: (digest: UInt64, newest: Double), outputs: UInt64, options: BuildOptions) -> Bool {
        version == HeraldVersion.current && self.inputs == inputs.digest && trusts(newestInput: inputs.newest)
            && publication == Self.publicationDigest(items, options: options) && self.outputs == outputs
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

    /// What "now" decides: which items are published, and which articles
    /// fall in the news sitemap's window.
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
        }
        return digest.value
    }

    /// Every published file as it is now: a deleted or edited output file
    /// means the output must be built again.
    static func outputsDigest(output: URL) -> UInt64 {
        var digest = Digest()
        let root = output.standardizedFileURL.path
        guard FileSystem.isFolder(root) else { return 0 }
        for path in FileSystem.walk(root, followLinks: false).files.sorted() {
            digest.add(path)
            digest.addMetadata(ofFileAt: root + "/" + path)
        }
        return digest.value
    }

    // MARK: Reading and writing

    static func load(for output: URL) -> BuildCache? {
        guard let text = try? String(contentsOfFile: location(of: output), encoding: .utf8) else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard lines.popFirst() == Substring(format) else { return nil }
        var cache = BuildCache(output: output)
        for line in lines where !line.isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            switch fields.first {
            case "version": cache.version = String(fields.last ?? "")
            case "inputs": cache.inputs = UInt64(fields.last ?? "", radix: 16) ?? 0
            case "publication": cache.publication = UInt64(fields.last ?? "", radix: 16) ?? 0
            case "outputs": cache.outputs = UInt64(fields.last ?? "", radix: 16) ?? 0
            case "counts":
                let numbers = fields.dropFirst().compactMap { Int($0) }
                guard numbers.count == 4 else { return nil }
                cache.report.articles = numbers[0]
                cache.report.pages = numbers[1]
                cache.report.feeds = numbers[2]
                cache.report.filesUnchanged = numbers[3]
            case "item":
                guard fields.count == 6, let kind = ContentItem.Kind(rawValue: String(fields[1])) else { return nil }
                cache.items.append(Item(
                    kind: kind, draft: fields[2] == "1", date: Double(fields[3]).map(Date.init(timeIntervalSince1970:)),
                    expires: Double(fields[4]).map(Date.init(timeIntervalSince1970:)), path: String(fields[5])))
            case "warning":
                guard fields.count == 5, let line = Int(fields[2]), let column = Int(fields[3]) else { return nil }
                cache.report.warnings.append(.warning(String(fields[4]), at: String(fields[1]), line: line, column: column))
            default:
                return nil
            }
        }
        return cache
    }

    func save() {
        func clean(_ text: String) -> String {
            text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
        }
        var text = Self.format + "\n"
        text += "version\t\(version)\n"
        text += "inputs\t\(String(inputs, radix: 16))\n"
        text += "publication\t\(String(publication, radix: 16))\n"
        text += "outputs\t\(String(outputs, radix: 16))\n"
        let files = report.filesWritten + report.filesUnchanged
        text += "counts\t\(report.articles)\t\(report.pages)\t\(report.feeds)\t\(files)\n"
        for item in items {
            let date = item.date.map { String($0.timeIntervalSince1970) } ?? "-"
            let expires = item.expires.map { String($0.timeIntervalSince1970) } ?? "-"
            text += "item\t\(item.kind.rawValue)\t\(item.draft ? 1 : 0)\t\(date)\t\(expires)\t\(clean(item.path))\n"
        }
        for warning in report.warnings {
            text += "warning\t\(clean(warning.path))\t\(warning.line)\t\(warning.column)\t\(clean(warning.message))\n"
        }
        // Written whole or not at all: a torn cache must never look valid.
        try? Data(text.utf8).write(to: URL(fileURLWithPath: Self.location(of: output)), options: .atomic)
    }

}

/// FNV-1a, 64 bits: a stable digest (Swift's `Hasher` is seeded per process)
/// for noticing changes, not for security.
struct Digest {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 { addByte(byte) }
        addByte(0)
    }

    mutating func add(_ number: Int) {
        var number = UInt64(bitPattern: Int64(number))
        for _ in 0..<8 {
            addByte(UInt8(truncatingIfNeeded: number))
            number >>= 8
        }
    }

    /// Adds size, modification time and inode; returns the modification time.
    @discardableResult
    mutating func addMetadata(ofFileAt path: String) -> Double {
        var status = stat()
        guard stat(path, &status) == 0 else {
            add(-1)
            return 0
        }
        add(Int(status.st_size))
        add(Int(status.st_mtim.tv_sec))
        add(Int(status.st_mtim.tv_nsec))
        add(Int(status.st_ino))
        return Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9
    }

    private mutating func addByte(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
    }
}
