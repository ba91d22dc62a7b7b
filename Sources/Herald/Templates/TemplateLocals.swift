/// The variables made by `set` and `for` while rendering, innermost last.
///
/// Names and values live in two arrays: looking a name up then reads names
/// only, where an array of (name, value) pairs copied, and so retained and
/// released, every pair it compared.
struct TemplateLocals {
    private var names: [String] = []
    private var values: [Value] = []

    init() {
        names.reserveCapacity(16)
        values.reserveCapacity(16)
    }

    var count: Int { names.count }

    mutating func append(_ name: String, _ value: Value) {
        names.append(name)
        values.append(value)
    }

    /// Drops every variable from position `start` on.
    mutating func removeAll(from start: Int) {
        names.removeSubrange(start...)
        values.removeSubrange(start...)
    }

    /// The innermost variable called `name` at or after position `start`.
    func lastIndex(of name: String, from start: Int = 0) -> Int? {
        var index = names.count - 1
        while index >= start {
            if names[index] == name { return index }
            index -= 1
        }
        return nil
    }

    subscript(index: Int) -> Value {
        get { values[index] }
        set { values[index] = newValue }
    }
}
