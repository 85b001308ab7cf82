@testable import CaseStudies

// The query parser the snippet builder used before FTS5 said what matched (``MatchInstances``): kept for
// ``ReferenceSnippetBuilder``, which reads the query itself.
/// The phrases of an FTS5 query that mark words in results: every phrase (`word`, `"two words"`, `pre*`, `a + b`,
/// inside `NEAR(…)` or parentheses) that is not on the right of a `NOT`, with the columns it may match in (from
/// `title:`, `{title body}:` and `-title:` filters, nested ones narrowing), its words folded by ``SearchTokenizer``.
/// The query has already been accepted by FTS5, so anything unexpected is skipped rather than reported.
struct SearchPhrases {
    /// One phrase: its folded words in order, which of them are prefixes, the columns (a bit each) it matches in.
    struct Phrase: Equatable {
        var words: [[UInt8]]
        var prefixes: [Bool]
        var columns: UInt8
    }

    /// The index's columns, in order: bit `1 << i` is column `i`.
    static let columnNames = ["title", "summary", "body", "topicwords"]
    static let allColumns: UInt8 = 0b1111

    /// Distinct phrases (a phrase given twice for the same columns is one).
    private(set) var phrases: [Phrase] = []

    init(query: String, tokenizer: inout SearchTokenizer) {
        var parser = Parser(lexemes: Self.lex(query), tokenizer: tokenizer)
        while !parser.atEnd {
            parser.orExpression(columns: Self.allColumns, negated: false)
            if !parser.atEnd { parser.index += 1 }  // a stray `)` or operator
        }
        tokenizer = parser.tokenizer
        for phrase in parser.found where !phrases.contains(phrase) {
            phrases.append(phrase)
        }
    }

    enum Lexeme: Equatable {
        case word(String), string(String), open, close, openBrace, closeBrace, colon, star, plus, caret, minus, comma
    }

    /// FTS5's lexemes: barewords (ASCII letters, digits, `_`, U+001A, and any non-ASCII character), `"strings"` with
    /// `""` for a quote, and the punctuation of the syntax. Read from the UTF-8 bytes, as FTS5 reads them: a lexeme
    /// starts and ends at an ASCII byte, so it is always whole characters.
    static func lex(_ query: String) -> [Lexeme] {
        var query = query
        return query.withUTF8(lex)
    }

    private static func lex(_ bytes: UnsafeBufferPointer<UInt8>) -> [Lexeme] {
        func isBare(_ byte: UInt8) -> Bool {
            byte >= 0x80 || (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || byte == 0x5F || byte == 0x1A
        }
        let quote = UInt8(ascii: "\"")
        var lexemes: [Lexeme] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "("): lexemes.append(.open)
            case UInt8(ascii: ")"): lexemes.append(.close)
            case UInt8(ascii: "{"): lexemes.append(.openBrace)
            case UInt8(ascii: "}"): lexemes.append(.closeBrace)
            case UInt8(ascii: ":"): lexemes.append(.colon)
            case UInt8(ascii: "*"): lexemes.append(.star)
            case UInt8(ascii: "+"): lexemes.append(.plus)
            case UInt8(ascii: "^"): lexemes.append(.caret)
            case UInt8(ascii: "-"): lexemes.append(.minus)
            case UInt8(ascii: ","): lexemes.append(.comma)
            case quote:
                var text: [UInt8] = []
                while index < bytes.count {
                    if bytes[index] == quote {
                        guard index + 1 < bytes.count, bytes[index + 1] == quote else { break }
                        index += 1
                    }
                    text.append(bytes[index])
                    index += 1
                }
                index += 1
                lexemes.append(.string(String(decoding: text, as: UTF8.self)))
            default:
                guard isBare(byte) else { continue }
                let start = index - 1
                while index < bytes.count, isBare(bytes[index]) { index += 1 }
                lexemes.append(
                    .word(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)))
            }
        }
        return lexemes
    }

    /// Recursive descent over FTS5's grammar: OR below AND (or nothing) below NOT below a filtered primary.
    private struct Parser {
        let lexemes: [Lexeme]
        var tokenizer: SearchTokenizer
        var index = 0
        var found: [Phrase] = []

        var atEnd: Bool { index >= lexemes.count }
        var peek: Lexeme? { atEnd ? nil : lexemes[index] }

        func isKeyword(_ keyword: String, at position: Int) -> Bool {
            position < lexemes.count && lexemes[position] == .word(keyword)
        }

        var startsPrimary: Bool {
            switch peek {
            case .word:
                return !isKeyword("AND", at: index) && !isKeyword("OR", at: index) && !isKeyword("NOT", at: index)
            case .string, .open, .openBrace, .minus, .caret: return true
            default: return false
            }
        }

        mutating func orExpression(columns: UInt8, negated: Bool) {
            andExpression(columns: columns, negated: negated)
            while isKeyword("OR", at: index) {
                index += 1
                andExpression(columns: columns, negated: negated)
            }
        }

        mutating func andExpression(columns: UInt8, negated: Bool) {
            notExpression(columns: columns, negated: negated)
            while true {
                if isKeyword("AND", at: index) {
                    index += 1
                } else if !startsPrimary {
                    return
                }
                notExpression(columns: columns, negated: negated)
            }
        }

        mutating func notExpression(columns: UInt8, negated: Bool) {
            primary(columns: columns, negated: negated)
            while isKeyword("NOT", at: index) {
                index += 1
                primary(columns: columns, negated: true)
            }
        }

        mutating func primary(columns: UInt8, negated: Bool) {
            let columns = columns & columnFilter()
            if peek == .open {
                index += 1
                orExpression(columns: columns, negated: negated)
                if peek == .close { index += 1 }
            } else if isKeyword("NEAR", at: index), index + 1 < lexemes.count, lexemes[index + 1] == .open {
                index += 2
                while let next = peek, next != .close {
                    if next == .comma {
                        index += 2  // `, distance`
                    } else if startsPrimary {
                        phraseSequence(columns: columns, negated: negated)
                    } else {
                        index += 1
                    }
                }
                index += 1
            } else if startsPrimary {
                phraseSequence(columns: columns, negated: negated)
            }
        }

        /// `col:`, `{col col}:`, `-col:` or `-{…}:` ahead: the columns allowed (all when there is no filter).
        mutating func columnFilter() -> UInt8 {
            var position = index
            let excluding = peek == .minus
            if excluding { position += 1 }
            var names: [String] = []
            if position < lexemes.count, lexemes[position] == .openBrace {
                position += 1
                while position < lexemes.count, case .word(let name) = lexemes[position] {
                    names.append(name)
                    position += 1
                }
                guard position < lexemes.count, lexemes[position] == .closeBrace else { return allColumns }
                position += 1
            } else if position < lexemes.count, case .word(let name) = lexemes[position] {
                names = [name]
                position += 1
            }
            guard !names.isEmpty, position < lexemes.count, lexemes[position] == .colon else { return allColumns }
            index = position + 1
            let mask = names.reduce(UInt8(0)) { mask, name in
                mask | (columnNames.firstIndex(of: name.lowercased()).map { UInt8(1) << $0 } ?? 0)
            }
            return excluding ? allColumns & ~mask : mask
        }

        /// `^? phrase *? (+ phrase *?)*`: one phrase of all their words.
        mutating func phraseSequence(columns: UInt8, negated: Bool) {
            if peek == .caret { index += 1 }
            var phrase = Phrase(words: [], prefixes: [], columns: columns)
            while let next = peek {
                switch next {
                case .word(let text), .string(let text):
                    index += 1
                    let words = tokenizer.foldedTokens(of: text)
                    phrase.words += words
                    phrase.prefixes += words.map { _ in false }
                    if peek == .star {
                        index += 1
                        if !phrase.prefixes.isEmpty { phrase.prefixes[phrase.prefixes.count - 1] = true }
                    }
                default:
                    break
                }
                guard peek == .plus else { break }
                index += 1
            }
            if !negated, columns != 0, !phrase.words.isEmpty { found.append(phrase) }
        }
    }
}

extension SearchTokenizer {
    /// Every token of `text`, folded: how the query's words are read.
    mutating func foldedTokens(of text: String) -> [[UInt8]] {
        var utf8 = Array(text.utf8)
        var tokens: [[UInt8]] = []
        var folded: [UInt8] = []
        var position = 0
        utf8.withUnsafeMutableBufferPointer { buffer in
            let bytes = UnsafeBufferPointer(buffer)
            while let token = next(bytes, at: &position, folded: &folded) {
                tokens.append(token.isASCII ? bytes[token.start..<token.end].map { $0 | 0x20 } : folded)
            }
        }
        return tokens
    }
}
