import Yams

/// Typed reading of a YAML mapping with locations, shared by `site.yml` and
/// front matter.
///
/// Each accessor records a diagnostic pointing at the offending key or value
/// instead of throwing, so one pass over a file reports all of its problems.
struct YAMLReader {
    /// Path shown in diagnostics.
    let path: String
    /// Lines of the file before the YAML text (1 for front matter after `---`).
    let lineOffset: Int
    private(set) var diagnostics: [Diagnostic] = []
    /// What is left of `valueBudget` for this document.
    private var valuesLeft = YAMLReader.valueBudget

    init(path: String, lineOffset: Int = 0) {
        self.path = path
        self.lineOffset = lineOffset
    }

    /// Parses `text` into its root node; `nil` (with a diagnostic) when it is not YAML.
    mutating func parse(_ text: String) -> Yams.Node? {
        if let line = YAMLNesting.firstTooDeepLine(text) {
            diagnostics.append(.error(
                "invalid YAML: values are nested too deeply (more than \(YAMLNesting.limit / 2) levels); flatten the lists and mappings",
                at: path, line: lineOffset + line, column: 1))
            return nil
        }
        do {
            // The basic resolver reads every scalar as text (`value(_:)` and the
            // typed accessors decide what a plain scalar means), which spares
            // Yams' regular expressions on every value; UTF-8 is named so
            // that Yams does not consult the environment on every call.
            return try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            diagnostics.append(diagnostic(for: error))
        } catch {
            diagnostics.append(.error("invalid YAML: \(error)", at: path, line: lineOffset + 1, column: 1))
        }
        return nil
    }

    private func diagnostic(for error: YamlError) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context { message += " \(context.text)" }
            return .error(message, at: path, line: lineOffset + mark.line, column: mark.column)
        case .duplicatedKeysInMapping(let duplicates, _):
            return .error("invalid YAML: key '\(duplicates.joined(separator: "', '"))' appears twice; keep one", at: path, line: lineOffset + 1, column: 1)
        default:
            return .error("invalid YAML: \(error)", at: path, line: lineOffset + 1, column: 1)
        }
    }

    /// Records an error located at `node`.
    mutating func error(_ message: String, at node: Yams.Node?) {
        let mark = node?.mark
        diagnostics.append(.error(message, at: path, line: lineOffset + (mark?.line ?? 1), column: mark?.column ?? 1))
    }

    /// Records an error at a line and column of the parsed text.
    mutating func error(_ message: String, line: Int, column: Int) {
        diagnostics.append(.error(message, at: path, line: lineOffset + line, column: column))
    }

    mutating func warning(_ message: String, at node: Yams.Node?) {
        let mark = node?.mark
        diagnostics.append(.warning(message, at: path, line: lineOffset + (mark?.line ?? 1), column: mark?.column ?? 1))
    }

    /// The pairs of a mapping with string keys; an error when `node` is another kind.
    mutating func mapping(_ node: Yams.Node, what: String) -> [(key: String, keyNode: Yams.Node, value: Yams.Node)]? {
        guard case .mapping(let mapping) = node else {
            error("\(what) must be a mapping of 'key: value' lines", at: node)
            return nil
        }
        return mapping.map { pair in (key: pair.key.scalar?.string ?? "", keyNode: pair.key, value: pair.value) }
    }

    /// A scalar read as text; `nil` with an error for lists and mappings.
    mutating func string(_ node: Yams.Node, key: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error("'\(key)' must be a string, not \(kindName(node))", at: node)
            return nil
        }
        return scalar.string
    }

    /// Like `string`, but a YAML null (`~`, `null`, empty) is `nil` without an error.
    mutating func optionalString(_ node: Yams.Node, key: String) -> String? {
        if isNull(node) { return nil }
        return string(node, key: key)
    }

    mutating func bool(_ node: Yams.Node, key: String) -> Bool? {
        if case .scalar(let scalar) = node, scalar.style == .plain {
            switch scalar.string.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        error("'\(key)' must be true or false", at: node)
        return nil
    }

    mutating func int(_ node: Yams.Node, key: String, minimum: Int = Int.min) -> Int? {
        if case .scalar(let scalar) = node, scalar.style == .plain, let value = Int(scalar.string), value >= minimum {
            return value
        }
        error("'\(key)' must be a whole number\(minimum > Int.min ? " of at least \(minimum)" : "")", at: node)
        return nil
    }

    /// A list of strings; a single string is a list of one (DESIGN §3).
    mutating func stringList(_ node: Yams.Node, key: String) -> [String]? {
        switch node {
        case .scalar(let scalar):
            if isNull(node) { return [] }
            return [scalar.string]
        case .sequence(let sequence):
            var values: [String] = []
            for element in sequence {
                guard case .scalar(let scalar) = element, !isNull(element) else {
                    error("each entry of '\(key)' must be a string", at: element)
                    return nil
                }
                values.append(scalar.string)
            }
            return values
        default:
            error("'\(key)' must be a string or a list of strings", at: node)
            return nil
        }
    }

    /// A list of names each read by `parse`; an unknown one is an error at
    /// its own entry: "unknown WHAT 'x' in KEY: use ALLOWED".
    mutating func names<T>(_ node: Yams.Node, key: String, what: String, allowed: String, parse: (String) -> T?) -> [T]? {
        guard let names = stringList(node, key: key) else { return nil }
        var values: [T] = []
        for (index, name) in names.enumerated() {
            if let value = parse(name) {
                values.append(value)
            } else {
                error("unknown \(what) '\(name)' in \(key): use \(allowed)", at: entry(index, of: node))
            }
        }
        return values
    }

    /// The entry at `index` of a list, or the node itself when it is one value.
    func entry(_ index: Int, of node: Yams.Node) -> Yams.Node {
        if case .sequence(let sequence) = node, index < sequence.count { return sequence[index] }
        return node
    }

    func isNull(_ node: Yams.Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" || scalar.string == "Null" || scalar.string == "NULL"
    }

    func kindName(_ node: Yams.Node) -> String {
        switch node {
        case .scalar: return "a string"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// Any YAML value as templates see it: plain scalars become booleans,
    /// numbers or none where YAML would read them so; everything else text.
    func value(_ node: Yams.Node) -> Value {
        var budget = Self.valueBudget
        return value(node, budget: &budget) ?? .none
    }

    /// Values one YAML document may expand to. Aliases share nodes, so ten
    /// lines of anchors can stand for billions of values ("billion laughs").
    static let valueBudget = 100_000

    /// Like `value(_:)`, but records an error and returns nil when the value
    /// expands to more than `valueBudget` values.
    mutating func checkedValue(_ node: Yams.Node, key: String) -> Value? {
        // Reported once: the values after the first that overflows fail too.
        guard valuesLeft > 0 else { return nil }
        guard let result = value(node, budget: &valuesLeft) else {
            valuesLeft = 0
            error("'\(key)' expands to too many values (more than \(Self.valueBudget)); are aliases ('*name') repeating each other?", at: node)
            return nil
        }
        return result
    }

    private func value(_ node: Yams.Node, budget: inout Int) -> Value? {
        budget -= 1
        guard budget >= 0 else { return nil }
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain else { return .string(scalar.string) }
            if isNull(node) { return Value.none }
            switch scalar.string {
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            default: break
            }
            if let int = Int(scalar.string) { return .int(int) }
            if let double = Double(scalar.string), scalar.string.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
                return .double(double)
            }
            return .string(scalar.string)
        case .sequence(let sequence):
            var list: [Value] = []
            list.reserveCapacity(sequence.count)
            for element in sequence {
                guard let item = value(element, budget: &budget) else { return nil }
                list.append(item)
            }
            return .list(list)
        case .mapping(let mapping):
            var dictionary: [String: Value] = [:]
            for pair in mapping {
                guard let item = value(pair.value, budget: &budget) else { return nil }
                dictionary[pair.key.scalar?.string ?? ""] = item
            }
            return .map(dictionary)
        case .alias:
            return Value.none
        }
    }
}
