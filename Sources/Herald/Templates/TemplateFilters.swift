import Foundation

extension TemplateRenderer {
    mutating func applyFilter(_ kind: FilterKind, base: Expr, arguments: [Expr], loc: SourceLoc) throws(TemplateFailure) -> Value {
        if kind == .default {
            let value = try resolve(base)
            let replaceFalsy = arguments.count > 1 ? try evaluate(arguments[1]).isTruthy : false
            if let value {
                if case .none = value {} else if !replaceFalsy || value.isTruthy { return value }
            }
            return try evaluate(arguments[0])
        }
        let value = try evaluate(base)
        var args: [Value] = []
        args.reserveCapacity(arguments.count)
        for argument in arguments { args.append(try evaluate(argument)) }

        func failure(_ message: String) -> TemplateFailure {
            TemplateFailure(message: message, loc: loc)
        }
        func wrongInput(_ expected: String) -> TemplateFailure {
            failure("filter '\(kind.rawValue)' needs \(expected), but '\(base.spelling)' is \(ValueOps.typeName(value))")
        }
        func stringArgument(_ index: Int, _ what: String) throws(TemplateFailure) -> String {
            switch args[index] {
            case .string(let text), .html(let text): return text
            default:
                throw failure("the \(what) of '\(kind.rawValue)' must be a string, not \(ValueOps.typeName(args[index])); write \(kind.usage)")
            }
        }
        func intArgument(_ index: Int, _ what: String) throws(TemplateFailure) -> Int {
            switch args[index] {
            case .int(let number): return number
            case .double(let number) where number == number.rounded() && abs(number) < 1e15: return Int(number)
            default:
                throw failure("the \(what) of '\(kind.rawValue)' must be an integer, not \(ValueOps.typeName(args[index])); write \(kind.usage)")
            }
        }
        func list() throws(TemplateFailure) -> [Value] {
            switch value {
            case .list(let items): return items
            case .none: return []
            default: throw wrongInput("a list")
            }
        }
        /// Applies a text transformation, keeping HTML as HTML.
        func mapText(_ transform: (String) -> String) -> Value {
            switch value {
            case .html(let text): return .html(transform(text))
            default: return .string(transform(plainText(value)))
            }
        }

        switch kind {
        case .default:
            return value
        case .escape:
            if case .html = value { return value }
            return .html(HTMLEscaping.escape(plainText(value)))
        case .safe:
            if case .html = value { return value }
            return .html(plainText(value))
        case .length:
            switch value {
            case .none: return .int(0)
            case .string(let text), .html(let text): return .int(text.count)
            case .list(let items): return .int(items.count)
            case .map(let dictionary): return .int(dictionary.count)
            case .object(let object): return .int(object.memberNames.count)
            default: throw wrongInput("a list, a map or a string")
            }
        case .upper: return mapText { $0.uppercased() }
        case .lower: return mapText { $0.lowercased() }
        case .capitalize: return mapText { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }
        case .title: return mapText(TextFilters.titleCase)
        case .trim: return mapText { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        case .truncate:
            let length = try intArgument(0, "length")
            guard length >= 1 else { throw failure("the length of 'truncate' must be at least 1") }
            let end = args.count > 1 ? try stringArgument(1, "ending") : "…"
            let text: String
            if case .html(let markup) = value { text = TextFilters.stripTags(markup) } else { text = plainText(value) }
            return .string(TextFilters.truncate(text, length: length, end: end))
        case .striptags:
            return .string(TextFilters.stripTags(plainText(value)))
        case .slugify:
            return .string(Slug.make(plainText(value)))
        case .urlencode:
            return .string(TextFilters.urlEncode(plainText(value)))
        case .join:
            var items = try list()
            let separator = args.isEmpty ? "" : try stringArgument(0, "separator")
            if args.count > 1 {
                // join(", ", "name"): one member of each item, as Jinja's join(d, attribute).
                let path = try stringArgument(1, "attribute")
                items = items.map { attribute($0, path: path) ?? Value.none }
            }
            if let problem = TemplateHints.unprintable(.list(items), spelling: base.spelling) {
                throw failure(problem.replacingOccurrences(of: "cannot be printed", with: "cannot be joined as text"))
            }
            let separatorIsHTML: Bool
            if case .html? = args.first { separatorIsHTML = true } else { separatorIsHTML = false }
            let anyHTML = items.contains { if case .html = $0 { return true } else { return false } }
            if separatorIsHTML || anyHTML {
                let glue = separatorIsHTML ? separator : HTMLEscaping.escape(separator)
                return .html(items.map(escapedText).joined(separator: glue))
            }
            return .string(items.map(plainText).joined(separator: separator))
        case .first, .last:
            switch value {
            case .none: return .none
            case .list(let items): return (kind == .first ? items.first : items.last) ?? Value.none
            case .string(let text), .html(let text):
                guard let character = kind == .first ? text.first : text.last else { return .string("") }
                return .string(String(character))
            default: throw wrongInput("a list or a string")
            }
        case .reverse:
            switch value {
            case .none: return .none
            case .list(let items): return .list(items.reversed())
            case .string(let text): return .string(String(text.reversed()))
            default: throw wrongInput("a list or a string")
            }
        case .sort:
            let items = try list()
            let path = args.isEmpty ? nil : try stringArgument(0, "attribute")
            let descending = args.count > 1 ? args[1].isTruthy : false
            // Like Jinja, strings sort case-insensitively (ties keep their order).
            let keys = (path.map { path in items.map { attribute($0, path: path) ?? Value.none } } ?? items).map { key -> Value in
                switch key {
                case .string(let text), .html(let text): return .string(text.lowercased())
                case .object(let object): return object.text.map { .string($0.lowercased()) } ?? key
                default: return key
                }
            }
            let order = keys.indices.sorted { a, b in
                let result = ValueOps.sortOrder(keys[a], keys[b])
                if result == .orderedSame { return a < b }
                return descending ? result == .orderedDescending : result == .orderedAscending
            }
            return .list(order.map { items[$0] })
        case .limit:
            let count = try intArgument(0, "count")
            guard count >= 0 else { throw failure("the count of 'limit' cannot be negative") }
            return .list(Array(try list().prefix(count)))
        case .where:
            let path = try stringArgument(0, "attribute")
            let wanted = args[1]
            return .list(try list().filter { item in
                guard let found = attribute(item, path: path) else { return false }
                if ValueOps.equal(found, wanted) { return true }
                if case .list(let values) = found { return values.contains { ValueOps.equal($0, wanted) } }
                return false
            })
        case .groupBy:
            let path = try stringArgument(0, "attribute")
            var groups: [(key: Value, items: [Value])] = []
            for item in try list() {
                let key = attribute(item, path: path) ?? Value.none
                if let index = groups.firstIndex(where: { ValueOps.equal($0.key, key) }) {
                    groups[index].items.append(item)
                } else {
                    groups.append((key, [item]))
                }
            }
            return .list(groups.map { .map(["key": $0.key, "items": .list($0.items)]) })
        case .date:
            let format = try stringArgument(0, "format")
            switch value {
            case .none: return .string("")
            case .date(let date):
                guard let text = TemplateDateFormatter.format(date, format, timeZone: templateEnvironment.timeZone) else {
                    throw failure(TemplateDateFormatter.validate(format) ?? "invalid date format")
                }
                return .string(text)
            default: throw wrongInput("a date")
            }
        case .rfc3339:
            switch value {
            case .none: return .string("")
            case .date(let date): return .string(TemplateDateFormatter.rfc3339(date, timeZone: templateEnvironment.timeZone))
            default: throw wrongInput("a date")
            }
        case .json:
            return .html(ValueOps.json(value, timeZone: templateEnvironment.timeZone))
        case .absoluteURL, .relativeURL:
            switch value {
            case .none: return .string("")
            case .string(let text), .html(let text):
                return .string(TextFilters.siteLink(text, site: templateEnvironment.siteURL, absolute: kind == .absoluteURL))
            default: throw wrongInput("a string")
            }
        case .markdown:
            if case .none = value { return .html("") }
            return .html(templateEnvironment.markdown(plainText(value)))
        case .wordcount:
            let text: String
            if case .html(let markup) = value { text = TextFilters.stripTags(markup) } else { text = plainText(value) }
            return .int(TextFilters.wordCount(text))
        case .image, .srcset, .picture:
            return try imageFilter(kind, value: value, arguments: args, failure: failure, wrongInput: wrongInput)
        case .fingerprint:
            let reference: String
            switch value {
            case .string(let text), .html(let text): reference = text
            default: throw wrongInput("the path of a file, such as \"assets/site.css\"")
            }
            guard let asset = templateAssets.value(reference) else {
                // Named through a variable: the build could not know it beforehand.
                throw failure("'\(reference)' is not a file this theme fingerprints: write its path in the filter, as in {{ \"\(reference)\" | fingerprint }}, so that the build publishes its hashed copy")
            }
            return .object(asset)
        }
    }

    /// `image(width, format)`, `srcset(format)` and `picture(alt, priority, sizes)` (docs/images.md).
    private func imageFilter(
        _ kind: FilterKind, value: Value, arguments args: [Value], failure: (String) -> TemplateFailure, wrongInput: (String) -> TemplateFailure
    ) throws(TemplateFailure) -> Value {
        let reference: String
        switch value {
        case .none: return kind == .image ? Value.none : .string("")
        case .string(let text), .html(let text): reference = text
        case .object(let object as ImageValue): reference = object.url
        default: throw wrongInput("an image path")
        }
        let catalog = templateEnvironment.images
        func text(_ index: Int) -> String? {
            guard index < args.count else { return nil }
            switch args[index] {
            case .none: return nil
            default: return plainText(args[index])
            }
        }
        switch kind {
        case .image:
            var width: Int?
            if let first = args.first {
                switch first {
                case .none: width = nil
                case .int(let number) where number > 0: width = number
                default: throw failure("the width of 'image' must be a whole number of pixels; write \(kind.usage)")
                }
            }
            var focus: ImageFocus?
            if args.count > 2 {
                if case .none = args[2] {} else {
                    guard let given = ImageFocus(args[2]) else { throw failure("the focus of 'image' must be [x, y], each from 0 to 1, such as page.image_focus; write \(kind.usage)") }
                    focus = given
                }
            }
            switch catalog.filterValue(reference, width: width, format: text(1), focus: focus) {
            case .success(let value): return value
            case .failure(let problem): throw failure(problem.message)
            }
        case .srcset:
            if let problem = catalog.problem(reference) { throw failure("'\(reference)' \(problem)") }
            guard let image = catalog.image(reference) else { return .string("") }
            var format: ImageFormat?
            if let name = text(0) {
                guard let known = ImageFormat(rawValue: name.lowercased() == "jpg" ? "jpeg" : name.lowercased()) else {
                    throw failure("unknown image format '\(name)': use avif, webp, jpeg or png")
                }
                format = known
            }
            return .string(catalog.srcset(image, format: format))
        default:
            if let problem = catalog.problem(reference) { throw failure("'\(reference)' \(problem)") }
            let alt = text(0) ?? ""
            let priority = args.count > 1 ? args[1].isTruthy : false
            guard let image = catalog.image(reference) else {
                // Not processed (SVG, GIF, another site's URL): a plain image.
                let loading = priority ? " loading=\"eager\"" : " loading=\"lazy\""
                return .html("<img src=\"\(HTMLEscaping.escape(reference))\" alt=\"\(HTMLEscaping.escape(alt))\"\(loading) decoding=\"async\">")
            }
            return .html(PictureMarkup.html(image, catalog: catalog, alt: alt, sizes: text(2) ?? PictureMarkup.defaultSizes, priority: priority))
        }
    }

    /// `item.a.b` for a dotted path; `nil` when a step is missing.
    private func attribute(_ item: Value, path: String) -> Value? {
        if !path.contains(".") { return item.member(path) }
        var current = item
        for part in path.split(separator: ".") {
            guard let next = current.member(String(part)) else { return nil }
            current = next
        }
        return current
    }
}

/// Text helpers behind the string filters.
enum TextFilters {
    static func titleCase(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var startOfWord = true
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII fast path.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            for byte in text.utf8 {
                let isLower = byte >= 0x61 && byte <= 0x7A, isUpper = byte >= 0x41 && byte <= 0x5A
                if isLower || isUpper || (byte >= 0x30 && byte <= 0x39) {
                    if startOfWord && isLower { bytes.append(byte - 32) } else if !startOfWord && isUpper { bytes.append(byte + 32) } else { bytes.append(byte) }
                    startOfWord = false
                } else {
                    bytes.append(byte)
                    startOfWord = byte != 0x27
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        for character in text {
            if character.isLetter || character.isNumber {
                result += startOfWord ? character.uppercased() : character.lowercased()
                startOfWord = false
            } else {
                result.append(character)
                startOfWord = character != "'" && character != "’"
            }
        }
        return result
    }

    /// At most `length` characters, `end` included, cut at a word boundary where there is one.
    static func truncate(_ text: String, length: Int, end: String) -> String {
        // No more bytes than `length` means no more characters: nothing to cut,
        // and no need to walk the text character by character.
        if text.utf8.count <= length { return text }
        guard text.index(text.startIndex, offsetBy: length, limitedBy: text.endIndex).map({ $0 != text.endIndex }) ?? false else {
            return text
        }
        let keep = max(length - end.count, 0)
        var cut = text.prefix(keep)
        let nextIndex = text.index(text.startIndex, offsetBy: keep)
        if nextIndex < text.endIndex, !text[nextIndex].isWhitespace,
           let space = cut.lastIndex(where: \.isWhitespace) {
            cut = cut[..<space]
        }
        while let last = cut.last, last.isWhitespace || ",;:".contains(last) { cut = cut.dropLast() }
        return cut + end
    }

    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "#39": "'", "nbsp": " ",
    ]

    /// Removes tags and comments, decodes entities and collapses whitespace;
    /// only block-level tags separate words ("<em>two</em>." stays "two.").
    static func stripTags(_ html: String) -> String {
        PlainText.fromHTML(html)
    }

    static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).reduce(0) { count, word in
            word.contains { $0.isLetter || $0.isNumber } ? count + 1 : count
        }
    }

    static func urlEncode(_ text: String) -> String {
        PercentEncoding.encode(text)
    }

    /// A site path as a link: with the subpath, and the origin when `absolute`.
    static func siteLink(_ text: String, site: SiteURL, absolute: Bool) -> String {
        if text.hasPrefix("//") || hasScheme(text) { return text }
        let served: String
        if site.basePath != "/", text.hasPrefix(site.basePath) || text == String(site.basePath.dropLast()) {
            served = text
        } else {
            served = site.relative(text)
        }
        return absolute ? site.origin + served : served
    }

    /// Whether the text starts with a URL scheme (`https:`, `mailto:`): an
    /// ASCII letter, then letters, digits, `+`, `-` or `.` up to a colon.
    private static func hasScheme(_ text: String) -> Bool {
        var first = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: ":"): return !first
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): break
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if first { return false }
            default: return false
            }
            first = false
        }
        return false
    }
}
