/// Plain text of an HTML fragment: tags and comments dropped, block-level tags
/// turned into word breaks, common character references decoded, runs of
/// ASCII white space collapsed to one space.
enum PlainText {
    // Works on UTF-8 bytes: every article's summary passes through here, and
    // walking Unicode scalars one by one was a visible cost of a build.
    // Markup is ASCII; other bytes are copied, and decoded only where a
    // scalar's properties matter (a tag name's first letter, its end).
    static func fromHTML(_ html: String) -> String {
        var out: [UInt8] = []
        write(html, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The plain text of `html` as UTF-8 in `out` (emptied first, its
    /// capacity kept): for a caller that converts many fragments, such as
    /// the search index, and reads the text as bytes.
    static func write(_ html: String, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        var html = html
        html.withUTF8 { bytes in
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            func emit(_ byte: UInt8) {
                // Only white space of the markup collapses; a decoded &nbsp; stays.
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                    pendingSpace = !out.isEmpty
                    return
                }
                if pendingSpace, byte < 0x80 || byte >= 0xC0 {
                    out.append(0x20)
                    pendingSpace = false
                }
                out.append(byte)
            }
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                // Text between markup and runs of white space, copied as it
                // is: a single space between two such bytes stays a space.
                if isOrdinary(byte), !pendingSpace || byte < 0x80 || byte >= 0xC0 {
                    var end = index + 1
                    while end < bytes.count {
                        if isOrdinary(bytes[end]) {
                            end += 1
                        } else if bytes[end] == 0x20, end + 1 < bytes.count, isOrdinary(bytes[end + 1]) {
                            end += 2
                        } else {
                            break
                        }
                    }
                    if pendingSpace {
                        out.append(0x20)
                        pendingSpace = false
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                    index = end
                    continue
                }
                index += 1
                if byte == UInt8(ascii: "<") {
                    if starts(bytes, at: index, with: "!--") {
                        // A comment, to its end.
                        index = find(bytes, "-->", from: index).map { $0 + 3 } ?? bytes.count
                    } else if index < bytes.count, startsTag(bytes, at: index) {
                        // A tag; block-level tags separate words.
                        var nameEnd = index
                        while nameEnd < bytes.count, bytes[nameEnd] != UInt8(ascii: ">") {
                            // ASCII's white space is 0x09–0x0D and the space.
                            let nameByte = bytes[nameEnd]
                            if nameByte < 0x80 {
                                if nameByte == 0x20 || nameByte >= 0x09 && nameByte <= 0x0D { break }
                                nameEnd += 1
                                continue
                            }
                            let (scalar, length) = scalarAt(bytes, nameEnd)
                            if scalar.properties.isWhitespace { break }
                            nameEnd += length
                        }
                        var name = bytes[index..<nameEnd]
                        if name.first == UInt8(ascii: "/") { name = name.dropFirst() }
                        if name.last == UInt8(ascii: "/") { name = name.dropLast() }
                        if isBlockTag(name) { pendingSpace = !out.isEmpty }
                        index = find(bytes, ">", from: index).map { $0 + 1 } ?? bytes.count
                    } else {
                        emit(byte)
                    }
                } else if byte == UInt8(ascii: "&") {
                    // A character reference: at most 12 characters before ';'.
                    var after = index
                    while after < bytes.count, after - index < 12, bytes[after] < 0x80, !isReferenceEnd(bytes[after]) { after += 1 }
                    if after < bytes.count, bytes[after] == UInt8(ascii: ";"),
                        let decoded = decode(String(decoding: bytes[index..<after], as: UTF8.self))
                    {
                        if decoded == " " { emit(0x20) } else {
                            if pendingSpace { out.append(0x20); pendingSpace = false }
                            out.append(contentsOf: String(Character(decoded)).utf8)
                        }
                        index = after + 1
                    } else {
                        emit(byte)
                    }
                } else {
                    emit(byte)
                }
            }
        }
    }

    /// Whether `byte` is copied as it is: not markup (`<`, `&`) and not
    /// the white space that collapses.
    @inline(__always) private static func isOrdinary(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: "&"), 0x20, 0x0A, 0x09, 0x0D, 0x0C: return false
        default: return true
        }
    }

    /// Whether a `<` followed by the bytes at `index` opens a tag: a letter, `/` or `!`.
    private static func startsTag(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = bytes[index]
        if byte < 0x80 {
            return (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "!")
        }
        return scalarAt(bytes, index).scalar.properties.isAlphabetic
    }

    /// Where a reference's name ends: `;`, `<`, `&` or ASCII white space.
    private static func isReferenceEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ";") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") || (byte >= 0x09 && byte <= 0x0D) || byte == 0x20
    }

    /// The scalar starting at `index` of valid UTF-8, and its length in bytes.
    private static func scalarAt(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var iterator = UnsafeBufferPointer(rebasing: bytes[index..<min(index + length, bytes.count)]).makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return (scalar, length) }
        return ("\u{FFFD}", 1)
    }

    private static func starts(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, with text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return (0..<count).allSatisfy { bytes[index + $0] == text.utf8Start[$0] }
    }

    private static func find(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if starts(bytes, at: index, with: text) { return index }
            index += 1
        }
        return nil
    }

    /// Whether `name` is a block-level tag, in any case.
    private static func isBlockTag(_ name: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        if let packed = packedName(name) { return shortBlockTags.contains(packed) }
        guard name.count <= 10 else { return false }
        return longBlockTags.contains { $0.elementsEqual(name.lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }) }
    }

    /// A name of at most seven ASCII bytes, in lower case, packed into a
    /// number with its length (so that no two names meet): every tag is
    /// looked up, and this makes no `String`. `nil` for any other name.
    private static func packedName(_ name: some Collection<UInt8>) -> UInt64? {
        guard !name.isEmpty, name.count <= 7 else { return nil }
        var packed = UInt64(name.count)
        for byte in name {
            guard byte < 0x80 else { return nil }
            packed = packed << 8 | UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        return packed
    }

    private static let blockTags = [
        "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
        "figure", "figcaption", "table", "tr", "td", "th", "hr", "section", "article", "dd", "dt",
    ]
    private static let shortBlockTags = Set(blockTags.compactMap { packedName($0.utf8) })
    private static let longBlockTags = blockTags.filter { packedName($0.utf8) == nil }.map { Array($0.utf8) }

    /// The character a reference's name (`amp`, `#x41`) stands for.
    static func decode(_ reference: String) -> Unicode.Scalar? {
        switch reference {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return "\u{00A0}"
        case "mdash": return "\u{2014}"
        case "ndash": return "\u{2013}"
        case "hellip": return "\u{2026}"
        case "lsquo": return "\u{2018}"
        case "rsquo": return "\u{2019}"
        case "ldquo": return "\u{201C}"
        case "rdquo": return "\u{201D}"
        default:
            guard reference.hasPrefix("#") else { return nil }
            let digits = reference.dropFirst()
            let value: UInt32?
            if digits.hasPrefix("x") || digits.hasPrefix("X") {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            guard let v = value, let scalar = Unicode.Scalar(v), XMLText.isAllowed(scalar) else { return nil }
            return scalar
        }
    }
}
