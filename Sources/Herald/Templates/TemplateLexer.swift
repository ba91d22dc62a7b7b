import Foundation

struct Token: Sendable {
    enum Kind: Equatable, Sendable {
        case text(String)
        case outputOpen, outputClose, tagOpen, tagClose
        case name(String)
        case string(String)
        case int(Int)
        case double(Double)
        case symbol(String)
        case end
    }

    var kind: Kind
    var line: Int
    var column: Int
}

/// A located syntax problem found while reading a template.
struct SyntaxProblem {
    var message: String
    var line: Int
    var column: Int
}

/// Splits a template into text and the tokens of its tags.
struct TemplateLexer {
    private let chars: [Character]
    private var position = 0
    private var line = 1
    private var column = 1
    private(set) var tokens: [Token] = []
    private(set) var problems: [SyntaxProblem] = []
    private var trimNextText = false

    /// `firstLine` is the line of the file `source` starts at (a template
    /// page's body starts after its front matter).
    init(source: String, firstLine: Int = 1) {
        chars = Array(source)
        line = firstLine
    }

    static func tokenize(_ source: String, firstLine: Int = 1) -> (tokens: [Token], problems: [SyntaxProblem]) {
        var lexer = TemplateLexer(source: source, firstLine: firstLine)
        lexer.run()
        return (lexer.tokens, lexer.problems)
    }

    private func peek(_ offset: Int = 0) -> Character? {
        let index = position + offset
        return index < chars.count ? chars[index] : nil
    }

    private mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where position < chars.count {
            if chars[position] == "\n" || chars[position] == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            position += 1
        }
    }

    private func startsWith(_ text: String, at offset: Int = 0) -> Bool {
        var index = position + offset
        for character in text {
            guard index < chars.count, chars[index] == character else { return false }
            index += 1
        }
        return true
    }

    private mutating func run() {
        while position < chars.count {
            lexText()
            guard position < chars.count else { break }
            if startsWith("{#") {
                lexComment()
            } else {
                lexTag(output: startsWith("{{"))
            }
        }
        tokens.append(Token(kind: .end, line: line, column: column))
    }

    private mutating func emitText(_ text: String, line: Int, column: Int) {
        var text = text
        if trimNextText {
            text = String(text.drop(while: \.isWhitespace))
            trimNextText = false
        }
        if !text.isEmpty { tokens.append(Token(kind: .text(text), line: line, column: column)) }
    }

    private mutating func trimPreviousText() {
        guard let last = tokens.last, case .text(let text) = last.kind else { return }
        var trimmed = Substring(text)
        while let character = trimmed.last, character.isWhitespace { trimmed = trimmed.dropLast() }
        if trimmed.isEmpty {
            tokens.removeLast()
        } else {
            tokens[tokens.count - 1].kind = .text(String(trimmed))
        }
    }

    private mutating func lexText() {
        let startLine = line, startColumn = column
        var text = ""
        while position < chars.count {
            if chars[position] == "{", let next = peek(1), next == "{" || next == "%" || next == "#" { break }
            text.append(chars[position])
            advance()
        }
        emitText(text, line: startLine, column: startColumn)
    }

    private mutating func lexComment() {
        let openLine = line, openColumn = column
        if peek(2) == "-" { trimPreviousText() }
        advance(2)
        while position < chars.count && !startsWith("#}") { advance() }
        if position >= chars.count {
            problems.append(SyntaxProblem(message: "comment '{#' is never closed; end it with '#}'", line: openLine, column: openColumn))
            return
        }
        if position > 0 && chars[position - 1] == "-" { trimNextText = true }
        advance(2)
    }

    /// Lexes `{{ … }}` or `{% … %}`; handles `{% raw %}` itself.
    private mutating func lexTag(output: Bool) {
        let openLine = line, openColumn = column
        let firstTokenIndex = tokens.count
        if peek(2) == "-" { trimPreviousText() }
        tokens.append(Token(kind: output ? .outputOpen : .tagOpen, line: openLine, column: openColumn))
        advance(peek(2) == "-" ? 3 : 2)
        let closer: Character = output ? "}" : "%"
        var closeLine = line, closeColumn = column
        while true {
            skipWhitespace()
            guard let character = peek() else {
                problems.append(SyntaxProblem(
                    message: output
                        ? "'{{' is never closed; end the expression with '}}'"
                        : "'{%' is never closed; end the tag with '%}'",
                    line: openLine, column: openColumn))
                tokens.removeSubrange(firstTokenIndex...)
                return
            }
            closeLine = line
            closeColumn = column
            if character == "-", peek(1) == closer, peek(2) == "}" {
                advance(3)
                trimNextText = true
                break
            }
            if character == closer, peek(1) == "}" {
                advance(2)
                break
            }
            if character == "{", let next = peek(1), next == "{" || next == "%" {
                problems.append(SyntaxProblem(
                    message: output
                        ? "'{{' is never closed; end the expression with '}}' before the next tag"
                        : "'{%' is never closed; end the tag with '%}' before the next tag",
                    line: openLine, column: openColumn))
                tokens.removeSubrange(firstTokenIndex...)
                return
            }
            lexExpressionToken()
        }
        tokens.append(Token(kind: output ? .outputClose : .tagClose, line: closeLine, column: closeColumn))
        if !output, tokens.count - firstTokenIndex == 3, case .name("raw") = tokens[firstTokenIndex + 1].kind {
            tokens.removeSubrange(firstTokenIndex...)
            lexRaw(openLine: openLine, openColumn: openColumn)
        }
    }

    private mutating func lexRaw(openLine: Int, openColumn: Int) {
        let startLine = line, startColumn = column
        var text = ""
        while position < chars.count {
            if startsWith("{%"), let length = endRawLength() {
                let trimBefore = peek(2) == "-"
                let trimAfter = chars[position + length - 3] == "-"
                if trimBefore {
                    while let last = text.last, last.isWhitespace { text.removeLast() }
                }
                let wasTrimming = trimNextText
                emitText(text, line: startLine, column: startColumn)
                if text.isEmpty && wasTrimming { trimNextText = false }
                advance(length)
                trimNextText = trimAfter
                return
            }
            text.append(chars[position])
            advance()
        }
        problems.append(SyntaxProblem(message: "'{% raw %}' is never closed; add '{% endraw %}'", line: openLine, column: openColumn))
    }

    /// The length of `{%[-] endraw [-]%}` at the current position, if it is one.
    private func endRawLength() -> Int? {
        var index = position + 2
        if index < chars.count && chars[index] == "-" { index += 1 }
        while index < chars.count && chars[index].isWhitespace { index += 1 }
        for character in "endraw" {
            guard index < chars.count, chars[index] == character else { return nil }
            index += 1
        }
        while index < chars.count && chars[index].isWhitespace { index += 1 }
        if index < chars.count && chars[index] == "-" { index += 1 }
        guard index + 1 < chars.count, chars[index] == "%", chars[index + 1] == "}" else { return nil }
        return index + 2 - position
    }

    private mutating func skipWhitespace() {
        while let character = peek(), character.isWhitespace { advance() }
    }

    private mutating func lexExpressionToken() {
        let startLine = line, startColumn = column
        guard let character = peek() else { return }
        func emit(_ kind: Token.Kind) {
            tokens.append(Token(kind: kind, line: startLine, column: startColumn))
        }
        if character == "_" || (character.isLetter) {
            var name = ""
            while let next = peek(), next == "_" || next.isLetter || next.isNumber {
                name.append(next)
                advance()
            }
            emit(.name(name))
            return
        }
        if character.isASCII && character.isNumber {
            var digits = ""
            while let next = peek(), next.isASCII, next.isNumber {
                digits.append(next)
                advance()
            }
            let afterMember: Bool
            if let last = tokens.last, case .symbol(".") = last.kind { afterMember = true } else { afterMember = false }
            if !afterMember, peek() == ".", let next = peek(1), next.isASCII, next.isNumber {
                digits.append(".")
                advance()
                while let next = peek(), next.isASCII, next.isNumber {
                    digits.append(next)
                    advance()
                }
                emit(.double(Double(digits) ?? 0))
            } else if let value = Int(digits) {
                emit(.int(value))
            } else {
                problems.append(SyntaxProblem(message: "the number \(digits) is too large", line: startLine, column: startColumn))
                emit(.int(0))
            }
            return
        }
        if character == "\"" || character == "'" {
            lexString(quote: character, line: startLine, column: startColumn)
            return
        }
        for symbol in ["==", "!=", "<=", ">=", "//"] where startsWith(symbol) {
            advance(2)
            emit(.symbol(symbol))
            return
        }
        if "()[]{},.:|~+-*/%<>=".contains(character) {
            advance()
            emit(.symbol(String(character)))
            return
        }
        problems.append(SyntaxProblem(message: "unexpected character '\(character)' in a tag", line: startLine, column: startColumn))
        advance()
    }

    private mutating func lexString(quote: Character, line startLine: Int, column startColumn: Int) {
        advance()
        var text = ""
        while let character = peek() {
            if character == quote {
                advance()
                tokens.append(Token(kind: .string(text), line: startLine, column: startColumn))
                return
            }
            if character == "\\", let next = peek(1) {
                advance(2)
                switch next {
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "r": text.append("\r")
                case "0": text.append("\0")
                case "\\", "'", "\"": text.append(next)
                case "u":
                    var hex = ""
                    while hex.count < 4, let digit = peek(), digit.isHexDigit {
                        hex.append(digit)
                        advance()
                    }
                    if hex.count == 4, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                        text.unicodeScalars.append(scalar)
                    } else {
                        problems.append(SyntaxProblem(message: "'\\u' must be followed by four hexadecimal digits", line: line, column: column))
                    }
                default:
                    text.append("\\")
                    text.append(next)
                }
                continue
            }
            text.append(character)
            advance()
        }
        problems.append(SyntaxProblem(message: "string is never closed; end it with \(quote)", line: startLine, column: startColumn))
        tokens.append(Token(kind: .string(text), line: startLine, column: startColumn))
    }
}
