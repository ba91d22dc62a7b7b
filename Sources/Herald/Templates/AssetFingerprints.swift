import Foundation

/// Where the `fingerprint` filter finds the files it names, and whether it
/// links hashed copies (`assets.fingerprint`).
public struct AssetSource: Sendable {
    /// The site root; `nil` for templates compiled without a site, where
    /// every fingerprinted file is missing.
    public var root: URL?
    public var fingerprint: Bool

    public init(root: URL? = nil, fingerprint: Bool = true) {
        self.root = root
        self.fingerprint = fingerprint
    }
}

/// The files a theme's `fingerprint` filters name, each read and hashed
/// once when the templates are compiled: a filter's path is written in the
/// template, so the build knows before rendering which hashed copies to
/// publish, and a missing file is an error at the filter like any other
/// template error. The copy is published beside the file, which keeps its
/// own name for whatever links it unhashed (another stylesheet's
/// `@import`, an old page in a reader's cache).
public final class AssetFingerprints: Sendable {
    struct Asset: Sendable {
        /// Relative to the site root: `Templates/assets/site.css`.
        var source: String
        /// Site path of the published copy: `/assets/site.3f2a9c1e.css`
        /// (the file's own with fingerprints off).
        var publishedPath: String
        /// `sha384-` and the base64 of the file's SHA-384 (Subresource Integrity).
        var integrity: String
        var bytes: [UInt8]
        var isCopy: Bool
    }

    /// By the site path of the file named: `/assets/site.css`.
    private let assets: [String: Asset]
    private let siteURL: SiteURL

    private init(assets: [String: Asset], siteURL: SiteURL) {
        self.assets = assets
        self.siteURL = siteURL
    }

    static let empty = AssetFingerprints(assets: [:], siteURL: SiteURL("https://example.invalid/")!)

    /// Reads every file `references` name (as templates write them); the
    /// problems are by reference.
    static func resolve(
        _ references: [String], source: AssetSource, siteURL: SiteURL, images: ImageCatalog
    ) -> (AssetFingerprints, problems: [String: String]) {
        var assets: [String: Asset] = [:]
        var problems: [String: String] = [:]
        for reference in Set(references) {
            switch asset(reference, source: source, images: images) {
            case .success(let (sitePath, asset)): assets[sitePath] = asset
            case .failure(let problem): problems[reference] = problem.message
            }
        }
        return (AssetFingerprints(assets: assets, siteURL: siteURL), problems)
    }

    struct Problem: Error {
        var message: String
    }

    private static func asset(_ reference: String, source: AssetSource, images: ImageCatalog) -> Result<(String, Asset), Problem> {
        let candidates = sources(of: reference)
        guard !candidates.isEmpty else {
            return .failure(Problem(message: "'\(reference)' is not a file the site publishes: name one under Templates/assets/ as \"assets/NAME\", or one under Content/static/ by its path there"))
        }
        for (path, sitePath) in candidates {
            guard let root = source.root, FileSystem.exists(root.appendingPathComponent(path).path),
                !FileSystem.isFolder(root.appendingPathComponent(path).path)
            else { continue }
            if images.replaces(source: path) {
                return .failure(Problem(message: "'\(reference)' is an image Herald processes, and its renditions carry a hash already: use the 'image' or 'picture' filter instead of 'fingerprint'"))
            }
            guard let bytes = try? FileSystem.readFile(root.appendingPathComponent(path).path) else {
                return .failure(Problem(message: "cannot read \(path); check its permissions"))
            }
            let digest = SHA384.digest(bytes)
            let hex = digest.prefix(4).map { String(format: "%02x", $0) }.joined()
            let published = source.fingerprint ? hashedName(sitePath, hash: hex) : sitePath
            let integrity = "sha384-" + Data(digest).base64EncodedString()
            return .success((sitePath, Asset(source: path, publishedPath: published, integrity: integrity, bytes: bytes, isCopy: source.fingerprint)))
        }
        let looked = candidates.map(\.source).joined(separator: " or ")
        return .failure(Problem(message: "there is no file '\(reference)' to fingerprint: looked for \(looked)"))
    }

    /// The source files a reference may name, with the site path each is
    /// published at: `assets/site.css` is `Templates/assets/site.css` (or
    /// `Content/static/assets/site.css`), `css/print.css` is
    /// `Content/static/css/print.css`; the source paths themselves work too.
    static func sources(of reference: String) -> [(source: String, sitePath: String)] {
        var path = Substring(reference)
        while path.hasPrefix("/") { path = path.dropFirst() }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        // Hidden files are not published; `..` would leave the folders.
        guard !parts.isEmpty, !parts.contains(where: { $0.isEmpty || $0.hasPrefix(".") }) else { return [] }
        if path.hasPrefix("Templates/assets/") {
            return [(String(path), "/assets/" + path.dropFirst("Templates/assets/".count))]
        }
        if path.hasPrefix("Content/static/") {
            return [(String(path), "/" + path.dropFirst("Content/static/".count))]
        }
        var found: [(String, String)] = []
        if path.hasPrefix("assets/") { found.append(("Templates/" + path, "/" + path)) }
        found.append(("Content/static/" + path, "/" + path))
        return found
    }

    /// `/assets/site.css` → `/assets/site.HASH.css`: the hash before the
    /// last extension, so that servers still know the type by it.
    static func hashedName(_ sitePath: String, hash: String) -> String {
        let slash = sitePath.lastIndex(of: "/") ?? sitePath.startIndex
        guard let dot = sitePath[slash...].lastIndex(of: "."), sitePath.index(after: slash) < dot else {
            return sitePath + "." + hash
        }
        return sitePath[..<dot] + "." + hash + sitePath[dot...]
    }

    /// What the filter gives for `reference`; `nil` when the templates did
    /// not name it in a `fingerprint` filter of their own.
    func value(_ reference: String) -> AssetValue? {
        for (_, sitePath) in Self.sources(of: reference) {
            if let asset = assets[sitePath] {
                return AssetValue(url: siteURL.relative(asset.publishedPath), integrity: asset.integrity)
            }
        }
        return nil
    }

    /// The hashed copies. Each depends on its file: any change to one is a
    /// change to the theme or the static files, which rebuilds every page,
    /// so the pages linking it get the new name.
    func plan(into plan: inout OutputPlan) {
        for asset in assets.values.sorted(by: { $0.publishedPath < $1.publishedPath }) where asset.isCopy {
            let bytes = asset.bytes
            plan.add(PlannedOutput(
                path: String(asset.publishedPath.dropFirst()), origin: asset.source, source: .generated { bytes }, kind: .other,
                dependencies: [asset.source]))
        }
    }
}
