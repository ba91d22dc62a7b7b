import Foundation

/// A value as templates see it.
///
/// Everything the site hands to a template is converted to `Value` once per
/// build (or computed lazily by a `TemplateObject`), so rendering never needs
/// reflection. Arrays and dictionaries are copy-on-write, so sharing the list
/// of all articles between thousands of renders costs nothing.
public enum Value: Sendable {
    case none
    case bool(Bool)
    case int(Int)
    case double(Double)
    /// Plain text: HTML-escaped when output by an autoescaping template.
    case string(String)
    /// HTML marked safe: output as it is (article bodies, `| safe`).
    case html(String)
    /// An instant; formatted in the site's time zone by `date` and `rfc3339`.
    case date(Date)
    case list([Value])
    case map([String: Value])
    /// A value whose members are computed on demand (pages, paginators).
    case object(any TemplateObject)
}

/// A template-visible value that answers member lookups itself.
///
/// Pages use this so that `page.prev.next.title` works without building a
/// dictionary per page for every neighbour in advance.
public protocol TemplateObject: Sendable {
    /// The member called `name`, or `nil` when it is not defined.
    func member(_ name: String) -> Value?
    /// The same lookup with the name as compiled into a template; objects
    /// that switch on `MemberName`'s symbol implement it for speed.
    func member(_ name: MemberName) -> Value?
    /// Every member name, for `json` and for iterating an object.
    var memberNames: [String] { get }
    /// What the object prints as in a template (`{{ term }}`, `join`, `~`);
    /// the default, `nil`, prints nothing. Terms return their name.
    var text: String? { get }
}

extension TemplateObject {
    /// By default an object prints nothing.
    public var text: String? { nil }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
    ExpressibleByFloatLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
    public init(nilLiteral: ()) { self = .none }
    public init(dictionaryLiteral elements: (String, Value)...) {
        self = .map(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension Value {
    /// The member `name` of a map or object; `nil` when undefined.
    public func member(_ name: String) -> Value? {
        switch self {
        case .map(let dictionary): return dictionary[name]
        case .object(let object): return object.member(name)
        default: return nil
        }
    }

    /// The member `name` of a map or object, as a compiled template looks it up.
    public func member(_ name: MemberName) -> Value? {
        switch self {
        case .map(let dictionary): return dictionary[name.text]
        case .object(let object): return object.member(name)
        default: return nil
        }
    }

    /// Truthiness as Jinja defines it: none, false, 0, "" and empty collections are false.
    public var isTruthy: Bool {
        switch self {
        case .none: return false
        case .bool(let value): return value
        case .int(let value): return value != 0
        case .double(let value): return value != 0
        case .string(let value), .html(let value): return !value.isEmpty
        case .date: return true
        case .list(let values): return !values.isEmpty
        case .map(let dictionary): return !dictionary.isEmpty
        case .object: return true
        }
    }
}
