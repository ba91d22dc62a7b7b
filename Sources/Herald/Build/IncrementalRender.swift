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
        self.init(state: build.state, changed: build.changed, changedData: build.changedData, read: build.read)
    }

    /// After the records `changed` and the data files `changedData`
    /// changed, with the bodies of the records flagged in `read` at hand.
    init(state: ContentState, changed: [Int], changedData: Set<String> = [], read: [Bool]) {
        self.state = state
        withheld = Withheld(state: state, read: read)
        var showing = Array(repeating: false, count: state.dependencies.count)
        let positions = state.outputs(showing: changed, data: changedData)
        for position in positions { showing[position] = true }
        showingChanges = showing
        outputsShowingChanges = positions.map { state.dependencies.outputs[$0] }
    }

    /// Whether `output` must be produced again.
    func mustRender(_ output: PlannedOutput) -> Bool {
        if output.alwaysRender { return true }
        guard let position = state.dependencies.position(of: output.path) else { return true }
        if case .file = output.source { return true }
        return showingChanges[position]
    }
}
