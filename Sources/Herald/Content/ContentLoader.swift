import Foundation

/// Everything read from `Content/`: drafts of articles and pages (front
/// matter decoded, Markdown not yet rendered) and author profiles.
struct LoadedContent: Sendable {
    var drafts: [ContentDraft] = []
    var authors: [String: AuthorProfile] = [:]
    var diagnostics: [Diagnostic] = []
    /// Size, time and inode of every article and page file, as read.
    var metadata: [String: FileMetadata] = [:]
    /// Warnings of each file, to reuse with the file.
    var warnings: [String: [Diagnostic]] = [:]

    /// Frees the Markdown of every draft, once it is rendered.
    mutating func dropBodies() {
        for index in drafts.indices { drafts[index].storedBody = .inline("") }
    }
}

/// Finds and reads the content files of a site (DESIGN §1) on every core.
struct ContentLoader {
    let root: URL
    let config: SiteConfig
    var progress: BuildProgress?
    /// Where each Markdown body goes once read (`nil`: kept in memory).
    var spill: SpillFile?

    /// Reads every content file (or those of `listed`, from
    /// `BuildCache.inputFiles`, which saves listing them again; their
    /// metadata was taken before reading them, as it must be).
    func load(listed: [BuildCache.SourceFile]? = nil) -> LoadedContent {
        var jobs: [(path: String, kind: ContentItem.Kind, metadata: FileMetadata??)] = []
        for (folder, kind) in [("Content/articles", ContentItem.Kind.article), ("Content/pages", .page)] {
            if let listed {
                jobs += listed.filter { $0.path.hasPrefix(folder + "/") && SourceFiles.isContent($0.path) }.map { ($0.path, kind, .some($0.metadata)) }
            } else {
                jobs += SourceFiles.content(under: root, folder: folder).map { ($0, kind, nil) }
            }
        }
        let reader = FileReader(root: root, decoder: ContentDecoder(config: config))
        let progress = self.progress, spill = self.spill
        progress?.begin(.content, total: jobs.count)
        let results = jobs.parallelMap { (path, kind, listedMetadata) -> (ContentDraft?, [Diagnostic], FileMetadata?) in
            let metadata = listedMetadata ?? FileMetadata(path: reader.fullPath(path))
            var (draft, diagnostics) = reader.read(path, kind: kind)
            draft?.spillBody(to: spill)
            progress?.advance()
            return (draft, diagnostics, metadata)
        }
        var content = LoadedContent()
        // Exactly: grown by doubling, the array of drafts held up to twice
        // the memory it needs for the whole build.
        content.drafts.reserveCapacity(results.count)
        for ((path, _, _), (draft, diagnostics, metadata)) in zip(jobs, results) {
            if let draft { content.drafts.append(draft) }
            content.diagnostics += diagnostics
            content.metadata[path] = metadata
            content.warnings[path] = diagnostics.filter { $0.severity == .warning }
        }
        loadAuthors(into: &content)
        return content
    }

    private func loadAuthors(into content: inout LoadedContent) {
        for path in SourceFiles.markdown(under: root, folder: "Content/authors") {
            switch SourceFiles.readText(root.appendingPathComponent(path).path, displayPath: path) {
            case .success(let text):
                let (profile, diagnostics) = AuthorProfile.decode(text, path: path)
                if let profile { content.authors[profile.slug] = profile }
                content.diagnostics += diagnostics
            case .failure(let diagnostic):
                content.diagnostics.append(diagnostic)
            }
        }
    }
}

/// Reads and decodes one content file (front matter, body not rendered).
private struct FileReader: Sendable {
    /// The site folder with a trailing `/`: paths are joined as strings,
    /// since `URL.appendingPathComponent` per file was a visible cost of loading.
    let rootPrefix: String
    let decoder: ContentDecoder

    init(root: URL, decoder: ContentDecoder) {
        let path = root.path
        rootPrefix = path.hasSuffix("/") ? path : path + "/"
        self.decoder = decoder
    }

    func fullPath(_ path: String) -> String { rootPrefix + path }

    func read(_ path: String, kind: ContentItem.Kind) -> (ContentDraft?, [Diagnostic]) {
        switch SourceFiles.readText(fullPath(path), displayPath: path) {
        case .success(let text): return decoder.decode(text, kind: kind, sourcePath: path)
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
    }
}

/// Listing and reading the user's source files.
enum SourceFiles {
    /// Site-root-relative paths of the `.md` files below `folder`, sorted, at any depth.
    static func markdown(under root: URL, folder: String) -> [String] {
        files(under: root, folder: folder).filter { $0.hasSuffix(".md") }
    }

    /// Site-root-relative paths of the content files (`.md`, `.html`) below `folder`, sorted.
    static func content(under root: URL, folder: String) -> [String] {
        files(under: root, folder: folder).filter(isContent)
    }

    /// Whether a file is an article or page: Markdown, or HTML (DESIGN §3).
    static func isContent(_ path: String) -> Bool {
        path.hasSuffix(".md") || path.hasSuffix(".html")
    }

    /// Site-root-relative paths of every regular file below `folder`, sorted;
    /// hidden files and folders (`.DS_Store`, `.git`) are skipped.
    static func files(under root: URL, folder: String) -> [String] {
        // Resolved, so that a folder that is a symbolic link is listed too.
        let base = root.appendingPathComponent(folder).resolvingSymlinksInPath().path
        return FileSystem.walk(base).files.map { folder + "/" + $0 }.sorted()
    }

    /// The text of a file, or a diagnostic pointing at its first invalid UTF-8 byte.
    static func readText(_ path: String, displayPath: String) -> Result<String, Diagnostic> {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readFile(path)
        } catch {
            return .failure(.error("cannot read the file; check its permissions", at: displayPath))
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            // memchr: a byte-by-byte search of every file was a visible cost of loading.
            let nul = bytes.withUnsafeBytes { buffer -> Int? in
                guard let base = buffer.baseAddress, let found = memchr(base, 0, buffer.count) else { return nil }
                return base.distance(to: UnsafeRawPointer(found))
            }
            if let nul {
                let (line, column) = location(ofByte: nul, in: bytes)
                return .failure(.error("the file contains a NUL byte; is it a binary file? Remove it or save the file as UTF-8 text", at: displayPath, line: line, column: column))
            }
            return .success(text)
        }
        let offset = firstInvalidUTF8Offset(bytes) ?? 0
        let (line, column) = location(ofByte: offset, in: bytes)
        return .failure(.error("invalid UTF-8 (byte 0x\(String(bytes[min(offset, bytes.count - 1)], radix: 16, uppercase: true))); save the file as UTF-8", at: displayPath, line: line, column: column))
    }

    static func location(ofByte offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: bytes[lineStart..<min(offset, bytes.count)], as: UTF8.self).count + 1
        return (line, column)
    }

    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            if String(validating: bytes[index..<(index + length)], as: UTF8.self) == nil { return index }
            index += length
        }
        return nil
    }
}
