/// A small, forgiving HTML tokenizer for the link checker: it finds start
/// tags with their attributes and line numbers, skipping comments and the
/// text of `<script>` and `<style>` elements. It never fails; broken markup
/// yields whatever tags can be read.
struct HTMLScanner {
    struct Attribute: Sendable, Equatable {
        /// Lower-cased name.
        var name: String
        /// Value with character references decoded.
        var value: String
        /// 1-based line where the attribute starts.
        var line: Int
    }

    struct Tag: Sendable, Equatable {
        /// Lower-cased element name.
        var name: String
        var line: Int
        var attributes: [Attribute]

        func value(_ name: String) -> String? {
            attributes.first { $0.name == name }?.value
        }
    }

    static func tags(in text: String) -> [Tag] {
        var scanner = Scanner(bytes: Array(text.utf8))
        return scanner.run()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var tags: [Tag] = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func run() -> [Tag] {
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "<") {
                    if starts(with: "<!--") {
                        skip(past: "-->")
                    } else if index + 1 < bytes.count, isLetter(bytes[index + 1]) {
                        readTag()
                    } else {
                        advance()
                    }
                } else {
                    advance()
                }
            }
            return tags
        }

        mutating func advance() {
            if bytes[index] == 0x0A { line += 1 }
            index += 1
        }

        func starts(with text: String, caseInsensitive: Bool = false) -> Bool {
            let pattern = Array(text.utf8)
            guard index + pattern.count <= bytes.count else { return false }
            for offset in 0..<pattern.count {
                var byte = bytes[index + offset]
                if caseInsensitive { byte = lower(byte) }
                if byte != pattern[offset] { return false }
            }
            return true
        }

        mutating func skip(past text: String, caseInsensitive: Bool = false) {
            while index < bytes.count {
                if starts(with: text, caseInsensitive: caseInsensitive) {
                    for _ in 0..<text.utf8.count { advance() }
                    return
                }
                advance()
            }
        }

        mutating func readTag() {
            let tagLine = line
            index += 1  // <
            let nameStart = index
            while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "/") {
                index += 1
            }
            let name = String(decoding: bytes[nameStart..<index].map(lower), as: UTF8.self)
            var attributes: [Attribute] = []
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: ">") { index += 1; break }
                if isSpace(byte) || byte == UInt8(ascii: "/") { advance(); continue }
                let attributeLine = line
                let start = index
                while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ">") {
                    if index > start, bytes[index] == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") { break }
                    index += 1
                }
                let attributeName = String(decoding: bytes[start..<index].map(lower), as: UTF8.self)
                while index < bytes.count, isSpace(bytes[index]) { advance() }
                var value = ""
                if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                    index += 1
                    while index < bytes.count, isSpace(bytes[index]) { advance() }
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                        let quote = bytes[index]
                        index += 1
                        let valueStart = index
                        while index < bytes.count, bytes[index] != quote { advance() }
                        value = String(decoding: bytes[valueStart..<index], as: UTF8.self)
                        if index < bytes.count { index += 1 }
                    } else {
                        let valueStart = index
                        while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                        value = String(decoding: bytes[valueStart..<index], as: UTF8.self)
                    }
                }
                if !attributeName.isEmpty {
                    attributes.append(Attribute(name: attributeName, value: HTMLScanner.decodeReferences(value), line: attributeLine))
                }
            }
            tags.append(Tag(name: name, line: tagLine, attributes: attributes))
            if name == "script" || name == "style" || name == "textarea" || name == "title" {
                skip(past: "</\(name)", caseInsensitive: true)
            }
        }

        func isLetter(_ byte: UInt8) -> Bool {
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }

        func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
        }

        func lower(_ byte: UInt8) -> UInt8 {
            byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
        }
    }

    /// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and numeric references.
    static func decodeReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let after = rest[rest.index(after: ampersand)...]
            guard let semicolon = after.prefix(12).firstIndex(of: ";") else {
                result += "&"
                rest = after
                continue
            }
            let name = after[..<semicolon]
            var replacement: String?
            switch name {
            case "amp": replacement = "&"
            case "lt": replacement = "<"
            case "gt": replacement = ">"
            case "quot": replacement = "\""
            case "apos": replacement = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                }
            }
            if let replacement {
                result += replacement
                rest = after[after.index(after: semicolon)...]
            } else {
                result += "&"
                rest = after
            }
        }
        return result + rest
    }
}
