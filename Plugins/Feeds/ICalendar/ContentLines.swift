/// Builds iCalendar content lines (RFC 5545 §3.1): TEXT escaping, CRLF endings, and folding at 75 octets that never
/// splits a UTF-8 character.
struct ContentLines {
    private(set) var text = ""

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
        line += ":" + value
        append(line)
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

    /// Escapes TEXT: backslash, semicolon, comma and newlines; drops other control characters.
    static func escape(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        var previousWasCarriageReturn = false
        for scalar in value.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\r": result += "\\n"
            case "\n": if !previousWasCarriageReturn { result += "\\n" }
            case "\t": result.unicodeScalars.append(scalar)
            default:
                // Other controls (C0, DEL, C1) and noncharacters are not allowed in TEXT (RFC 5545 §3.3.11).
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFFFE
                    || scalar.value == 0xFFFF
                {
                    continue
                }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Quotes a parameter value when it contains `:`, `;` or `,`; drops characters a parameter may not hold.
    static func parameterValue(_ value: String) -> String {
        let cleaned = String(
            value.unicodeScalars.filter { $0 != "\"" && $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) })
        return cleaned.contains(where: { ":;,".contains($0) }) ? "\"\(cleaned)\"" : cleaned
    }

    /// Appends one logical line, folded so that no physical line exceeds 75 octets.
    ///
    /// Folding happens between Unicode scalars: a client unfolds by deleting each CRLF-space, which restores every
    /// character, even one made of many combining marks.
    private mutating func append(_ line: String) {
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            // A continuation line starts with a space, which counts toward its 75 octets.
            if octets + size > 75 {
                text += "\r\n "
                octets = 1
            }
            text.unicodeScalars.append(scalar)
            octets += size
        }
        text += "\r\n"
    }
}
