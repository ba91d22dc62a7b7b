/// The variables of one render, innermost last: those the caller passed,
/// then those made by `set` and `for`.
///
/// Names are kept as their numbers (`VariableName.id`), apart from the
/// values: a lookup compares integers and reads nothing else.
struct TemplateLocals {
    private var ids: [Int32] = []
    private var values: [Value] = []

    init() {
        ids.reserveCapacity(16)
        values.reserveCapacity(16)
    }

    var count: Int { ids.count }

    mutating func append(_ id: Int32, _ value: Value) {
        ids.append(id)
        values.append(value)
    }

    /// Drops every variable from position `start` on.
    mutating func removeAll(from start: Int) {
        ids.removeSubrange(start...)
        values.removeSubrange(start...)
    }

    /// The innermost variable numbered `id` at or after position `start`.
    func lastIndex(of id: Int32, from start: Int = 0) -> Int? {
        var index = ids.count - 1
        while index >= start {
            if ids[index] == id { return index }
            index -= 1
        }
        return nil
    }

    /// The member `name` of the variable at `index`, read in place: copying
    /// the variable first would retain and release what it refers to.
    func member(ofVariableAt index: Int, _ name: MemberName) -> Value? {
        values[index].member(name)
    }

    subscript(index: Int) -> Value {
        get { values[index] }
        set { values[index] = newValue }
    }
}
