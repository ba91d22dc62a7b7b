import Foundation

/// The parsed form of one template, before `extends` chains are resolved.
struct ParsedTemplate: Sendable {
    var nodes: [Node]
    /// Every `{% block %}` body in the template, nested ones included.
    var blocks: [String: [Node]]
    /// `{% extends %}` target and where it was written.
    var parent: (name: String, loc: SourceLoc)?
    /// Top-level `set` statements of a child template, run before its parent renders.
    var preamble: [Node]
    /// Includes of literal names: (name, where, conditional).
    var includes: [(name: String, loc: SourceLoc, conditional: Bool)]
    /// The paths written before `| fingerprint`, and where: the files the
    /// build hashes and publishes.
    var fingerprints: [(path: String, loc: SourceLoc)]
}

/// Turns tokens into nodes; collects every problem it can find instead of stopping.
struct TemplateParser {
    private var tokens: [Token]
    private var position = 0
    private let templateIndex: Int
    private(set) var problems: [SyntaxProblem] = []
    private var blocks: [String: [Node]] = [:]
    private var parent: (name: String, loc: SourceLoc)?
    private var includes: [(name: String, loc: SourceLoc, conditional: Bool)] = []
    private var fingerprints: [(path: String, loc: SourceLoc)] = []
    /// Open constructs, innermost last: keyword and the end tags it accepts.
    private var openStack: [(keyword: String, ends: Set<String>)] = []
    private var conditionalDepth = 0
    /// Recursion of the expression parser (parentheses, lists, `not`, `-`).
    private var expressionNesting = 0
    /// Operators, filters, tests, members and indexes of the current
    /// top-level expression: each one is a level the renderer recurses into.
    private var operations = 0
    /// Set when tags nest too deeply: the rest of the template is skipped.
    private var abandoned = false

    /// Limits that keep parsing and rendering within a thread's stack: no
    /// theme comes near them, but a broken or hostile one would otherwise
    /// crash the build with a stack overflow.
    static let maximumTagNesting = 32
    static let maximumExpressionNesting = 32
    static let maximumOperations = 100

    private struct Bail: Error {}

    /// Numbers variable names across all templates of the library.
    private let variables: VariableNames

    init(tokens: [Token], templateIndex: Int, variables: VariableNames) {
        self.tokens = tokens
        self.templateIndex = templateIndex
        self.variables = variables
    }

    static func parse(_ source: String, templateIndex: Int, variables: VariableNames, firstLine: Int = 1) -> (ParsedTemplate, [SyntaxProblem]) {
        let (tokens, lexProblems) = TemplateLexer.tokenize(source, firstLine: firstLine)
        var parser = TemplateParser(tokens: tokens, templateIndex: templateIndex, variables: variables)
        let nodes = parser.parseBody(ends: []).nodes
        var preamble: [Node] = []
        if parser.parent != nil {
            for node in nodes {
                if case .set = node { preamble.append(node) }
                if case .capture = node { preamble.append(node) }
            }
        }
        let parsed = ParsedTemplate(
            nodes: nodes, blocks: parser.blocks, parent: parser.parent, preamble: preamble,
            includes: parser.includes, fingerprints: parser.fingerprints)
        // A bad character or string usually makes the rest of its line unparsable: report the cause only.
        let parserProblems = parser.problems.filter { problem in
            !lexProblems.contains { $0.line == problem.line && $0.column < problem.column }
        }
        let problems = (lexProblems + parserProblems).sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        return (parsed, problems)
    }

    // MARK: Helpers

    private var current: Token { tokens[position] }

    private func loc(_ token: Token) -> SourceLoc {
        SourceLoc(template: templateIndex, line: token.line, column: token.column)
    }

    private mutating func fail(_ message: String, at token: Token) -> Bail {
        problems.append(SyntaxProblem(message: message, line: token.line, column: token.column))
        return Bail()
    }

    private mutating func next() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func isSymbol(_ symbol: String) -> Bool {
        if case .symbol(let value) = current.kind { return value == symbol }
        return false
    }

    private func isName(_ name: String) -> Bool {
        if case .name(let value) = current.kind { return value == name }
        return false
    }

    private mutating func expectSymbol(_ symbol: String, _ context: String) throws(Bail) {
        guard isSymbol(symbol) else { throw fail("expected '\(symbol)' \(context), found \(describe(current))", at: current) }
        position += 1
    }

    private mutating func expectName(_ context: String) throws(Bail) -> String {
        guard case .name(let name) = current.kind else {
            throw fail("expected a name \(context), found \(describe(current))", at: current)
        }
        position += 1
        return name
    }

    private mutating func expectTagClose(_ tag: String) throws(Bail) {
        guard current.kind == .tagClose else {
            throw fail("unexpected \(describe(current)) in '{% \(tag) %}'; expected '%}'", at: current)
        }
        position += 1
    }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .text: return "text"
        case .outputOpen: return "'{{'"
        case .outputClose: return "'}}'"
        case .tagOpen: return "'{%'"
        case .tagClose: return "'%}'"
        case .name(let name): return "'\(name)'"
        case .string: return "a string"
        case .int(let value): return "the number \(value)"
        case .double(let value): return "the number \(value)"
        case .symbol(let symbol): return "'\(symbol)'"
        case .end: return "the end of the template"
        }
    }

    /// Skips to just after the end of the current tag or output.
    private mutating func recover() {
        while true {
            switch current.kind {
            case .tagClose, .outputClose:
                position += 1
                return
            case .end, .text, .tagOpen, .outputOpen:
                return
            default:
                position += 1
            }
        }
    }

    // MARK: Statements

    enum BodyEnd {
        case eof
        /// An end tag this body accepts; the parser is just after the keyword.
        case tag(String, Token)
        /// An end tag an enclosing construct accepts; the parser is at its '{%'.
        case outer(String, Token)
    }

    private mutating func parseBody(ends: Set<String>) -> (nodes: [Node], end: BodyEnd) {
        var nodes: [Node] = []
        while true {
            let token = current
            switch token.kind {
            case .end:
                return (nodes, .eof)
            case .text(let text):
                position += 1
                nodes.append(.text(text))
            case .outputOpen:
                position += 1
                do {
                    if let hint = goKeywordHint() { throw fail(hint, at: current) }
                    let expr = try parseExpression()
                    guard current.kind == .outputClose else {
                        throw fail("unexpected \(describe(current)) in '{{ … }}'; expected '}}'", at: current)
                    }
                    position += 1
                    nodes.append(.output(expr))
                } catch {
                    recover()
                }
            case .tagOpen:
                position += 1
                let keywordToken = current
                guard case .name(let keyword) = keywordToken.kind else {
                    _ = fail("expected a tag name after '{%', found \(describe(keywordToken))", at: keywordToken)
                    recover()
                    continue
                }
                if ends.contains(keyword) {
                    position += 1
                    return (nodes, .tag(keyword, token))
                }
                if openStack.contains(where: { $0.ends.contains(keyword) }) {
                    position -= 1
                    return (nodes, .outer(keyword, keywordToken))
                }
                position += 1
                do {
                    if let node = try parseStatement(keyword, open: token, keywordToken: keywordToken) {
                        nodes.append(node)
                    }
                } catch {
                    recover()
                }
            default:
                _ = fail("unexpected \(describe(token))", at: token)
                position += 1
            }
        }
    }

    /// Parses a construct's body up to one of `ends`, reporting an unclosed construct at its opening tag.
    private mutating func parseBlockBody(
        keyword: String, open: Token, ends: Set<String>, closing: String
    ) -> (nodes: [Node], end: String?) {
        if openStack.count >= Self.maximumTagNesting {
            if !abandoned {
                _ = fail("tags are nested too deeply (more than \(Self.maximumTagNesting) levels); the rest of the template is not read", at: open)
                abandoned = true
            }
            position = tokens.count - 1
            return ([], nil)
        }
        openStack.append((keyword, ends))
        let (nodes, end) = parseBody(ends: ends)
        openStack.removeLast()
        switch end {
        case .tag(let name, _):
            return (nodes, name)
        case .eof:
            if !abandoned {
                _ = fail("'{% \(keyword) %}' is never closed; add '{% \(closing) %}'", at: open)
            }
            return (nodes, nil)
        case .outer(let name, let token):
            _ = fail(
                "'{% \(keyword) %}' is not closed before '{% \(name) %}' on line \(token.line); add '{% \(closing) %}'",
                at: open)
            return (nodes, nil)
        }
    }

    private mutating func parseStatement(_ keyword: String, open: Token, keywordToken: Token) throws(Bail) -> Node? {
        switch keyword {
        case "if": return try parseIf(open: open)
        case "for": return try parseFor(open: open)
        case "set": return try parseSet(open: open)
        case "include":
            let expr = try parseExpression()
            try expectTagClose("include")
            if case .literal(.string(let name)) = expr {
                includes.append((name, loc(keywordToken), conditionalDepth > 0))
            }
            return .include(expr, loc(keywordToken))
        case "extends":
            guard case .string(let name) = current.kind else {
                throw fail("'extends' needs the quoted name of a template, like {% extends \"base.html\" %}", at: current)
            }
            position += 1
            try expectTagClose("extends")
            if parent != nil {
                throw fail("a template can extend only one template; remove this second '{% extends %}'", at: open)
            }
            if !openStack.isEmpty {
                throw fail("'{% extends %}' must be at the top level of the template, not inside another tag", at: open)
            }
            parent = (name, loc(keywordToken))
            return nil
        case "block": return try parseBlock(open: open)
        case "elif", "else", "endif", "endfor", "endblock", "endset", "endraw":
            let opener: String
            switch keyword {
            case "elif", "else", "endif": opener = "if"
            case "endfor": opener = "for"
            case "endblock": opener = "block"
            case "endset": opener = "set"
            default: opener = "raw"
            }
            throw fail("'{% \(keyword) %}' without a matching '{% \(opener) %}'; remove it or open the tag before it", at: open)
        default:
            let hint = TemplateHints.foreignTag(keyword).map { "; \($0)" } ?? ""
            throw fail(
                "unknown tag '\(keyword)'; the tags are if, for, set, include, extends, block and raw\(hint)",
                at: keywordToken)
        }
    }

    private mutating func parseIf(open: Token) throws(Bail) -> Node {
        var branches: [(Expr, [Node])] = []
        var otherwise: [Node] = []
        var condition: Expr
        do {
            condition = try parseExpression()
            try expectTagClose("if")
        } catch {
            // Keep parsing the body so that its end tags still match.
            recover()
            condition = .literal(.bool(false))
        }
        conditionalDepth += 1
        defer { conditionalDepth -= 1 }
        while true {
            let (nodes, end) = parseBlockBody(keyword: "if", open: open, ends: ["elif", "else", "endif"], closing: "endif")
            branches.append((condition, nodes))
            switch end {
            case "elif":
                do {
                    condition = try parseExpression()
                    try expectTagClose("elif")
                } catch {
                    recover()
                    condition = .literal(.bool(false))
                }
            case "else":
                do { try expectTagClose("else") } catch { recover() }
                let (elseNodes, elseEnd) = parseBlockBody(keyword: "if", open: open, ends: ["endif"], closing: "endif")
                otherwise = elseNodes
                if elseEnd != nil {
                    do { try expectTagClose("endif") } catch { recover() }
                }
                return .conditional(branches, otherwise: otherwise)
            case "endif":
                do { try expectTagClose("endif") } catch { recover() }
                return .conditional(branches, otherwise: otherwise)
            default:
                return .conditional(branches, otherwise: otherwise)
            }
        }
    }

    private mutating func parseFor(open: Token) throws(Bail) -> Node {
        var key: String?
        var value = "_"
        var sequence: Expr = .literal(.none)
        do {
            if isName("in") { throw fail("expected a name after 'for', found 'in'", at: current) }
            value = try expectName("after 'for'")
            if isSymbol(",") {
                position += 1
                key = value
                value = try expectName("after ',' in 'for'")
            }
            guard isName("in") else {
                throw fail("expected 'in' in '{% for … in … %}', found \(describe(current))", at: current)
            }
            position += 1
            sequence = try parseExpression()
            try expectTagClose("for")
        } catch {
            // Keep parsing the body so that its end tags still match.
            recover()
        }
        conditionalDepth += 1
        defer { conditionalDepth -= 1 }
        let (body, end) = parseBlockBody(keyword: "for", open: open, ends: ["else", "endfor"], closing: "endfor")
        var otherwise: [Node] = []
        if end == "else" {
            do { try expectTagClose("else") } catch { recover() }
            let (elseNodes, elseEnd) = parseBlockBody(keyword: "for", open: open, ends: ["endfor"], closing: "endfor")
            otherwise = elseNodes
            if elseEnd != nil {
                do { try expectTagClose("endfor") } catch { recover() }
            }
        } else if end != nil {
            do { try expectTagClose("endfor") } catch { recover() }
        }
        return .loop(key: key.map(variables.name), value: variables.name(value), sequence: sequence, body: body, otherwise: otherwise, loc(open))
    }

    private mutating func parseSet(open: Token) throws(Bail) -> Node {
        let name = try expectName("after 'set'")
        if current.kind == .tagClose {
            position += 1
            let (body, end) = parseBlockBody(keyword: "set", open: open, ends: ["endset"], closing: "endset")
            if end != nil {
                do { try expectTagClose("endset") } catch { recover() }
            }
            return .capture(variables.name(name), body)
        }
        try expectSymbol("=", "after the name in '{% set \(name) = … %}'")
        let expr = try parseExpression()
        try expectTagClose("set")
        return .set(variables.name(name), expr)
    }

    private mutating func parseBlock(open: Token) throws(Bail) -> Node {
        let nameToken = current
        var name = ""
        do {
            name = try expectName("after 'block'")
            try expectTagClose("block")
        } catch {
            // Keep parsing the body so that its end tag still matches.
            recover()
        }
        let (body, end) = parseBlockBody(keyword: "block", open: open, ends: ["endblock"], closing: "endblock")
        if end != nil {
            do {
                if case .name(let closingName) = current.kind {
                    if closingName != name {
                        throw fail("'{% endblock \(closingName) %}' closes block '\(name)'; write '{% endblock \(name) %}'", at: current)
                    }
                    position += 1
                }
                try expectTagClose("endblock")
            } catch {
                recover()
            }
        }
        if name.isEmpty { return .text("") }
        if blocks[name] != nil {
            _ = fail("block '\(name)' is defined twice in this template; rename one of them", at: nameToken)
        } else {
            blocks[name] = body
        }
        return .block(name)
    }

    // MARK: Expressions

    private mutating func parseExpression() throws(Bail) -> Expr {
        if expressionNesting == 0 { operations = 0 }
        try enterExpression()
        defer { expressionNesting -= 1 }
        let value = try parseOr()
        if isName("if") {
            try countOperation()
            position += 1
            let condition = try parseOr()
            var otherwise: Expr?
            if isName("else") {
                position += 1
                otherwise = try parseExpression()
            }
            return .conditional(condition, value, otherwise)
        }
        return value
    }

    /// One level deeper into the expression; the caller leaves it with `expressionNesting -= 1`.
    private mutating func enterExpression() throws(Bail) {
        guard expressionNesting < Self.maximumExpressionNesting else {
            throw fail("the expression is nested too deeply (more than \(Self.maximumExpressionNesting) levels of brackets, 'not' or '-'); simplify it", at: current)
        }
        expressionNesting += 1
    }

    /// One more operation in the current expression (each is a level of the tree the renderer walks).
    private mutating func countOperation() throws(Bail) {
        operations += 1
        guard operations <= Self.maximumOperations else {
            throw fail("the expression is nested too deeply (more than \(Self.maximumOperations) operators, filters and members); split it with '{% set %}'", at: current)
        }
    }

    private mutating func parseOr() throws(Bail) -> Expr {
        var left = try parseAnd()
        while isName("or") {
            try countOperation()
            let token = next()
            left = .binary(.or, left, try parseAnd(), loc(token))
        }
        return left
    }

    private mutating func parseAnd() throws(Bail) -> Expr {
        var left = try parseNot()
        while isName("and") {
            try countOperation()
            let token = next()
            left = .binary(.and, left, try parseNot(), loc(token))
        }
        return left
    }

    private mutating func parseNot() throws(Bail) -> Expr {
        if isName("not") {
            try countOperation()
            try enterExpression()
            defer { expressionNesting -= 1 }
            position += 1
            return .not(try parseNot())
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(Bail) -> Expr {
        var left = try parseAdditive()
        while true {
            let token = current
            let op: BinaryOp
            switch token.kind {
            case .symbol("=="): op = .equal
            case .symbol("!="): op = .notEqual
            case .symbol("<"): op = .less
            case .symbol("<="): op = .lessEqual
            case .symbol(">"): op = .greater
            case .symbol(">="): op = .greaterEqual
            case .name("in"): op = .contains
            case .name("not"):
                guard position + 1 < tokens.count, tokens[position + 1].kind == .name("in") else { return left }
                position += 1
                op = .notContains
            case .symbol("="):
                throw fail("'=' assigns only in '{% set %}'; compare with '=='", at: token)
            default:
                return left
            }
            try countOperation()
            position += 1
            left = .binary(op, left, try parseAdditive(), loc(token))
        }
    }

    private mutating func parseAdditive() throws(Bail) -> Expr {
        var left = try parseConcat()
        while true {
            let token = current
            let op: BinaryOp
            switch token.kind {
            case .symbol("+"): op = .add
            case .symbol("-"): op = .subtract
            default: return left
            }
            try countOperation()
            position += 1
            left = .binary(op, left, try parseConcat(), loc(token))
        }
    }

    private mutating func parseConcat() throws(Bail) -> Expr {
        var left = try parseMultiplicative()
        while isSymbol("~") {
            try countOperation()
            let token = next()
            left = .binary(.concat, left, try parseMultiplicative(), loc(token))
        }
        return left
    }

    private mutating func parseMultiplicative() throws(Bail) -> Expr {
        var left = try parseUnary(withFilters: true)
        while true {
            let token = current
            let op: BinaryOp
            switch token.kind {
            case .symbol("*"): op = .multiply
            case .symbol("/"): op = .divide
            case .symbol("//"): op = .floorDivide
            case .symbol("%"): op = .modulo
            default: return left
            }
            try countOperation()
            position += 1
            left = .binary(op, left, try parseUnary(withFilters: true), loc(token))
        }
    }

    private mutating func parseUnary(withFilters: Bool) throws(Bail) -> Expr {
        try enterExpression()
        defer { expressionNesting -= 1 }
        var expr: Expr
        if isSymbol("-") {
            try countOperation()
            let token = next()
            expr = .negate(try parseUnary(withFilters: false), loc(token))
        } else if isSymbol("+") {
            position += 1
            expr = try parseUnary(withFilters: false)
        } else {
            expr = try parsePostfix(try parsePrimary())
        }
        if withFilters { expr = try parseFiltersAndTests(expr) }
        return expr
    }

    private mutating func parsePrimary() throws(Bail) -> Expr {
        let token = current
        switch token.kind {
        case .string(let text):
            position += 1
            var text = text
            while case .string(let more) = current.kind {
                text += more
                position += 1
            }
            return .literal(.string(text))
        case .int(let value):
            position += 1
            return .literal(.int(value))
        case .double(let value):
            position += 1
            return .literal(.double(value))
        case .name(let name):
            position += 1
            switch name {
            case "true", "True": return .literal(.bool(true))
            case "false", "False": return .literal(.bool(false))
            case "none", "None", "null": return .literal(.none)
            case "super":
                guard isSymbol("(") else { return .name(variables.name(name), loc(token)) }
                position += 1
                try expectSymbol(")", "after 'super('")
                return .superCall(loc(token))
            default:
                if isSymbol("(") {
                    throw fail("'\(name)(…)' is not a function; functions are not supported, use a filter like 'x | \(name)'", at: token)
                }
                return .name(variables.name(name), loc(token))
            }
        case .symbol("("):
            position += 1
            let expr = try parseExpression()
            try expectSymbol(")", "to close '('")
            return expr
        case .symbol("["):
            position += 1
            var items: [Expr] = []
            while !isSymbol("]") {
                items.append(try parseExpression())
                if isSymbol(",") { position += 1 } else { break }
            }
            try expectSymbol("]", "to close the list")
            if items.allSatisfy({ if case .literal = $0 { return true } else { return false } }) {
                return .literal(.list(items.map { if case .literal(let value) = $0 { return value } else { return .none } }))
            }
            try countOperation()
            return .list(items)
        case .outputClose, .tagClose, .end:
            throw fail("expected an expression, found \(describe(token))", at: token)
        case .symbol(".") where goPath(after: position) != nil:
            let path = goPath(after: position)!
            throw fail(
                "expected an expression, found '.'; '.\(path.joined(separator: "."))' is Hugo's spelling, Herald writes '\(TemplateHints.heraldPath(ofGoPath: path))'",
                at: token)
        default:
            throw fail("expected an expression, found \(describe(token))", at: token)
        }
    }

    /// `{{ if .Title }}`, `{{ range .Pages }}`, `{{ end }}`: Go-template tags written in an output.
    private func goKeywordHint() -> String? {
        guard case .name(let keyword) = current.kind, let hint = TemplateHints.goKeywordInOutput(keyword),
            position + 1 < tokens.count
        else { return nil }
        switch tokens[position + 1].kind {
        case .outputClose: return keyword == "end" || keyword == "else" ? hint : nil
        case .symbol("."), .name, .string: return hint
        default: return nil
        }
    }

    /// The names of a Go-template path (`.Params.subtitle`) starting at the '.' at `start`.
    private func goPath(after start: Int) -> [String]? {
        var names: [String] = []
        var index = start
        while index + 1 < tokens.count, tokens[index].kind == .symbol("."), case .name(let name) = tokens[index + 1].kind {
            names.append(name)
            index += 2
        }
        return names.isEmpty ? nil : names
    }

    private mutating func parsePostfix(_ base: Expr) throws(Bail) -> Expr {
        var expr = base
        while true {
            if isSymbol(".") {
                try countOperation()
                let dot = next()
                let token = current
                switch token.kind {
                case .name(let name):
                    position += 1
                    expr = .member(expr, MemberName(name), loc(token))
                case .int(let index):
                    position += 1
                    expr = .index(expr, .literal(.int(index)), loc(token))
                default:
                    throw fail("expected a member name after '.', found \(describe(token))", at: dot)
                }
            } else if isSymbol("[") {
                try countOperation()
                let bracket = next()
                let index = try parseExpression()
                try expectSymbol("]", "to close '['")
                expr = .index(expr, index, loc(bracket))
            } else {
                return expr
            }
        }
    }

    private mutating func parseFiltersAndTests(_ base: Expr) throws(Bail) -> Expr {
        var expr = base
        while true {
            if isSymbol("|") {
                try countOperation()
                position += 1
                let nameToken = current
                let name = try expectName("after '|'")
                guard let kind = FilterKind.byName[name] else {
                    throw fail("unknown filter '\(name)'; see docs/templates.md for the list of filters", at: nameToken)
                }
                var arguments: [Expr] = []
                if isSymbol("(") {
                    position += 1
                    while !isSymbol(")") {
                        if case .name = current.kind, position + 1 < tokens.count, tokens[position + 1].kind == .symbol("=") {
                            throw fail("filters take no named arguments; write \(kind.usage)", at: current)
                        }
                        arguments.append(try parseExpression())
                        if isSymbol(",") { position += 1 } else { break }
                    }
                    try expectSymbol(")", "to close the arguments of '\(name)'")
                }
                if !kind.arity.contains(arguments.count) {
                    let count = arguments.count == 1 ? "1 argument" : "\(arguments.count) arguments"
                    throw fail("filter '\(name)' does not take \(count); write \(kind.usage)", at: nameToken)
                }
                if kind == .date, case .literal(.string(let format))? = arguments.first,
                   let problem = TemplateDateFormatter.validate(format) {
                    throw fail(problem, at: nameToken)
                }
                if kind == .fingerprint, case .literal(.string(let path)) = expr {
                    fingerprints.append((path, loc(nameToken)))
                }
                expr = .filter(expr, kind, arguments, loc(nameToken))
            } else if isName("is") {
                try countOperation()
                let isToken = next()
                var negated = false
                if isName("not") {
                    position += 1
                    negated = true
                }
                let nameToken = current
                var name = try expectName("after 'is'")
                if name == "none" || name == "None" { name = "none" }
                guard let test = TestKind.byName[name] else {
                    throw fail(
                        "unknown test '\(name)'; use defined, undefined, none, string, number, boolean, mapping, iterable, odd or even",
                        at: nameToken)
                }
                expr = .test(expr, test, negated: negated, loc(isToken))
            } else {
                return expr
            }
        }
    }
}
