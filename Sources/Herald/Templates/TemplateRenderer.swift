import Foundation

/// `loop` inside `{% for %}`: index, index0, first, last, length, revindex, revindex0.
struct LoopInfo: TemplateObject {
    var index0: Int
    var length: Int

    func member(_ name: String) -> Value? {
        member(MemberName(name))
    }

    func member(_ name: MemberName) -> Value? {
        switch name.symbol {
        case .index: return .int(index0 + 1)
        case .index0: return .int(index0)
        case .first: return .bool(index0 == 0)
        case .last: return .bool(index0 == length - 1)
        case .length: return .int(length)
        case .revindex: return .int(length - index0)
        case .revindex0: return .int(length - index0 - 1)
        default: return nil
        }
    }

    var memberNames: [String] { ["first", "index", "index0", "last", "length", "revindex", "revindex0"] }
}

/// A template with its `extends` chain resolved.
struct LinkedTemplate: Sendable {
    var index: Int
    /// The nodes of the base-most template of the chain.
    var root: [Node]
    /// Block name → bodies, most derived first; `super()` moves one step along.
    var blocks: [String: [[Node]]]
    /// Top-level `set`s of the derived templates, most derived first.
    var preamble: [[Node]]
}

/// The state of one `render` call. Never shared between threads.
///
/// A struct, not a class: its state is then modified in place under static
/// exclusivity checks, where a class's properties would be checked at run
/// time on every append to the output.
struct TemplateRenderer {
    private struct BlockFrame {
        var name: String
        var level: Int
    }

    static let maximumDepth = 64
    /// How deeply bodies (of tags, blocks, includes and `super()`) may nest
    /// while rendering, so that no theme overflows a thread's stack.
    static let maximumNesting = 160

    private let library: TemplateLibrary
    private let environment: TemplateEnvironment
    private let timeZone: TimeZone
    /// The page so far, as UTF-8: appending bytes skips the bookkeeping
    /// (character counts, ASCII flags) that appending strings does.
    var output: [UInt8] = []
    /// The variables the caller passed (those any template uses), then those
    /// made by `set` and `for`, innermost last; scopes are ranges of it.
    private var locals = TemplateLocals()
    /// Where each open scope starts in `locals`.
    private var scopeStarts: [Int] = [0]
    private var blocks: [String: [[Node]]] = [:]
    private var blockFrames: [BlockFrame] = []
    private var depth = 0
    /// Bodies being rendered, outermost first: checked where nesting can grow without bound.
    private var nesting = 0

    init(library: TemplateLibrary, context: [String: Value]) {
        self.library = library
        self.environment = library.environment
        self.timeZone = library.environment.timeZone
        for (name, value) in context {
            if let id = library.variableIDs[name] { locals.append(id, value) }
        }
        scopeStarts = [locals.count]
        output.reserveCapacity(32_768)
    }

    mutating func render(_ template: LinkedTemplate) throws(TemplateFailure) {
        let savedBlocks = blocks, savedFrames = blockFrames
        blocks = template.blocks
        blockFrames = []
        defer {
            blocks = savedBlocks
            blockFrames = savedFrames
        }
        for nodes in template.preamble { try render(nodes) }
        try render(template.root)
    }

    private mutating func render(_ nodes: [Node]) throws(TemplateFailure) {
        nesting += 1
        defer { nesting -= 1 }
        for node in nodes {
            switch node {
            case .text(let text):
                output.append(contentsOf: text.utf8)
            // Both cases call out, so that this frame, which every nesting
            // level of a template pays for, stays small.
            case .output(let expr):
                try write(expr)
            case .conditional(let branches, let otherwise):
                try render(try chosenBody(branches, otherwise: otherwise))
            case .loop(let key, let value, let sequence, let body, let otherwise, let loc):
                try renderLoop(key: key, value: value, sequence: sequence, body: body, otherwise: otherwise, loc: loc)
            case .set(let name, let expr):
                setLocal(name, try evaluate(expr))
            case .capture(let name, let body):
                setLocal(name, .html(try capture(body)))
            case .include(let expr, let loc):
                try include(expr, loc: loc)
            case .block(let name):
                guard let bodies = blocks[name], !bodies.isEmpty else { continue }
                try renderBlock(name: name, level: 0, bodies: bodies)
            }
        }
    }

    private mutating func capture(_ body: [Node]) throws(TemplateFailure) -> String {
        let saved = output
        output = []
        defer { output = saved }
        try render(body)
        return String(decoding: output, as: UTF8.self)
    }

    private mutating func renderBlock(name: String, level: Int, bodies: [[Node]]) throws(TemplateFailure) {
        blockFrames.append(BlockFrame(name: name, level: level))
        pushScope()
        defer {
            popScope()
            blockFrames.removeLast()
        }
        try render(bodies[level])
    }

    private mutating func include(_ expr: Expr, loc: SourceLoc) throws(TemplateFailure) {
        let nameValue = try evaluate(expr)
        let name: String
        switch nameValue {
        case .string(let text), .html(let text): name = text
        default:
            throw TemplateFailure(message: "'include' needs a template name string, not \(ValueOps.typeName(nameValue))", loc: loc)
        }
        guard let template = library.linked[name] else {
            throw TemplateFailure(message: "template '\(name)' does not exist; check the name (relative to Templates/)", loc: loc)
        }
        guard depth < TemplateRenderer.maximumDepth else {
            throw TemplateFailure(
                message: "includes are nested more than \(TemplateRenderer.maximumDepth) deep; '\(name)' probably includes itself without end",
                loc: loc)
        }
        try checkNesting(loc)
        depth += 1
        pushScope()
        defer {
            popScope()
            depth -= 1
        }
        try render(template)
    }

    private mutating func renderLoop(
        key: VariableName?, value: VariableName, sequence: Expr, body: [Node], otherwise: [Node], loc: SourceLoc
    ) throws(TemplateFailure) {
        let collection = try evaluate(sequence)
        var pairs: [(Value?, Value)] = []
        switch collection {
        case .none:
            break
        case .list(let items):
            if key == nil {
                try renderItems(count: items.count, value: value, body: body) { items[$0] }
                if items.isEmpty { try render(otherwise) }
                return
            }
            for item in items {
                guard case .list(let pair) = item, pair.count == 2 else {
                    throw TemplateFailure(
                        message: "'for \(key!.text), \(value.text) in …' needs a map or a list of pairs; this list holds \(ValueOps.typeName(item))",
                        loc: loc)
                }
                pairs.append((pair[0], pair[1]))
            }
        case .map(let dictionary):
            for name in dictionary.keys.sorted() { pairs.append((.string(name), dictionary[name]!)) }
        case .object(let object):
            for name in object.memberNames.sorted() { pairs.append((.string(name), object.member(name) ?? Value.none)) }
        default:
            throw TemplateFailure(
                message: "cannot loop over \(ValueOps.typeName(collection)) ('\(sequence.spelling)'); loop over a list or a map",
                loc: loc)
        }
        if pairs.isEmpty {
            try render(otherwise)
            return
        }
        if let key {
            pushScope()
            defer { popScope() }
            let start = locals.count
            for (offset, pair) in pairs.enumerated() {
                locals.removeAll(from: start)
                locals.append(key.id, pair.0 ?? Value.none)
                locals.append(value.id, pair.1)
                locals.append(VariableNames.loop.id, .object(LoopInfo(index0: offset, length: pairs.count)))
                try render(body)
            }
        } else {
            try renderItems(count: pairs.count, value: value, body: body) { pairs[$0].0 ?? Value.none }
        }
    }

    private mutating func renderItems(
        count: Int, value: VariableName, body: [Node], item: (Int) -> Value
    ) throws(TemplateFailure) {
        guard count > 0 else { return }
        pushScope()
        defer { popScope() }
        let start = locals.count
        for offset in 0..<count {
            locals.removeAll(from: start)
            locals.append(value.id, item(offset))
            locals.append(VariableNames.loop.id, .object(LoopInfo(index0: offset, length: count)))
            try render(body)
        }
    }

    @inline(never)
    private mutating func write(_ expr: Expr) throws(TemplateFailure) {
        let value = try evaluate(expr)
        if TemplateHints.isStructured(value) { try checkPrintable(value, expr) }
        ValueOps.write(value, to: &output, timeZone: timeZone)
    }

    /// The body of the first branch whose test is true, else the `else` body.
    @inline(never)
    private mutating func chosenBody(_ branches: [(Expr, [Node])], otherwise: [Node]) throws(TemplateFailure) -> [Node] {
        for (condition, body) in branches where try isTrue(condition) { return body }
        return otherwise
    }

    /// A map, a page or a list of maps has no text a reader wants (it used to
    /// print as JSON or as nothing): name the member to print instead.
    @inline(never)
    private func checkPrintable(_ value: Value, _ expr: Expr) throws(TemplateFailure) {
        guard let loc = expr.location, let problem = TemplateHints.unprintable(value, spelling: expr.spelling) else { return }
        throw TemplateFailure(message: problem, loc: loc)
    }

    /// The test of an `if` or `elif`: an undefined name, member or index is
    /// false here, also as an operand of `and`, `or` and `not` (as in Jinja,
    /// Tera and Hugo), so optional front matter needs no `is defined` guard.
    /// Everywhere else an undefined name stays an error, to catch typos.
    private mutating func isTrue(_ condition: Expr) throws(TemplateFailure) -> Bool {
        switch condition {
        case .name, .member, .index:
            if case .member(let base, let name, _) = condition, let value = memberOfVariable(base, name) {
                return value.isTruthy
            }
            return try resolveInTest(condition)?.isTruthy ?? false
        case .not(let operand):
            return !(try isTrue(operand))
        case .binary(.and, let left, let right, _):
            guard try isTrue(left) else { return false }
            return try isTrue(right)
        case .binary(.or, let left, let right, _):
            if try isTrue(left) { return true }
            return try isTrue(right)
        default:
            return try evaluate(condition).isTruthy
        }
    }

    /// Like `resolve`, but a capitalised member that Herald spells in lower
    /// case (`page.Title`, `page.Params`) is still an error: it is another
    /// generator's spelling, which would otherwise be silently false.
    private mutating func resolveInTest(_ expr: Expr) throws(TemplateFailure) -> Value? {
        switch expr {
        case .name(let name, _):
            return lookup(name)
        case .member(let base, let name, let loc):
            guard let container = try resolveInTest(base) else { return nil }
            if let value = container.member(name) { return value }
            if let hint = caseHint(container, base, name) { throw TemplateFailure(message: hint, loc: loc) }
            return nil
        default:
            return try resolve(expr)
        }
    }

    /// "Herald writes 'page.params'" for `page.Params`, when the lower-case spelling exists.
    private func caseHint(_ container: Value, _ base: Expr, _ name: MemberName) -> String? {
        guard case .object(let object) = container, name.text.first?.isUppercase == true else { return nil }
        let lower = TemplateHints.snakeCase(name.text)
        guard object.member(lower) != nil else { return nil }
        return "'\(base.spelling)' has no member '\(name.text)'; Herald's names are lower case: write '\(base.spelling).\(lower)'"
    }

    // MARK: Expressions

    private mutating func pushScope() {
        scopeStarts.append(locals.count)
    }

    private mutating func popScope() {
        locals.removeAll(from: scopeStarts.removeLast())
    }

    /// `set` writes to the innermost scope, replacing a variable it already has.
    private mutating func setLocal(_ name: VariableName, _ value: Value) {
        if let index = locals.lastIndex(of: name.id, from: scopeStarts[scopeStarts.count - 1]) {
            locals[index] = value
        } else {
            locals.append(name.id, value)
        }
    }

    private func lookup(_ name: VariableName) -> Value? {
        locals.lastIndex(of: name.id).map { locals[$0] }
    }

    /// The value, or `nil` when a name, member or index along the way is undefined.
    mutating func resolve(_ expr: Expr) throws(TemplateFailure) -> Value? {
        switch expr {
        case .name(let name, _):
            return lookup(name)
        case .member(let base, let name, _):
            guard let container = try resolve(base) else { return nil }
            return container.member(name)
        case .index(let base, let index, let loc):
            guard let container = try resolve(base) else { return nil }
            return try subscriptValue(container, try evaluate(index), loc: loc, base: base, strict: false)
        default:
            return try evaluate(expr)
        }
    }

    private func subscriptValue(_ container: Value, _ index: Value, loc: SourceLoc, base: Expr, strict: Bool) throws(TemplateFailure) -> Value? {
        switch (container, index) {
        case (.list(let items), .int(let position)):
            let actual = position < 0 ? items.count + position : position
            if actual >= 0 && actual < items.count { return items[actual] }
            if strict {
                throw TemplateFailure(
                    message: "index \(position) is out of range: '\(base.spelling)' has \(items.count) item\(items.count == 1 ? "" : "s")",
                    loc: loc)
            }
            return nil
        case (.string(let text), .int(let position)), (.html(let text), .int(let position)):
            let count = text.count
            let actual = position < 0 ? count + position : position
            if actual >= 0 && actual < count { return .string(String(text[text.index(text.startIndex, offsetBy: actual)])) }
            if strict {
                throw TemplateFailure(message: "index \(position) is out of range: the text has \(count) characters", loc: loc)
            }
            return nil
        case (.map, .string(let name)), (.object, .string(let name)):
            if let value = container.member(name) { return value }
            if strict {
                throw TemplateFailure(
                    message: "'\(base.spelling)' has no member '\(name)'; check the spelling, or add '| default(…)'", loc: loc)
            }
            return nil
        case (.none, _):
            if strict {
                throw TemplateFailure(message: "'\(base.spelling)' is none, so it cannot be indexed; guard it with '{% if \(base.spelling) %}'", loc: loc)
            }
            return nil
        default:
            throw TemplateFailure(
                message: "cannot index \(ValueOps.typeName(container)) ('\(base.spelling)') with \(ValueOps.typeName(index))",
                loc: loc)
        }
    }

    mutating func evaluate(_ expr: Expr) throws(TemplateFailure) -> Value {
        switch expr {
        case .literal(let value):
            return value
        case .name(let name, let loc):
            if let value = lookup(name) { return value }
            throw TemplateFailure(
                message: "'\(name.text)' is not defined; check the spelling, or use '| default(…)' (in an 'if' test an undefined name is simply false)",
                loc: loc)
        case .member(let base, let name, let loc):
            return try evaluateMember(base, name, loc: loc)
        case .index(let base, let index, let loc):
            let container = try evaluate(base)
            let key = try evaluate(index)
            return try subscriptValue(container, key, loc: loc, base: base, strict: true) ?? Value.none
        case .list(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try evaluate(item)) }
            return .list(values)
        case .negate(let operand, let loc):
            switch try evaluate(operand) {
            case .int(let number): return .int(-number)
            case .double(let number): return .double(-number)
            case let other:
                throw TemplateFailure(message: "cannot negate \(ValueOps.typeName(other)); '-' needs a number", loc: loc)
            }
        case .not(let operand):
            return .bool(!(try evaluate(operand).isTruthy))
        case .binary(let op, let left, let right, let loc):
            return try binary(op, left, right, loc: loc)
        case .conditional(let condition, let value, let otherwise):
            if try evaluate(condition).isTruthy { return try evaluate(value) }
            guard let otherwise else { return .none }
            return try evaluate(otherwise)
        case .test(let operand, let kind, let negated, _):
            let result: Bool
            switch kind {
            case .defined: result = try resolve(operand) != nil
            case .undefined: result = try resolve(operand) == nil
            default: result = test(kind, try evaluate(operand))
            }
            return .bool(result != negated)
        case .filter(let base, let kind, let arguments, let loc):
            return try applyFilter(kind, base: base, arguments: arguments, loc: loc)
        case .superCall(let loc):
            return try renderSuper(loc: loc)
        }
    }

    /// `base.name`; apart from `evaluate`, whose stack frame every nesting
    /// level of a template pays for (threads have 512 KB of stack).
    private mutating func evaluateMember(_ base: Expr, _ name: MemberName, loc: SourceLoc) throws(TemplateFailure) -> Value {
        if let value = memberOfVariable(base, name) { return value }
        let container = try evaluate(base)
        if let value = container.member(name) { return value }
        throw missingMember(container, base, name, loc: loc)
    }

    /// The error for `base.name` when `name` is missing; apart from
    /// `evaluateMember`, whose frame long member chains pay for at every step.
    @inline(never)
    private func missingMember(_ container: Value, _ base: Expr, _ name: MemberName, loc: SourceLoc) -> TemplateFailure {
        if let hint = caseHint(container, base, name) { return TemplateFailure(message: hint, loc: loc) }
        switch container {
        case .none:
            return TemplateFailure(
                message: "'\(base.spelling)' is none, so it has no member '\(name.text)'; guard it with '{% if \(base.spelling) %}'",
                loc: loc)
        case .map, .object:
            return TemplateFailure(
                message: "'\(base.spelling)' has no member '\(name.text)'; check the spelling, or use '\(base.spelling).\(name.text) | default(…)'",
                loc: loc)
        default:
            return TemplateFailure(
                message: "'\(base.spelling)' is \(ValueOps.typeName(container)), which has no member '\(name.text)'",
                loc: loc)
        }
    }

    /// `super()`: the parent's version of the current block, as HTML.
    private mutating func renderSuper(loc: SourceLoc) throws(TemplateFailure) -> Value {
        guard let frame = blockFrames.last, let bodies = blocks[frame.name] else {
            throw TemplateFailure(message: "'super()' works only inside a '{% block %}'", loc: loc)
        }
        guard frame.level + 1 < bodies.count else {
            throw TemplateFailure(
                message: "block '\(frame.name)' has no parent block to call with 'super()'; remove it", loc: loc)
        }
        try checkNesting(loc)
        let saved = output
        output = []
        defer { output = saved }
        try renderBlock(name: frame.name, level: frame.level + 1, bodies: bodies)
        return .html(String(decoding: output, as: UTF8.self))
    }

    /// `page.title`, the most common expression, without copying `page`.
    /// Kept out of `evaluate`, whose stack frame every nesting level pays for.
    private func memberOfVariable(_ base: Expr, _ name: MemberName) -> Value? {
        guard case .name(let variable, _) = base, let index = locals.lastIndex(of: variable.id) else { return nil }
        return locals.member(ofVariableAt: index, name)
    }

    private func checkNesting(_ loc: SourceLoc) throws(TemplateFailure) {
        guard nesting < TemplateRenderer.maximumNesting else {
            throw TemplateFailure(
                message: "templates are nested too deeply here (more than \(TemplateRenderer.maximumNesting) levels of tags, includes and 'super()'); include or extend less deeply",
                loc: loc)
        }
    }

    private func test(_ kind: TestKind, _ value: Value) -> Bool {
        switch kind {
        case .defined, .undefined: return true
        case .none: if case .none = value { return true } else { return false }
        case .string: if case .string = value { return true } else if case .html = value { return true } else { return false }
        case .number:
            switch value {
            case .int, .double: return true
            default: return false
            }
        case .boolean: if case .bool = value { return true } else { return false }
        case .mapping:
            switch value {
            case .map, .object: return true
            default: return false
            }
        case .iterable:
            switch value {
            case .list, .map, .object: return true
            default: return false
            }
        case .odd: if case .int(let number) = value { return number % 2 != 0 } else { return false }
        case .even: if case .int(let number) = value { return number % 2 == 0 } else { return false }
        }
    }

    private mutating func binary(_ op: BinaryOp, _ leftExpr: Expr, _ rightExpr: Expr, loc: SourceLoc) throws(TemplateFailure) -> Value {
        let left = try evaluate(leftExpr)
        switch op {
        case .and: return left.isTruthy ? try evaluate(rightExpr) : left
        case .or: return left.isTruthy ? left : try evaluate(rightExpr)
        default: break
        }
        let right = try evaluate(rightExpr)
        func mismatch(_ symbol: String) -> TemplateFailure {
            TemplateFailure(
                message: "cannot use '\(symbol)' with \(ValueOps.typeName(left)) and \(ValueOps.typeName(right))", loc: loc)
        }
        func numbers() -> (Double, Double)? {
            switch (left, right) {
            case (.int(let a), .double(let b)): return (Double(a), b)
            case (.double(let a), .int(let b)): return (a, Double(b))
            case (.double(let a), .double(let b)): return (a, b)
            case (.int(let a), .int(let b)): return (Double(a), Double(b))
            default: return nil
            }
        }
        func overflow() -> TemplateFailure { TemplateFailure(message: "the result is too large for an integer", loc: loc) }
        switch op {
        case .equal: return .bool(ValueOps.equal(left, right))
        case .notEqual: return .bool(!ValueOps.equal(left, right))
        case .less, .lessEqual, .greater, .greaterEqual:
            guard let order = ValueOps.compare(left, right) else {
                let symbol = op == .less ? "<" : op == .lessEqual ? "<=" : op == .greater ? ">" : ">="
                throw mismatch(symbol)
            }
            switch op {
            case .less: return .bool(order == .orderedAscending)
            case .lessEqual: return .bool(order != .orderedDescending)
            case .greater: return .bool(order == .orderedDescending)
            default: return .bool(order != .orderedAscending)
            }
        case .contains, .notContains:
            let found: Bool
            switch right {
            case .list(let items): found = items.contains { ValueOps.equal($0, left) }
            case .string(let text), .html(let text):
                guard case .string(let needle) = left else {
                    if case .html(let needle) = left { found = text.contains(needle); break }
                    throw mismatch(op == .contains ? "in" : "not in")
                }
                found = needle.isEmpty || text.contains(needle)
            case .map(let dictionary):
                guard case .string(let name) = left else { throw mismatch(op == .contains ? "in" : "not in") }
                found = dictionary[name] != nil
            case .object(let object):
                guard case .string(let name) = left else { throw mismatch(op == .contains ? "in" : "not in") }
                found = object.member(name) != nil
            case .none:
                found = false
            default:
                throw mismatch(op == .contains ? "in" : "not in")
            }
            return .bool(found == (op == .contains))
        case .add:
            switch (left, right) {
            case (.int(let a), .int(let b)):
                let (sum, overflowed) = a.addingReportingOverflow(b)
                if overflowed { throw overflow() }
                return .int(sum)
            case (.string(let a), .string(let b)): return .string(a + b)
            case (.html(let a), .html(let b)): return .html(a + b)
            case (.list(let a), .list(let b)): return .list(a + b)
            default:
                guard let (a, b) = numbers() else { throw mismatch("+") }
                return .double(a + b)
            }
        case .subtract:
            if case .int(let a) = left, case .int(let b) = right {
                let (difference, overflowed) = a.subtractingReportingOverflow(b)
                if overflowed { throw overflow() }
                return .int(difference)
            }
            guard let (a, b) = numbers() else { throw mismatch("-") }
            return .double(a - b)
        case .multiply:
            switch (left, right) {
            case (.int(let a), .int(let b)):
                let (product, overflowed) = a.multipliedReportingOverflow(by: b)
                if overflowed { throw overflow() }
                return .int(product)
            case (.string(let text), .int(let count)): return .string(String(repeating: text, count: max(count, 0)))
            default:
                guard let (a, b) = numbers() else { throw mismatch("*") }
                return .double(a * b)
            }
        case .divide:
            guard let (a, b) = numbers() else { throw mismatch("/") }
            if b == 0 { throw TemplateFailure(message: "division by zero", loc: loc) }
            return .double(a / b)
        case .floorDivide:
            if case .int(let a) = left, case .int(let b) = right {
                if b == 0 { throw TemplateFailure(message: "division by zero", loc: loc) }
                let quotient = a / b
                return .int((a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient)
            }
            guard let (a, b) = numbers() else { throw mismatch("//") }
            if b == 0 { throw TemplateFailure(message: "division by zero", loc: loc) }
            return .double((a / b).rounded(.down))
        case .modulo:
            if case .int(let a) = left, case .int(let b) = right {
                if b == 0 { throw TemplateFailure(message: "modulo by zero", loc: loc) }
                let remainder = a % b
                return .int(remainder != 0 && (remainder < 0) != (b < 0) ? remainder + b : remainder)
            }
            guard let (a, b) = numbers() else { throw mismatch("%") }
            if b == 0 { throw TemplateFailure(message: "modulo by zero", loc: loc) }
            let remainder = a.truncatingRemainder(dividingBy: b)
            return .double(remainder != 0 && (remainder < 0) != (b < 0) ? remainder + b : remainder)
        case .concat:
            switch (left, right) {
            case (.html, _), (_, .html):
                return .html(escapedText(left) + escapedText(right))
            default:
                return .string(ValueOps.plainText(left, timeZone: timeZone) + ValueOps.plainText(right, timeZone: timeZone))
            }
        case .and, .or:
            return .none
        }
    }

    /// HTML text of a value: safe values as they are, others escaped.
    func escapedText(_ value: Value) -> String {
        if case .html(let text) = value { return text }
        return HTMLEscaping.escape(ValueOps.plainText(value, timeZone: timeZone))
    }

    func plainText(_ value: Value) -> String {
        ValueOps.plainText(value, timeZone: timeZone)
    }

    var templateEnvironment: TemplateEnvironment { environment }

    var templateAssets: AssetFingerprints { library.assets }
}
