/// Escaping for HTML text and double-quoted attribute values: `&`, `<`, `>`, `"` and `'` become references, so
/// nothing written by an author can open a tag, close an attribute or start an entity.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
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
        return out
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
            let body = after.prefix { $0.isLetter || $0.isNumber || $0 == "#" }.prefix(32)
            var consumed = body.count
            var decoded: String?
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                decoded = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if body.hasPrefix("#") {
                decoded = UInt32(body.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init).map { String($0) }
            } else {
                decoded = named[body.lowercased()]
            }
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
