/// A variable name as a template writes it (`page`, `item`, `loop`), with
/// a number unique within its template library.
///
/// Variables are looked up by number: comparing integers, where comparing
/// and hashing names was a visible cost of rendering.
struct VariableName: Sendable {
    let text: String
    let id: Int32
}

/// Numbers the variable names of a library's templates while they are parsed.
/// Used by one thread, then frozen into the library as `ids`.
final class VariableNames {
    /// `loop`, which every `for` defines, has a number known in advance.
    static let loop = VariableName(text: "loop", id: 0)

    private(set) var ids: [String: Int32] = [VariableNames.loop.text: VariableNames.loop.id]

    func name(_ text: String) -> VariableName {
        if let id = ids[text] { return VariableName(text: text, id: id) }
        let id = Int32(ids.count)
        ids[text] = id
        return VariableName(text: text, id: id)
    }
}
