import Foundation
@testable import Herald

/// A whole build from random files. The input is a list of files separated
/// by NUL bytes, each `path\nbytes`; paths are kept inside a fresh site root
/// (Content/, Templates/, site.yml). A build must either succeed or fail with
/// diagnostics — never crash — and a failed build must leave the previous
/// output exactly as it was.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("herald-fuzz-\(getpid())")
    try? FileManager.default.removeItem(at: root)
    defer { try? FileManager.default.removeItem(at: root) }
    // A copy of the base site as built once, so that there is a previous output to protect.
    do {
        try FileManager.default.copyItem(at: FuzzState.builtBase, to: root)
    } catch {
        fatalError("cannot copy the base site: \(error)")
    }
    let options = BuildOptions(source: root, now: FuzzState.now)
    let before = FuzzState.baseOutput

    var files: [String: [UInt8]] = [:]
    for chunk in bytes.split(separator: 0, maxSplits: 8, omittingEmptySubsequences: true) {
        guard let newline = chunk.firstIndex(of: 0x0A) else { continue }
        let rawPath = String(decoding: chunk[chunk.startIndex..<newline], as: UTF8.self)
        guard let path = safePath(rawPath) else { continue }
        files[path] = Array(chunk[(newline + 1)...])
    }
    for (path, content) in files {
        let url = root.appendingPathComponent(path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: url.path, contents: Data(content))
    }
    do {
        _ = try Builder(options: options).build()
    } catch {
        precondition(!error.diagnostics.isEmpty, "a failed build without a diagnostic")
        precondition(snapshot(root.appendingPathComponent("Public")) == before, "a failed build changed Public/")
    }
    return 0
}

/// Keeps fuzzed paths inside the site and out of the output folder.
private func safePath(_ raw: String) -> String? {
    let segments = raw.split(separator: "/").filter { $0 != "." && $0 != ".." && !$0.isEmpty }
    guard !segments.isEmpty, segments.count < 6 else { return nil }
    let path = segments.joined(separator: "/")
    let allowed = ["Content/", "Templates/", "site.yml"]
    guard allowed.contains(where: { path.hasPrefix($0) }) else {
        // Most random paths land in the articles folder, where they matter most.
        return "Content/articles/" + segments.joined(separator: "-") + ".md"
    }
    return path
}

func write(_ files: [String: String], root: URL) {
    for (path, text) in files {
        let url = root.appendingPathComponent(path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8))
    }
}

func snapshot(_ folder: URL) -> [String: Data] {
    var result: [String: Data] = [:]
    for name in (try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? [] {
        result[name] = FileManager.default.contents(atPath: folder.path + "/" + name) ?? Data()
    }
    return result
}

enum FuzzState {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// The base site, built once per process.
    static let builtBase: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("herald-fuzz-base-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        write(baseFiles, root: root)
        guard (try? Builder(options: BuildOptions(source: root, now: now)).build()) != nil else { fatalError("the base site does not build") }
        return root
    }()

    /// Its output, file by file.
    static let baseOutput = snapshot(builtBase.appendingPathComponent("Public"))

    static let baseFiles: [String: String] = [
        "site.yml": "title: Fuzz News\nurl: https://news.example.org/\npaginate: 2\n",
        "Templates/base.html": "<!doctype html><title>{% block title %}{{ site.title }}{% endblock %}</title>{% block main %}{% endblock %}",
        "Templates/article.html": "{% extends 'base.html' %}{% block title %}{{ page.title }}{% endblock %}{% block main %}{{ page.content }}{% for t in page.tags %}<a href=\"{{ t.url }}\">{{ t.name }}</a>{% endfor %}{% endblock %}",
        "Templates/page.html": "{% extends 'base.html' %}{% block main %}{{ page.content }}{% endblock %}",
        "Templates/index.html": "{% for a in paginator.items %}<a href=\"{{ a.url }}\">{{ a.title }}</a>{% endfor %}",
        "Templates/term.html": "{{ term.name }}{% for a in paginator.items %}{{ a.title }}{% endfor %}",
        "Content/articles/2025-07-04-river.md": "---\ntitle: River\ndate: 2025-07-04 09:14\ntags: [flood, weather]\n---\nThe *river* rose. See [about](../pages/about.md).\n",
        "Content/pages/about.md": "---\ntitle: About\n---\nWho we are.\n",
    ]
}
