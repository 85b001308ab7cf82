/// Escaping for HTML text and double-quoted attribute values: `&`, `<`, `>`, `"` and `'` become references, so
/// nothing written by an author can open a tag, close an attribute or start an entity.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { append(scalar, to: &out) }
        return out
    }

    /// Appends `scalar` to `out`, escaped.
    static func append(_ scalar: Unicode.Scalar, to out: inout String) {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        case "\u{0}": out += "\u{FFFD}"
        default: out.unicodeScalars.append(scalar)
        }
    }

    /// Decodes numeric (`&#106;`, `&#x6A;`) and the common named references, as a Markdown link destination is read.
    static func decodeReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let named: [String: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t", "newline": "\n",
            "nbsp": "\u{A0}", "sol": "/", "lpar": "(", "rpar": ")", "period": ".", "comma": ",",
        ]
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            // Up to 32 characters of name or number, with or without the closing ';' (browsers accept both).
            // A numeric reference ends at its last digit (`&#106avascript:` is `javascript:`), as in browsers.
            let body: Substring
            var decoded: String?
            if after.hasPrefix("#x") || after.hasPrefix("#X") {
                let digits = after.dropFirst(2).prefix { $0.isHexDigit }.prefix(16)
                body = after.prefix(2 + digits.count)
                decoded = UInt32(digits, radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if after.hasPrefix("#") {
                let digits = after.dropFirst().prefix { $0.isASCII && $0.isNumber }.prefix(16)
                body = after.prefix(1 + digits.count)
                decoded = UInt32(digits, radix: 10).flatMap(Unicode.Scalar.init).map { String($0) }
            } else {
                body = after.prefix { $0.isLetter || $0.isNumber }.prefix(32)
                decoded = named[body.lowercased()]
            }
            var consumed = body.count
            if let decoded {
                if after.dropFirst(consumed).first == ";" { consumed += 1 }
                out += decoded
                rest = after.dropFirst(consumed)
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }
}
