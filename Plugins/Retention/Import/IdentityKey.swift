import Foundation
import Kernel

/// How a row of an export is recognised again: by e-mail when it has one, otherwise by its name.
///
/// Names are compared folded: case, diacritics and punctuation ignored, and the words sorted, so that `Zoë Ndlovu`,
/// `zoe ndlovu`, `Ndlovu, Zoë` and `zoe.ndlovu` are one name.
enum IdentityKey {
    /// The key of an e-mail address: `email:` and the address as the kernel folds it.
    static func email(_ address: String) -> String { "email:" + FieldRules.emailKey(address) }

    /// The key of a name, or nil when it has no letters (a phone number, say).
    static func name(_ text: String) -> String? {
        asciiName(text) ?? foldedName(text)
    }

    /// ``name(_:)`` for text of ASCII characters only, read byte by byte: folding such text only lowercases it,
    /// and its letters and digits are exactly `A-Z`, `a-z` and `0-9`. An import keys every row and every person of
    /// the series and organization, and Foundation's folding was most of that cost. Nil when the text is not ASCII
    /// or has no letters (``foldedName(_:)`` then decides, and answers nil for the latter too).
    static func asciiName(_ text: String) -> String? {
        var words: [String] = []
        var hasLetter = false
        var word: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                word.append(byte + 32)
                hasLetter = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                word.append(byte)
                hasLetter = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                word.append(byte)
            case 0x80...:
                return nil
            default:
                if !word.isEmpty {
                    words.append(String(decoding: word, as: UTF8.self))
                    word.removeAll(keepingCapacity: true)
                }
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        guard hasLetter else { return nil }
        return "name:" + words.sorted().joined(separator: " ")
    }

    /// ``name(_:)`` for any text: case, diacritics and width folded by Foundation.
    static func foldedName(_ text: String) -> String? {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        let words = folded.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        guard words.contains(where: { $0.contains(where: \.isLetter) }) else { return nil }
        return "name:" + words.sorted().joined(separator: " ")
    }

    /// Tags exports add in parentheses after a name, which are not a name.
    static let tags: Set<String> = ["external", "guest", "host", "co-host", "cohost", "unverified", "extern", "invité"]

    /// A display name without the decorations exports add (`(Chidi's iPhone)`, `(External)`), for a new person.
    static func displayName(_ text: String) -> String {
        var name = text
        while let open = name.lastIndex(of: "("), let close = name[open...].firstIndex(of: ")") {
            name.removeSubrange(open...close)
        }
        let trimmed = name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return trimmed.isEmpty ? text : trimmed
    }

    /// The names worth trying for a display name as exports write it: `Name (Original Name)` gives both, and tags
    /// such as `(External)`, `(Guest)` or `(Host)` are dropped.
    static func names(forDisplayName text: String) -> [String] {
        var outer = text
        var inner: [String] = []
        while let open = outer.lastIndex(of: "("), let close = outer[open...].firstIndex(of: ")") {
            let content = outer[outer.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            if !tags.contains(content.lowercased()) { inner.append(content) }
            outer.removeSubrange(open...close)
        }
        return ([outer] + inner).compactMap(name)
    }
}
