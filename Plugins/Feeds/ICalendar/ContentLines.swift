/// Builds iCalendar content lines (RFC 5545 §3.1): TEXT escaping, CRLF endings, and folding at 75 octets that never
/// splits a UTF-8 character.
///
/// It streams UTF-8 bytes into one buffer, folding as it goes: feeds of thousands of events are written many times
/// a minute, and intermediate strings would dominate the cost.
struct ContentLines {
    private var bytes: [UInt8] = []
    /// Octets on the current physical line.
    private var octets = 0

    init() {
        bytes.reserveCapacity(256 * 1024)
    }

    /// The text written so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Adds `NAME;PARAMS:VALUE` where the value is already in its final form (dates, URIs, numbers).
    ///
    /// A parameter with several values (FEATURE=AUDIO,VIDEO) is given as several pairs with the same key; each
    /// value is quoted on its own when it needs quotes.
    mutating func raw(_ name: String, _ value: String, parameters: [(String, String)] = []) {
        put(name)
        putParameters(parameters)
        put(":")
        put(value)
        endLine()
    }

    /// Adds a TEXT property, escaped.
    mutating func text(_ name: String, _ value: String, parameters: [(String, String)] = []) {
        put(name)
        putParameters(parameters)
        put(":")
        putEscaped(value)
        endLine()
    }

    /// Adds a one-line TEXT property (SUMMARY): line breaks become spaces, as some clients refuse them there.
    mutating func line(_ name: String, _ value: String) {
        let flat =
            value.contains(where: \.isNewline)
            ? value.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).joined(separator: " ") : value
        text(name, flat)
    }

    /// Escapes TEXT: backslash, semicolon, comma and newlines; drops other control characters (C0, DEL, C1) and
    /// the noncharacters U+FFFE and U+FFFF, which TEXT may not hold (RFC 5545 §3.3.11).
    static func escape(_ value: String) -> String {
        var lines = ContentLines()
        lines.octets = .min  // no folding: only the escaped value is wanted
        lines.putEscaped(value)
        return lines.text
    }

    /// Quotes a parameter value when it contains `:`, `;` or `,`; drops characters a parameter may not hold.
    static func parameterValue(_ value: String) -> String {
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && !":;,".utf8.contains($0) }) {
            return value
        }
        let cleaned = String(
            value.unicodeScalars.filter { $0 != "\"" && $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) })
        return cleaned.contains(where: { ":;,".contains($0) }) ? "\"\(cleaned)\"" : cleaned
    }

    private mutating func putParameters(_ parameters: [(String, String)]) {
        var index = 0
        while index < parameters.count {
            let key = parameters[index].0
            put(";")
            put(key)
            put("=")
            put(Self.parameterValue(parameters[index].1))
            index += 1
            // Further values of the same parameter are listed after it, comma-separated.
            while index < parameters.count, parameters[index].0 == key {
                put(",")
                put(Self.parameterValue(parameters[index].1))
                index += 1
            }
        }
    }

    private mutating func put(_ string: String) {
        var string = string
        string.withUTF8 { put($0) }
    }

    private mutating func putEscaped(_ value: String) {
        var value = value
        value.withUTF8 { input in
            var start = 0
            var index = 0
            // Copies runs of ordinary bytes in one go; stops at what needs escaping or dropping.
            while index < input.count {
                let byte = input[index]
                var replacement: StaticString?
                var skip = 1
                switch byte {
                case UInt8(ascii: "\\"): replacement = "\\\\"
                case UInt8(ascii: ";"): replacement = "\\;"
                case UInt8(ascii: ","): replacement = "\\,"
                case UInt8(ascii: "\r"):
                    replacement = "\\n"
                    if index + 1 < input.count, input[index + 1] == UInt8(ascii: "\n") { skip = 2 }
                case UInt8(ascii: "\n"): replacement = "\\n"
                case UInt8(ascii: "\t"): index += 1; continue
                case 0..<0x20, 0x7F: replacement = ""
                case 0xC2 where index + 1 < input.count && (0x80...0x9F).contains(input[index + 1]):
                    replacement = ""  // a C1 control
                    skip = 2
                case 0xEF where index + 2 < input.count && input[index + 1] == 0xBF && input[index + 2] >= 0xBE:
                    replacement = ""  // U+FFFE or U+FFFF
                    skip = 3
                default:
                    index += 1
                    continue
                }
                put(UnsafeBufferPointer(rebasing: input[start..<index]))
                if let replacement {
                    replacement.withUTF8Buffer { put($0) }
                }
                index += skip
                start = index
            }
            put(UnsafeBufferPointer(rebasing: input[start..<input.count]))
        }
    }

    /// Appends bytes to the current line, folding before a UTF-8 lead byte whenever the line would pass 75 octets.
    /// A client unfolds by deleting each CRLF-space, which restores every character, even one made of many
    /// combining marks.
    private mutating func put(_ piece: UnsafeBufferPointer<UInt8>) {
        guard octets >= 0 else {
            bytes.append(contentsOf: piece)
            return
        }
        var index = 0
        while index < piece.count {
            var end = min(piece.count, index + 75 - octets)
            while end < piece.count, end > index, piece[end] & 0xC0 == 0x80 { end -= 1 }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: piece[index..<end]))
            octets += end - index
            index = end
            if index < piece.count {
                // A continuation line starts with a space, which counts toward its 75 octets.
                bytes += [13, 10, 32]
                octets = 1
            }
        }
    }

    private mutating func endLine() {
        bytes += [13, 10]
        octets = 0
    }
}
