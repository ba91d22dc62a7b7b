import Foundation

/// Where something is in a template source: index of the template in the
/// library, 1-based line and column (in characters).
struct SourceLoc: Sendable {
    var template: Int32
    var line: Int32
    var column: Int32

    init(template: Int, line: Int, column: Int) {
        self.template = Int32(truncatingIfNeeded: template)
        self.line = Int32(truncatingIfNeeded: line)
        self.column = Int32(truncatingIfNeeded: column)
    }
}

/// A problem found while rendering, located in a template.
struct TemplateFailure: Error {
    var message: String
    var loc: SourceLoc
}

enum BinaryOp: Sendable {
    case add, subtract, multiply, divide, floorDivide, modulo, concat
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case contains, notContains
    case and, or
}

enum TestKind: Sendable {
    case defined, undefined, none, string, number, mapping, iterable, odd, even, boolean

    static let byName: [String: TestKind] = [
        "defined": .defined, "undefined": .undefined, "none": .none, "string": .string,
        "number": .number, "mapping": .mapping, "iterable": .iterable, "odd": .odd, "even": .even,
        "boolean": .boolean,
    ]
}

enum FilterKind: String, Sendable, CaseIterable {
    case escape, safe, `default`, length, upper, lower, capitalize, title, trim, truncate
    case striptags, slugify, urlencode, join, first, last, reverse, sort, limit, `where`
    case groupBy = "group_by"
    case date, rfc3339, json
    case absoluteURL = "absolute_url"
    case relativeURL = "relative_url"
    case markdown, wordcount
    case image, srcset, picture, fingerprint

    /// Accepted argument counts.
    var arity: ClosedRange<Int> {
        switch self {
        case .default: return 1...2
        case .truncate: return 1...2
        case .join: return 0...2
        case .sort: return 0...2
        case .limit: return 1...1
        case .where: return 2...2
        case .groupBy: return 1...1
        case .date: return 1...1
        case .image: return 0...3
        case .srcset: return 0...1
        case .picture: return 0...3
        default: return 0...0
        }
    }

    /// How the arguments are written, for messages.
    var usage: String {
        switch self {
        case .default: return "default(value) or default(value, true)"
        case .truncate: return "truncate(length) or truncate(length, \"end\")"
        case .join: return "join, join(separator) or join(separator, \"attribute\")"
        case .sort: return "sort, sort(\"attribute\") or sort(\"attribute\", true)"
        case .limit: return "limit(count)"
        case .where: return "where(\"attribute\", value)"
        case .groupBy: return "group_by(\"attribute\")"
        case .date: return "date(\"%Y-%m-%d\")"
        case .image: return "image, image(width), image(width, \"webp\") or image(width, \"16:9\", page.image_focus)"
        case .srcset: return "srcset or srcset(\"webp\")"
        case .picture: return "picture(alt), picture(alt, true) for the page's main image, or picture(alt, false, \"sizes\")"
        default: return rawValue + " (no arguments)"
        }
    }

    static let byName: [String: FilterKind] = {
        var table: [String: FilterKind] = [:]
        for kind in FilterKind.allCases { table[kind.rawValue] = kind }
        table["e"] = .escape
        table["d"] = .default
        table["count"] = .length
        return table
    }()
}

indirect enum Expr: Sendable {
    case literal(Value)
    case name(VariableName, SourceLoc)
    case member(Expr, MemberName, SourceLoc)
    case index(Expr, Expr, SourceLoc)
    case list([Expr])
    case negate(Expr, SourceLoc)
    case not(Expr)
    case binary(BinaryOp, Expr, Expr, SourceLoc)
    case conditional(Expr, Expr, Expr?)
    case test(Expr, TestKind, negated: Bool, SourceLoc)
    case filter(Expr, FilterKind, [Expr], SourceLoc)
    case superCall(SourceLoc)

    /// Where the expression is, for errors about its value; `nil` for literals.
    var location: SourceLoc? {
        switch self {
        case .literal: return nil
        case .name(_, let loc), .member(_, _, let loc), .index(_, _, let loc), .negate(_, let loc),
            .binary(_, _, _, let loc), .test(_, _, _, let loc), .filter(_, _, _, let loc), .superCall(let loc):
            return loc
        case .list(let items): return items.lazy.compactMap(\.location).first
        case .not(let operand): return operand.location
        case .conditional(let condition, let value, _): return value.location ?? condition.location
        }
    }

    /// The source-like spelling of a name or member chain, for messages.
    var spelling: String {
        switch self {
        case .name(let name, _): return name.text
        case .member(let base, let name, _): return base.spelling + "." + name.text
        case .index(let base, let index, _):
            if case .literal(let value) = index {
                switch value {
                case .int(let number): return base.spelling + "[\(number)]"
                case .string(let key): return base.spelling + "[\"\(key)\"]"
                default: break
                }
            }
            return base.spelling + "[…]"
        case .filter(let base, let kind, _, _): return base.spelling + " | " + kind.rawValue
        case .literal(let value): return ValueOps.plainText(value)
        default: return "expression"
        }
    }
}

indirect enum Node: Sendable {
    case text(String)
    case output(Expr)
    case conditional([(Expr, [Node])], otherwise: [Node])
    case loop(key: VariableName?, value: VariableName, sequence: Expr, body: [Node], otherwise: [Node], SourceLoc)
    case set(VariableName, Expr)
    case capture(VariableName, [Node])
    case include(Expr, SourceLoc)
    case block(String)
}
