/// Builds iCalendar content lines (RFC 5545 §3.1): TEXT escaping, CRLF endings, and folding at 75 octets that never
/// splits a UTF-8 character.
///
/// It works on UTF-8 bytes: feeds of thousands of events are written many times a minute.
struct ContentLines {
    private var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(64 * 1024)
    }

    /// The text written so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Adds `NAME;PARAMS:VALUE` where the value is already in its final form (dates, URIs, numbers).
    ///
    /// A parameter with several values (FEATURE=AUDIO,VIDEO) is given as several pairs with the same key; each
    /// value is quoted on its own when it needs quotes.
    mutating func raw(_ name: String, _ value: String, parameters: [(String, String)] = []) {
        var line = name
        var keys: [String] = []
        var values: [String: [String]] = [:]
        for (key, parameter) in parameters {
            if values[key] == nil { keys.append(key) }
            values[key, default: []].append(Self.parameterValue(parameter))
        }
        for key in keys { line += ";\(key)=" + values[key]!.joined(separator: ",") }
        line += ":"
        append(Array(line.utf8) + Array(value.utf8))
    }

    /// Adds a TEXT property, escaped.
    mutating func text(_ name: String, _ value: String, parameters: [(String, String)] = []) {
        raw(name, Self.escape(value), parameters: parameters)
    }

    /// Adds a one-line TEXT property (SUMMARY): line breaks become spaces, as some clients refuse them there.
    mutating func line(_ name: String, _ value: String) {
        let flat = value.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).joined(separator: " ")
        text(name, flat)
    }

    /// Escapes TEXT: backslash, semicolon, comma and newlines; drops other control characters (C0, DEL, C1) and
    /// the noncharacters U+FFFE and U+FFFF, which TEXT may not hold (RFC 5545 §3.3.11).
    static func escape(_ value: String) -> String {
        let input = Array(value.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count + 8)
        var index = 0
        while index < input.count {
            let byte = input[index]
            switch byte {
            case UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: ";"): output += [UInt8(ascii: "\\"), UInt8(ascii: ";")]
            case UInt8(ascii: ","): output += [UInt8(ascii: "\\"), UInt8(ascii: ",")]
            case UInt8(ascii: "\r"):
                output += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                if index + 1 < input.count, input[index + 1] == UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "\n"): output += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\t"): output.append(byte)
            case 0..<0x20, 0x7F: break
            case 0xC2 where index + 1 < input.count && (0x80...0x9F).contains(input[index + 1]):
                index += 1  // a C1 control
            case 0xEF where index + 2 < input.count && input[index + 1] == 0xBF && input[index + 2] >= 0xBE:
                index += 2  // U+FFFE or U+FFFF
            default: output.append(byte)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Quotes a parameter value when it contains `:`, `;` or `,`; drops characters a parameter may not hold.
    static func parameterValue(_ value: String) -> String {
        let cleaned = String(
            value.unicodeScalars.filter { $0 != "\"" && $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) })
        return cleaned.contains(where: { ":;,".contains($0) }) ? "\"\(cleaned)\"" : cleaned
    }

    /// Appends one logical line, folded so that no physical line exceeds 75 octets.
    ///
    /// Folds fall before a UTF-8 lead byte, never inside a sequence: a client unfolds by deleting each CRLF-space,
    /// which restores every character, even one made of many combining marks.
    private mutating func append(_ line: [UInt8]) {
        var octets = 0
        var index = 0
        while index < line.count {
            let lead = line[index]
            let width =
                lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            // A continuation line starts with a space, which counts toward its 75 octets.
            if octets + width > 75 {
                bytes += [13, 10, 32]
                octets = 1
            }
            bytes += line[index..<min(index + width, line.count)]
            octets += width
            index += width
        }
        bytes += [13, 10]
    }
}
