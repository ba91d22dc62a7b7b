import Foundation

extension Digest {
    /// The options that change what a build writes (not "now": the cache's
    /// publication digest covers what it decides).
    mutating func add(_ options: BuildOptions) {
        add(options.output.path)
        add(options.baseURL ?? "-")
        add(options.includeDrafts ? 1 : 0)
        add(options.includeFuture ? 1 : 0)
        add(options.sitemapURLLimit)
    }
}

/// Digests of what every page may show besides content files, one per kind
/// of source, so that a full build can say which one changed.
struct BuildSettings: Sendable, Equatable {
    var version: UInt64
    var options: UInt64
    var configuration: UInt64
    var templates: UInt64
    var authors: UInt64
    /// Static files count too: feeds give the size of lead images.
    var staticFiles: UInt64
    /// Each data file's path and the digest of its bytes. Only adding or
    /// removing one makes a full build: an incremental build renders again
    /// the outputs that read a file whose digest changed (`changedData`).
    var data: [String: UInt64] = [:]

    /// The settings of a build with `options` over the listed `files`
    /// (sorted, from `BuildCache.inputFiles`).
    init(options: BuildOptions, files: [BuildCache.SourceFile]) {
        var version = Digest()
        version.add(HeraldVersion.current)
        self.version = version.value
        var chosen = Digest()
        chosen.add(options)
        self.options = chosen.value
        var digests = [Digest(), Digest(), Digest(), Digest()]
        for (path, metadata) in files {
            let slot: Int
            if path == "site.yml" {
                slot = 0
            } else if path.hasPrefix("Templates/") {
                slot = 1
            } else if path.hasPrefix("Content/authors/") {
                slot = 2
            } else if path.hasPrefix("Content/static/") {
                slot = 3
            } else {
                continue
            }
            digests[slot].add(path)
            digests[slot].add(metadata)
        }
        configuration = digests[0].value
        templates = digests[1].value
        authors = digests[2].value
        staticFiles = digests[3].value
    }

    init(version: UInt64, options: UInt64, configuration: UInt64, templates: UInt64, authors: UInt64, staticFiles: UInt64) {
        self.version = version
        self.options = options
        self.configuration = configuration
        self.templates = templates
        self.authors = authors
        self.staticFiles = staticFiles
    }

    /// What differs from `previous`, as `--verbose` says it; `nil` when
    /// nothing does.
    func change(since previous: BuildSettings) -> String? {
        if version != previous.version { return "Herald version changed" }
        if options != previous.options { return "build options changed" }
        if configuration != previous.configuration { return "site.yml changed" }
        if templates != previous.templates { return "templates changed" }
        if authors != previous.authors { return "author profiles changed" }
        if staticFiles != previous.staticFiles { return "static files changed" }
        if Set(data.keys) != Set(previous.data.keys) { return "data files were added or removed" }
        return nil
    }

    /// The data files whose bytes differ from those of `previous` (which
    /// has the same files: see `change(since:)`).
    func changedData(since previous: BuildSettings) -> Set<String> {
        Set(data.filter { previous.data[$0.key] != $0.value }.keys)
    }

    var digests: [UInt64] { [version, options, configuration, templates, authors, staticFiles] }

    func write(to writer: inout BinaryWriter) {
        for digest in digests { writer.write(digest) }
        writer.write(data.count)
        for (path, digest) in data.sorted(by: { $0.key < $1.key }) {
            writer.write(path)
            writer.write(digest)
        }
    }

    static func read(from reader: inout BinaryReader) throws(BinaryReader.Failure) -> BuildSettings {
        var settings = BuildSettings(
            version: try reader.uint64(), options: try reader.uint64(), configuration: try reader.uint64(),
            templates: try reader.uint64(), authors: try reader.uint64(), staticFiles: try reader.uint64())
        for _ in 0..<(try reader.count()) {
            let path = try reader.string()
            settings.data[path] = try reader.uint64()
        }
        return settings
    }
}
