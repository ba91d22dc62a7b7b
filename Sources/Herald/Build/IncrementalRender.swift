/// What an incremental build may skip: outputs whose recorded sources did
/// not change keep their published bytes (see `OutputWriter`).
struct IncrementalRender: Sendable {
    /// Published items whose bodies this build did not render (their items
    /// have empty bodies): an output showing one must not be published.
    struct Withheld: Sendable {
        let state: ContentState
        let read: [Bool]

        func contains(_ path: String) -> Bool {
            guard let index = state.index(of: path) else { return false }
            return state.records[index].published && !read[index]
        }
    }

    let state: ContentState
    let withheld: Withheld
    /// By position in the state's dependencies: the outputs that showed a
    /// changed file (a content file's body, or a data file).
    private let showingChanges: [Bool]
    /// Their paths: the outputs of the previous build whose sources may
    /// change (a copied file keeps its own).
    let outputsShowingChanges: [String]

    init(_ build: IncrementalBuild) {
        state = build.state
        withheld = Withheld(state: build.state, read: build.read)
        var showing = Array(repeating: false, count: build.state.dependencies.count)
        let positions = build.state.outputs(showing: build.changed, data: build.changedData)
        for position in positions { showing[position] = true }
        showingChanges = showing
        outputsShowingChanges = positions.map { build.state.dependencies.outputs[$0] }
    }

    /// Whether `output` must be produced again.
    func mustRender(_ output: PlannedOutput) -> Bool {
        if output.alwaysRender { return true }
        guard let position = state.dependencies.position(of: output.path) else { return true }
        if case .file = output.source { return true }
        return showingChanges[position]
    }
}
