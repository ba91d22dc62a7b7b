import Foundation

/// The data files of a site (`Content/data/NAME.yml`, `.yaml`, `.json`),
/// each visible to templates as `site.data.NAME`: staff lists, results
/// tables, anything a theme shows that is not an article or a page.
///
/// They are small and read on every build that renders anything; each one's
/// digest is kept with the build settings, so that an incremental build
/// renders again the outputs that read a data file that changed (see
/// `DataObject`, which records the reads).
struct SiteData: Sendable {
    struct File: Sendable {
        /// The name templates use: the file name without its extension.
        var name: String
        /// Site-root-relative path, as diagnostics and the dependency table name it.
        var path: String
        var value: Value
        /// Digest of the file's bytes.
        var digest: UInt64
    }

    static let folder = "Content/data"
    static let extensions = ["yml", "yaml", "json"]

    private(set) var files: [File] = []

    /// Path → digest of every data file: what the build settings keep.
    var digests: [String: UInt64] {
        Dictionary(files.map { ($0.path, $0.digest) }, uniquingKeysWith: { first, _ in first })
    }

    /// Reads the data files among `sources` (site-root-relative paths, as
    /// `BuildCache.inputFiles` lists them) below `root`; every problem is a
    /// diagnostic naming the file (and the line and column where there is one).
    static func load(root: URL, sources: [String]) -> (SiteData, [Diagnostic]) {
        var data = SiteData()
        var diagnostics: [Diagnostic] = []
        var owners: [String: String] = [:]
        for path in sources where path.hasPrefix(folder + "/") {
            let name = String(path.dropFirst(folder.count + 1))
            guard !name.contains("/") else {
                diagnostics.append(.error("data files are read from \(folder)/ itself, not from folders inside it; move the file to \(folder)/ (its name becomes site.data.NAME)", at: path))
                continue
            }
            guard let dot = name.lastIndex(of: "."), extensions.contains(String(name[name.index(after: dot)...]).lowercased()) else {
                diagnostics.append(.error("Herald reads data files in YAML (.yml, .yaml) or JSON (.json); convert this file, or move it to Content/static/ to publish it as it is", at: path))
                continue
            }
            let stem = String(name[..<dot])
            guard isIdentifier(stem) else {
                diagnostics.append(.error("'\(stem)' cannot be a name in templates (site.data.\(stem)); rename the file with letters, digits and underscores only, not starting with a digit (e.g. \(suggestedName(stem)).\(name[name.index(after: dot)...]))", at: path))
                continue
            }
            if let other = owners[stem] {
                diagnostics.append(.error("\(other) and this file both give site.data.\(stem); keep one of them", at: path))
                continue
            }
            owners[stem] = path
            switch SourceFiles.readText(root.appendingPathComponent(path).path, displayPath: path) {
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            case .success(let text):
                let (value, problems) = path.lowercased().hasSuffix(".json") ? json(text, path: path) : yaml(text, path: path)
                diagnostics += problems
                var digest = Digest()
                digest.add(text)
                if let value { data.files.append(File(name: stem, path: path, value: value, digest: digest.value)) }
            }
        }
        return (data, diagnostics)
    }

    /// The value of a YAML data file; plain scalars read as in front matter.
    private static func yaml(_ text: String, path: String) -> (Value?, [Diagnostic]) {
        var reader = YAMLReader(path: path)
        guard let root = reader.parse(text) else {
            // An empty file (or one of comments only) holds nothing.
            return (reader.diagnostics.isEmpty ? Value.none : nil, reader.diagnostics)
        }
        let value = reader.checkedValue(root, key: "the file")
        return (reader.diagnostics.isEmpty ? value : nil, reader.diagnostics)
    }

    /// The value of a JSON data file: checked by Foundation's parser (which
    /// locates errors), decoded by `JSONValue` (which keeps `1` and `true` apart).
    private static func json(_ text: String, path: String) -> (Value?, [Diagnostic]) {
        let bytes = Data(text.utf8)
        do {
            _ = try JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed])
            return (try JSONDecoder().decode(JSONValue.self, from: bytes).value, [])
        } catch {
            let (line, column) = FrontMatterNodes.jsonErrorPlace(error, in: text)
            return (nil, [.error("invalid JSON: \(FrontMatterNodes.jsonErrorText(error))", at: path, line: line, column: column)])
        }
    }

    /// Whether `name` can follow `site.data.` in a template.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    private static func suggestedName(_ stem: String) -> String {
        var name = String(stem.unicodeScalars.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) ? Character($0) : "_" })
        if name.first?.isNumber ?? true { name = "_" + name }
        return name
    }
}

/// Any JSON value, decoded strictly: `true` is never the number 1, and a
/// number with a fraction is never an integer.
private struct JSONValue: Decodable {
    let value: Value

    init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var values: [Value] = []
            while !list.isAtEnd { values.append(try list.decode(JSONValue.self).value) }
            value = .list(values)
            return
        }
        if let object = try? decoder.container(keyedBy: JSONKey.self) {
            var members: [String: Value] = [:]
            for key in object.allKeys { members[key.stringValue] = try object.decode(JSONValue.self, forKey: key).value }
            value = .map(members)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            value = .none
        } else if let bool = try? single.decode(Bool.self) {
            value = .bool(bool)
        } else if let int = try? single.decode(Int.self) {
            value = .int(int)
        } else if let double = try? single.decode(Double.self) {
            value = .double(double)
        } else {
            value = .string(try single.decode(String.self))
        }
    }
}

private struct JSONKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
