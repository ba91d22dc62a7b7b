/// The byte-level rules of GFM's extended autolinks, as cmark-gfm applies
/// them: `www.` and `http://`, `https://`, `ftp://` links on the text as
/// written, e-mail addresses (with an optional `mailto:` or `xmpp:`) on the
/// text as read; then the trailing punctuation and unmatched `)` are left out.
///
/// Every rule looks at each byte a bounded number of times, so that long
/// runs of `)`, `@` or dots stay linear (cmark-gfm recounts parentheses for
/// each trailing `)`, and retries an address at every `@`).
enum AutolinkScanner {
    struct Match {
        var start: Int
        var end: Int
        /// What the link goes to: `http://` before a `www.` link, `mailto:` before an address.
        var prefix: String
    }

    /// `www.` and scheme links in `text`. `openBefore`: whether what comes
    /// before the text lets a `www.` link start right at it (a line's start,
    /// white space, `*`, `_`, `~`, `(`); `moreAfter`: whether the paragraph
    /// goes on after the text.
    static func webLinks(in text: [UInt8], openBefore: Bool, moreAfter: Bool) -> [Match] {
        var matches: [Match] = []
        var index = 0
        // Where the letters of a scheme before a `:` may start: not inside a link already made.
        var floor = 0
        while index < text.count {
            let byte = text[index]
            if byte == 0x77, let end = wwwLink(in: text, at: index, openBefore: openBefore, moreAfter: moreAfter) {
                matches.append(Match(start: index, end: end, prefix: "http://"))
                index = end
                floor = end
            } else if byte == 0x3A, let (start, end) = schemeLink(in: text, colon: index, floor: floor, moreAfter: moreAfter) {
                matches.append(Match(start: start, end: end, prefix: ""))
                index = end
                floor = end
            } else {
                index += 1
            }
        }
        return matches
    }

    private static func wwwLink(in text: [UInt8], at index: Int, openBefore: Bool, moreAfter: Bool) -> Int? {
        if index > 0 {
            let before = text[index - 1]
            guard before == 0x2A || before == 0x5F || before == 0x7E || before == 0x28 || isSpace(before) else { return nil }
        } else if !openBefore {
            return nil
        }
        guard text.count - index >= 4, text[index + 1] == 0x77, text[index + 2] == 0x77, text[index + 3] == 0x2E else { return nil }
        guard let domain = domainLength(text, from: index, moreAfter: moreAfter, allowShort: false) else { return nil }
        var end = index + domain
        while end < text.count, !isSpace(text[end]), text[end] != 0x3C { end += 1 }
        let trimmed = trimmedEnd(text, start: index, end: end)
        return trimmed > index ? trimmed : nil
    }

    private static let schemes: [[UInt8]] = ["http", "https", "ftp"].map { Array($0.utf8) }

    private static func schemeLink(in text: [UInt8], colon: Int, floor: Int, moreAfter: Bool) -> (Int, Int)? {
        guard text.count - colon >= 4, text[colon + 1] == 0x2F, text[colon + 2] == 0x2F else { return nil }
        var start = colon
        while start > floor, isAlpha(text[start - 1]) { start -= 1 }
        let scheme = text[start..<colon].map { $0 | 0x20 }
        guard schemes.contains(scheme), colon + 3 < text.count, isHostCharacter(text, at: colon + 3) else { return nil }
        guard let domain = domainLength(text, from: colon + 3, moreAfter: moreAfter, allowShort: true) else { return nil }
        var end = colon + 3 + domain
        while end < text.count, !isSpace(text[end]), text[end] != 0x3C { end += 1 }
        let trimmed = trimmedEnd(text, start: start, end: end)
        return trimmed > start ? (start, trimmed) : nil
    }

    /// The length of the domain at `start`: letters, digits, `-`, `_` and
    /// dots, with no `_` in its last two parts (unless it has more than ten),
    /// and with a dot unless `allowShort`. As in cmark-gfm the first byte is
    /// taken as given, and the paragraph's last byte is never looked at.
    private static func domainLength(_ text: [UInt8], from start: Int, moreAfter: Bool, allowShort: Bool) -> Int? {
        let size = text.count - start + (moreAfter ? 1 : 0)
        var index = 1
        var dots = 0, underscoresBefore = 0, underscores = 0
        while index < size - 1 {
            let position = start + index
            if position >= text.count { break }
            var byte = text[position]
            if byte == 0x5C, index < size - 2, position + 1 < text.count {
                index += 1
                byte = text[position + 1]
            }
            let at = start + index
            if byte == 0x5F {
                underscores += 1
            } else if byte == 0x2E {
                underscoresBefore = underscores
                underscores = 0
                dots += 1
            } else if !isHostCharacter(text, at: at), byte != 0x2D {
                break
            }
            index += 1
        }
        if (underscoresBefore > 0 || underscores > 0) && dots <= 10 { return nil }
        if !allowShort && dots == 0 { return nil }
        return index
    }

    /// E-mail addresses in `text` (read text, outside links).
    static func addresses(in text: [UInt8]) -> [Match] {
        var matches: [Match] = []
        // Where each run of address bytes (letters, digits, `@`, `-`, `_`,
        // and dots before a letter or digit) ends, and counts of `@` and such
        // dots before each position.
        let count = text.count
        guard text.contains(0x40) else { return [] }
        var runEnd = [Int](repeating: count, count: count + 1)
        var ats = [Int](repeating: 0, count: count + 1)
        var dots = [Int](repeating: 0, count: count + 1)
        for index in 0..<count {
            let byte = text[index]
            ats[index + 1] = ats[index] + (byte == 0x40 ? 1 : 0)
            let dot = byte == 0x2E && index + 1 < count && isAlnum(text[index + 1])
            dots[index + 1] = dots[index] + (dot ? 1 : 0)
        }
        var next = count
        for index in stride(from: count - 1, through: 0, by: -1) {
            let byte = text[index]
            let continues = isAlnum(byte) || byte == 0x40 || byte == 0x2D || byte == 0x5F || (byte == 0x2E && index + 1 < count && isAlnum(text[index + 1]))
            if !continues { next = index }
            runEnd[index] = next
        }
        var offset = 0
        while let at = text[offset...].firstIndex(of: 0x40) {
            var rewind = 0
            var automatic = true
            var xmpp = false
            while rewind < at - offset {
                let byte = text[at - rewind - 1]
                if isAlnum(byte) || byte == 0x2E || byte == 0x2B || byte == 0x2D || byte == 0x5F {
                    rewind += 1
                    continue
                }
                if byte == 0x3A {
                    if protocolPrecedes("mailto:", text, at: at, rewind: rewind, floor: offset) {
                        automatic = false
                        rewind += 1
                        continue
                    }
                    if protocolPrecedes("xmpp:", text, at: at, rewind: rewind, floor: offset) {
                        automatic = false
                        xmpp = true
                        rewind += 1
                        continue
                    }
                }
                break
            }
            guard rewind > 0 else {
                offset = at + 1
                continue
            }
            var end: Int
            var atCount: Int, dotCount: Int
            if xmpp {
                end = at
                atCount = 0
                dotCount = 0
                while end < count {
                    let byte = text[end]
                    if isAlnum(byte) || byte == 0x2D || byte == 0x5F || byte == 0x2F {
                    } else if byte == 0x40 {
                        atCount += 1
                    } else if byte == 0x2E, end + 1 < count, isAlnum(text[end + 1]) {
                        dotCount += 1
                    } else {
                        break
                    }
                    end += 1
                }
            } else {
                end = runEnd[at]
                atCount = ats[end] - ats[at]
                dotCount = dots[end] - dots[at]
            }
            let length = end - at
            guard length >= 2, atCount == 1, dotCount > 0, isAlpha(text[end - 1]) || text[end - 1] == 0x2E else {
                offset = at + 1
                continue
            }
            let trimmed = trimmedEnd(text, start: at, end: end)
            guard trimmed > at else {
                offset = at + 1
                continue
            }
            matches.append(Match(start: at - rewind, end: trimmed, prefix: automatic ? "mailto:" : ""))
            offset = trimmed
        }
        return matches
    }

    /// Whether `name` (such as `mailto:`) ends just before the `rewind`
    /// bytes before `at`, with no letter or digit before it.
    private static func protocolPrecedes(_ name: String, _ text: [UInt8], at: Int, rewind: Int, floor: Int) -> Bool {
        let bytes = Array(name.utf8)
        let end = at - rewind
        guard end - floor >= bytes.count, text[(end - bytes.count)..<end].elementsEqual(bytes) else { return false }
        let before = end - bytes.count
        return before == floor || !isAlnum(text[before - 1])
    }

    /// The end of a link once trailing punctuation, a trailing character
    /// reference (`&amp;`) and unmatched closing parentheses are left out.
    static func trimmedEnd(_ text: [UInt8], start: Int, end: Int) -> Int {
        var end = end
        var opening = 0, closing = 0
        for index in start..<end {
            if text[index] == 0x28 { opening += 1 } else if text[index] == 0x29 { closing += 1 }
        }
        while end > start {
            let last = text[end - 1]
            switch last {
            case 0x3F, 0x21, 0x2E, 0x2C, 0x3A, 0x2A, 0x5F, 0x7E, 0x27, 0x22:
                end -= 1
            case 0x3B:
                var reference = end - 2
                while reference > start, isAlpha(text[reference]) { reference -= 1 }
                if reference < end - 2, reference >= start, text[reference] == 0x26 {
                    end = reference
                } else {
                    end -= 1
                }
            case 0x29:
                guard closing > opening else { return end }
                closing -= 1
                end -= 1
            default:
                return end
            }
        }
        return end
    }

    /// Not white space and not punctuation (`-` is allowed by the callers).
    /// Looked at byte by byte, as cmark-gfm does: the second byte of a
    /// character outside ASCII ends the domain.
    private static func isHostCharacter(_ text: [UInt8], at index: Int) -> Bool {
        guard text[index] & 0xC0 != 0x80, let scalar = InlineCharacters.scalar(at: index, in: text), scalar != "\u{FFFD}" else { return false }
        return !InlineCharacters.isSpace(scalar) && !InlineCharacters.isPunctuation(scalar)
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    private static func isAlpha(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func isAlnum(_ byte: UInt8) -> Bool {
        isAlpha(byte) || (byte >= 0x30 && byte <= 0x39)
    }
}
