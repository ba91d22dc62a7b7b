/// HTML escaping shared by templates, feeds and pages.
public enum HTMLEscaping {
    /// Escapes `& < > " '` so the text is safe in element content and in
    /// quoted attribute values alike.
    public static func escape(_ text: String) -> String {
        var text = text
        let clean = text.withUTF8 { firstSpecial(in: $0) == nil }
        if clean { return text }
        var bytes: [UInt8] = []
        escape(text, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the escaped UTF-8 of `text` to `output`: what a template
    /// writes, without an intermediate string. The characters escaped are
    /// ASCII, so working on bytes keeps every other character intact.
    static func escape(_ text: String, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { buffer in
            guard var special = firstSpecial(in: buffer) else {
                output.append(contentsOf: buffer)
                return
            }
            output.reserveCapacity(output.count + buffer.count + 16)
            var runStart = 0
            while true {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<special]))
                switch buffer[special] {
                case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
                default: output.append(contentsOf: "&#39;".utf8)
                }
                runStart = special + 1
                guard let next = firstSpecial(in: buffer, from: runStart) else { break }
                special = next
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart...]))
        }
    }

    private static func firstSpecial(in buffer: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        var index = start
        // Eight bytes at a time: most text has none of the five.
        if let base = buffer.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= buffer.count {
                let word = ByteMask.word(raw, at: index)
                let found = ByteMask.bytes(of: word, equalTo: 0x26) | ByteMask.bytes(of: word, equalTo: 0x3C)
                    | ByteMask.bytes(of: word, equalTo: 0x3E) | ByteMask.bytes(of: word, equalTo: 0x22)
                    | ByteMask.bytes(of: word, equalTo: 0x27)
                if found != 0 { return index + found.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < buffer.count {
            switch buffer[index] {
            case 0x26, 0x3C, 0x3E, 0x22, 0x27: return index
            default: index += 1
            }
        }
        return nil
    }
}
