/// Rewrites the relative URLs of an HTML fragment into absolute ones.
///
/// Feeds are read far from the site: a reader resolves a relative link against
/// the feed's URL at best, and RSS-to-email services not at all. So every
/// `href`, `src`, `srcset` (each candidate), `poster` and `cite` attribute is
/// resolved (RFC 3986 §5) against the entry's absolute URL.
///
/// - URLs with a scheme (`https:`, `mailto:`, `data:` …) are left as they are.
/// - `//host/x` gets the base's scheme.
/// - Fragment-only references (`#note-1`) are made absolute too
///   (`https://site/2025/07/slug/#note-1`): in a feed there is no enclosing page
///   for a bare fragment to point into, and the article's own anchor is what
///   the author meant.
///
/// One pass over the UTF-8 bytes, no regular expressions; comments, `<!…>`
/// declarations and end tags are copied verbatim. Attribute values are kept as
/// written (their character references included); only the inserted base part is
/// HTML-escaped.
public enum HTMLURLAbsolutizer {
    public static func absolutize(_ html: String, base: String) -> String {
        // Quick exit: no attribute of interest can be present without "=".
        guard html.utf8.contains(UInt8(ascii: "=")) else { return html }
        let baseURL = URLReference(base)
        let input = Array(html.utf8)
        var out = [UInt8]()
        out.reserveCapacity(input.count + 256)
        let n = input.count
        var i = 0
        while i < n {
            let b = input[i]
            guard b == UInt8(ascii: "<"), i + 1 < n else {
                out.append(b); i += 1; continue
            }
            let next = input[i + 1]
            if next == UInt8(ascii: "!") {
                // Comment or declaration: copy up to its end.
                let terminator: [UInt8] = matches(input, i, "<!--") ? Array("-->".utf8) : [UInt8(ascii: ">")]
                let end = find(input, terminator, from: i + 2).map { $0 + terminator.count } ?? n
                out.append(contentsOf: input[i..<end]); i = end; continue
            }
            guard isLetter(next) else { out.append(b); i += 1; continue }
            // A start tag: copy its name, then go through its attributes.
            var j = i + 1
            while j < n, !isSpace(input[j]), input[j] != UInt8(ascii: ">"), input[j] != UInt8(ascii: "/") { j += 1 }
            out.append(contentsOf: input[i..<j])
            i = j
            while i < n {
                // Whitespace and stray slashes between attributes.
                while i < n, isSpace(input[i]) || input[i] == UInt8(ascii: "/") { out.append(input[i]); i += 1 }
                if i >= n { break }
                if input[i] == UInt8(ascii: ">") { out.append(input[i]); i += 1; break }
                let nameStart = i
                while i < n, !isSpace(input[i]), input[i] != UInt8(ascii: "="), input[i] != UInt8(ascii: ">"),
                      input[i] != UInt8(ascii: "/") || i == nameStart { i += 1 }
                let kind = attributeKind(input[nameStart..<i])
                out.append(contentsOf: input[nameStart..<i])
                // Optional whitespace, "=", whitespace, value.
                var k = i
                while k < n, isSpace(input[k]) { k += 1 }
                guard k < n, input[k] == UInt8(ascii: "=") else { continue }
                k += 1
                while k < n, isSpace(input[k]) { k += 1 }
                out.append(contentsOf: input[i..<k])
                i = k
                guard i < n else { break }
                let valueStart: Int, valueEnd: Int
                var quote: UInt8? = nil
                if input[i] == UInt8(ascii: "\"") || input[i] == UInt8(ascii: "'") {
                    quote = input[i]
                    valueStart = i + 1
                    var e = valueStart
                    while e < n, input[e] != quote! { e += 1 }
                    valueEnd = e
                } else {
                    valueStart = i
                    var e = i
                    while e < n, !isSpace(input[e]), input[e] != UInt8(ascii: ">") { e += 1 }
                    valueEnd = e
                }
                if let q = quote { out.append(q) }
                let value = input[valueStart..<valueEnd]
                switch kind {
                case .url: out.append(contentsOf: resolve(value, against: baseURL))
                case .srcset: out.append(contentsOf: resolveSrcset(value, against: baseURL))
                case .other: out.append(contentsOf: value)
                }
                i = valueEnd
                if let q = quote, i < n, input[i] == q { out.append(q); i += 1 }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private enum AttributeKind { case url, srcset, other }

    private static func attributeKind(_ name: ArraySlice<UInt8>) -> AttributeKind {
        guard name.count >= 3, name.count <= 6 else { return .other }
        var lower = [UInt8]()
        lower.reserveCapacity(name.count)
        for b in name { lower.append(b >= 65 && b <= 90 ? b + 32 : b) }
        switch lower {
        case Array("href".utf8), Array("src".utf8), Array("poster".utf8), Array("cite".utf8): return .url
        case Array("srcset".utf8): return .srcset
        default: return .other
        }
    }

    /// One URL, as written in the attribute (surrounding spaces trimmed).
    private static func resolve(_ raw: ArraySlice<UInt8>, against base: URLReference) -> [UInt8] {
        var start = raw.startIndex, end = raw.endIndex
        while start < end, isSpace(raw[start]) { start += 1 }
        while end > start, isSpace(raw[end - 1]) { end -= 1 }
        let text = String(decoding: raw[start..<end], as: UTF8.self)
        guard let resolved = base.resolve(text) else { return Array(raw) }
        return Array(raw[raw.startIndex..<start]) + Array(resolved.utf8) + Array(raw[end..<raw.endIndex])
    }

    /// `a.jpg 1x, b.jpg 2x`: every candidate URL resolved, descriptors kept.
    private static func resolveSrcset(_ raw: ArraySlice<UInt8>, against base: URLReference) -> [UInt8] {
        var out = [UInt8]()
        var i = raw.startIndex
        let end = raw.endIndex
        while i < end {
            // Separators before a candidate.
            while i < end, isSpace(raw[i]) || raw[i] == UInt8(ascii: ",") { out.append(raw[i]); i += 1 }
            if i >= end { break }
            let urlStart = i
            while i < end, !isSpace(raw[i]) { i += 1 }
            var urlEnd = i
            while urlEnd > urlStart, raw[urlEnd - 1] == UInt8(ascii: ",") { urlEnd -= 1 }
            out.append(contentsOf: resolve(raw[urlStart..<urlEnd], against: base))
            out.append(contentsOf: raw[urlEnd..<i])
            if urlEnd < i { continue }  // "a.jpg," ended the candidate
            // Descriptors, up to the next comma.
            while i < end, raw[i] != UInt8(ascii: ",") { out.append(raw[i]); i += 1 }
        }
        return out
    }

    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C
    }

    @inline(__always) private static func isLetter(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
    }

    private static func matches(_ input: [UInt8], _ at: Int, _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard at + bytes.count <= input.count else { return false }
        return input[at..<at + bytes.count].elementsEqual(bytes)
    }

    private static func find(_ input: [UInt8], _ needle: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, from <= input.count - needle.count else { return nil }
        var i = from
        while i <= input.count - needle.count {
            if input[i] == needle[0], input[i..<i + needle.count].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

/// An absolute base URL split into its parts, resolving references against
/// itself per RFC 3986 §5.2. Works on the text as written: character references
/// in the reference are kept; the base part inserted is HTML-escaped.
struct URLReference {
    let scheme: String      // "https"
    let authority: String   // "//host:port" (empty when the base has none)
    let path: String        // "/2025/07/slug/"
    let query: String       // "?x" or ""

    init(_ base: String) {
        var rest = Substring(base)
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        if let colon = rest.firstIndex(of: ":"), URLReference.isScheme(rest[..<colon]) {
            scheme = String(rest[..<colon]).lowercased()
            rest = rest[rest.index(after: colon)...]
        } else {
            scheme = ""
        }
        if rest.hasPrefix("//") {
            let after = rest.dropFirst(2)
            let end = after.firstIndex { $0 == "/" || $0 == "?" } ?? after.endIndex
            authority = "//" + after[..<end]
            rest = after[end...]
        } else {
            authority = ""
        }
        if let q = rest.firstIndex(of: "?") {
            query = String(rest[q...])
            rest = rest[..<q]
        } else {
            query = ""
        }
        path = rest.isEmpty && !authority.isEmpty ? "/" : String(rest)
    }

    static func isScheme(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) else {
            return false
        }
        return text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "+" || $0 == "-" || $0 == "."
        }
    }

    /// The absolute form of `reference`, or `nil` when it already has a scheme.
    func resolve(_ reference: String) -> String? {
        // A scheme ends before the first "/", "?" or "#".
        let head = reference.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let colon = head.firstIndex(of: ":"), URLReference.isScheme(head[..<colon]) { return nil }
        let prefix = scheme.isEmpty ? "" : scheme + ":"
        if reference.hasPrefix("//") { return HTMLEscaping.escape(prefix) + reference }
        let origin = HTMLEscaping.escape(prefix + authority)
        if reference.isEmpty { return origin + HTMLEscaping.escape(path + query) }
        if reference.hasPrefix("#") { return origin + HTMLEscaping.escape(path + query) + reference }
        if reference.hasPrefix("?") { return origin + HTMLEscaping.escape(path) + reference }
        // Split the reference's path from its query and fragment.
        let pathEnd = reference.firstIndex { $0 == "?" || $0 == "#" } ?? reference.endIndex
        let refPath = String(reference[..<pathEnd])
        let tail = reference[pathEnd...]
        let merged: String
        if refPath.hasPrefix("/") {
            merged = refPath
        } else if let slash = path.lastIndex(of: "/") {
            merged = HTMLEscaping.escape(String(path[...slash])) + refPath
        } else {
            merged = "/" + refPath
        }
        return origin + URLReference.removeDotSegments(merged) + tail
    }

    /// RFC 3986 §5.2.4.
    static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        // segments[0] is "" for an absolute path.
        for (index, segment) in segments.enumerated() where index > 0 || !segment.isEmpty {
            let isLast = index == segments.count - 1
            if segment == "." {
                if isLast { output.append("") }
            } else if segment == ".." {
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            } else {
                output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/")
    }
}
