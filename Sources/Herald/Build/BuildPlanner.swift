import Foundation

/// Decides how a build goes once it is known that something changed: an
/// incremental build over the previous build's content state, or a full
/// one, with the reason.
///
/// Every check that can rule out an incremental build throws a
/// `FullBuildReason`; the first one thrown is the path's reason.
struct BuildPlanner {
    struct Route {
        enum Kind {
            case incremental(IncrementalBuild)
            /// Every content file, loaded.
            case full(LoadedContent)
        }

        private(set) var kind: Kind
        let path: BuildPath

        /// The loaded content of a full route, moved out so that the route
        /// no longer holds a second copy of every Markdown source while the
        /// build frees each one as it is rendered.
        mutating func takeContent() -> LoadedContent {
            guard case .full(let loaded) = kind else { preconditionFailure("only a full route carries loaded content") }
            kind = .full(LoadedContent())
            return loaded
        }
    }

    let options: BuildOptions
    let previous: PreviousBuild
    let setup: BuildSetup
    let startedAt: Double

    /// Incremental when the previous build allows it, full otherwise.
    func route() -> Route {
        do {
            let build = try incremental()
            return Route(kind: .incremental(build), path: .incremental(changedSources: build.changed.count + build.changedData.count))
        } catch {
            return full(reason: error.text)
        }
    }

    /// A full build, reading every content file.
    func full(reason: String) -> Route {
        Route(kind: .full(setup.loader.load(listed: previous.sources)), path: .full(reason: reason))
    }

    /// The incremental build over the previous build's state; throws why
    /// there cannot be one.
    private func incremental() throws(FullBuildReason) -> IncrementalBuild {
        guard let cache = previous.cache else {
            let unreadable = FileManager.default.fileExists(atPath: BuildCache.location(of: options.output))
            throw FullBuildReason(unreadable ? "the previous build's cache could not be read" : "no previous build")
        }
        guard cache.version == HeraldVersion.current else { throw FullBuildReason("Herald version changed") }
        guard cache.publication == BuildCache.publicationDigest(cache.items, options: options) else {
            throw FullBuildReason("an item's publication or expiry time has come")
        }
        let state = try previous.state(settings: setup.settings)
        guard cache.outputs == previous.outputs.digest else { throw FullBuildReason("the output folder changed since the previous build") }
        let reading = try IncrementalBuild.read(
            state: state, listed: previous.sources, changedData: setup.settings.changedData(since: state.settings), loader: setup.loader)
        return try IncrementalBuild(
            state: state, reading: reading, assembler: setup.assembler, templateExists: setup.templateExists, startedAt: startedAt)
    }
}
