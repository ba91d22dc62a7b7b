import Foundation

/// The "what to write instead" parts of template errors: members to print
/// instead of a whole map or list, and Herald's spelling of constructs that
/// people bring from Hugo, Jekyll (Liquid) and Go templates.
enum TemplateHints {
    /// Members worth printing, most useful first, when a template prints a whole map or object.
    private static let preferredMembers = ["name", "title", "url", "permalink", "text", "alt"]

    /// Whether `unprintable` needs to look at the value at all (a cheap check for every `{{ }}`).
    static func isStructured(_ value: Value) -> Bool {
        switch value {
        case .map, .list, .object: return true
        default: return false
        }
    }

    /// Why `value` (written as `spelling`) cannot be printed and what to print instead;
    /// `nil` when it prints fine (text, numbers, dates, lists of those, objects with a text).
    static func unprintable(_ value: Value, spelling: String) -> String? {
        switch value {
        case .map, .object:
            guard !hasText(value) else { return nil }
            let members = memberNames(of: value)
            guard let member = preferred(members) else {
                return "'\(spelling)' is \(ValueOps.typeName(value)) with no members, so there is nothing to print; remove it, or print it with '| json' to see it"
            }
            return "'\(spelling)' is \(ValueOps.typeName(value)), which cannot be printed; print one of its members, such as '{{ \(spelling).\(member) }}'"
                + membersClause(members)
        case .list(let items):
            guard let item = items.first(where: { unprintable($0, spelling: "") != nil }) else { return nil }
            let members = memberNames(of: item)
            let what = "'\(spelling)' is a list of \(plural(item))"
            guard let member = preferred(members) else {
                return "\(what), which cannot be printed; loop over it with '{% for item in \(spelling) %}' and print what you need"
            }
            return "\(what), which cannot be printed; print one member of each, such as '{{ \(spelling) | join(\", \", \"\(member)\") }}'"
                + membersClause(members)
        default:
            return nil
        }
    }

    private static func hasText(_ value: Value) -> Bool {
        if case .object(let object) = value { return object.text != nil }
        return false
    }

    private static func memberNames(of value: Value) -> [String] {
        switch value {
        case .map(let dictionary): return dictionary.keys.sorted()
        case .object(let object): return object.memberNames.sorted()
        default: return []
        }
    }

    private static func preferred(_ members: [String]) -> String? {
        preferredMembers.first(where: members.contains) ?? members.first
    }

    private static func plural(_ item: Value) -> String {
        switch item {
        case .map: return "maps"
        case .object: return "objects"
        case .list: return "lists"
        default: return ValueOps.typeName(item)
        }
    }

    private static func membersClause(_ members: [String]) -> String {
        guard members.count > 1 else { return "" }
        let shown = members.prefix(12).joined(separator: ", ")
        return " (its members: \(shown)\(members.count > 12 ? ", …" : ""))"
    }

    // MARK: Other generators' syntax

    /// Herald's spelling of a Hugo/Go-template path such as `.Title`,
    /// `.Params.subtitle` or `.Site.Title` (given as its segments).
    static func heraldPath(ofGoPath segments: [String]) -> String {
        guard let first = segments.first else { return "page" }
        let rest = segments.dropFirst().map(snakeCase)
        switch first {
        case "Site": return (["site"] + rest).joined(separator: ".")
        case "RelPermalink": return (["page.url"] + rest).joined(separator: ".")
        case "Lastmod": return (["page.updated"] + rest).joined(separator: ".")
        case "WordCount": return "page.word_count"
        case "ReadingTime": return "page.reading_time"
        default: return (["page", snakeCase(first)] + rest).joined(separator: ".")
        }
    }

    /// `Params` → `params`, `ImageAlt` → `image_alt`: Herald's names are lower case with underscores.
    static func snakeCase(_ name: String) -> String {
        var result = ""
        for (offset, character) in name.enumerated() {
            if character.isUppercase {
                if offset > 0 { result += "_" }
                result += character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// The Herald tag to use for a tag of Liquid, Go templates or Jinja that Herald does not have.
    static func foreignTag(_ keyword: String) -> String? {
        switch keyword {
        case "assign": return "Herald writes '{% set name = value %}' where Liquid writes '{% assign %}'"
        case "capture": return "Herald writes '{% set name %}…{% endset %}' where Liquid writes '{% capture %}'"
        case "elsif": return "Herald writes '{% elif %}' where Liquid writes '{% elsif %}'"
        case "unless": return "Herald writes '{% if not condition %}' where Liquid writes '{% unless %}'"
        case "endunless", "endcapture": return "Herald closes with '{% endif %}' / '{% endset %}'"
        case "comment", "endcomment": return "Herald writes comments as '{# … #}'"
        case "range": return "Herald loops with '{% for item in list %}…{% endfor %}' where Go templates write 'range'"
        case "with": return "Herald writes '{% if value %}' (or '{% set %}') where Go templates write 'with'"
        case "end": return "Herald closes each tag by name: '{% endif %}', '{% endfor %}', '{% endblock %}'"
        case "partial", "template", "include_relative", "render": return "Herald includes a template with '{% include \"partials/name.html\" %}'"
        case "macro", "import", "from", "call", "filter":
            return "Herald has no '\(keyword)'; use '{% include %}' with '{% set %}' variables"
        default: return nil
        }
    }

    /// Go-template keywords that people write inside `{{ }}` (`{{ if .Title }}`, `{{ end }}`).
    static func goKeywordInOutput(_ keyword: String) -> String? {
        switch keyword {
        case "if", "else", "range", "with", "end", "define", "block", "partial", "template":
            return "'{{ \(keyword) … }}' is Go-template (Hugo) syntax; Herald writes tags in '{% … %}', such as '{% if page.title %}' … '{% endif %}' or '{% for item in list %}' … '{% endfor %}'"
        default:
            return nil
        }
    }
}
