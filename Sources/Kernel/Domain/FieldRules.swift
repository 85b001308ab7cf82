import Foundation

/// Checks shared by every entry point (CLI, import, API) so a value is accepted or refused the same way everywhere.
///
/// Each check returns `nil` when the value is fine, or the ``FieldProblem`` saying what is wrong (its English
/// fragment and its wording in other languages say what to do). Problems never repeat personal data (an e-mail
/// address is not echoed back).
public enum FieldRules {
    /// Checks an IANA time zone name such as `Africa/Harare`.
    public static func timeZoneProblem(_ name: String) -> FieldProblem? {
        // Foundation also accepts abbreviations and "GMT+2"; a plan needs a named zone whose rules can change.
        guard name.contains("/") || name == "UTC", TimeZone(identifier: name) != nil else {
            return .unknownTimeZone(name)
        }
        return nil
    }

    /// Checks an ISO 3166-1 alpha-2 country code such as `ZW`.
    public static func countryProblem(_ code: String) -> FieldProblem? {
        let known = Set(Locale.Region.isoRegions.map(\.identifier))
        guard code.count == 2, code == code.uppercased(), known.contains(code) else {
            return .unknownCountry(code)
        }
        return nil
    }

    /// Checks an e-mail address loosely (one `@`, a dotted domain, no spaces); delivery is the real test.
    /// Invisible characters (zero-width spaces, joiners, bidi controls) are refused: they would make a second
    /// person out of an address that looks the same.
    public static func emailProblem(_ address: String) -> FieldProblem? {
        if let problem = emailCharacterProblem(address) { return problem }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        let valid =
            parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !address.contains(where: \.isWhitespace) && address.count <= 254
        return valid ? nil : .invalidEmail
    }

    /// Refuses invisible characters in an e-mail address (the part of ``emailProblem(_:)`` the kernel enforces on
    /// every stored person).
    public static func emailCharacterProblem(_ address: String) -> FieldProblem? {
        guard address.unicodeScalars.contains(where: HostileCharacters.isInvisible) else { return nil }
        return .invisibleCharacter
    }

    /// Checks a person's name: text of at most `limit` characters without control characters (which could rewrite
    /// a terminal) or bidirectional overrides (which reorder what is shown around them).
    public static func nameProblem(_ name: String, limit: Int = 500) -> FieldProblem? {
        textProblem(name, limit: limit) ?? nameCharacterProblem(name)
    }

    /// Refuses control characters and bidi overrides in a name (the part of ``nameProblem(_:limit:)`` the kernel
    /// enforces on every stored person).
    public static func nameCharacterProblem(_ name: String) -> FieldProblem? {
        if name.unicodeScalars.contains(where: HostileCharacters.isControl) {
            return .controlCharacter(in: .name)
        }
        if name.unicodeScalars.contains(where: HostileCharacters.isBidiControl) {
            return .bidiOverride(in: .name)
        }
        return nil
    }

    /// Text in Unicode normalization form C, so that `é` typed as one character or as `e` and an accent is the
    /// same name and the same e-mail address.
    public static func normalized(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
    }

    /// Checks an absolute `http` or `https` URL.
    public static func webURLProblem(_ text: String) -> FieldProblem? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else {
            return .notAWebURL(text)
        }
        return nil
    }

    /// Checks a required piece of text: not empty once trimmed, and at most `limit` characters.
    public static func textProblem(_ text: String, limit: Int = 500) -> FieldProblem? {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .empty }
        if text.count > limit { return .tooLong(limit: limit) }
        return nil
    }

    /// The key under which an e-mail address is unique: case-insensitive, surrounding spaces ignored, NFC.
    public static func emailKey(_ address: String) -> String {
        asciiEmailKey(address) ?? unicodeEmailKey(address)
    }

    /// ``emailKey(_:)`` of any text, through Foundation: trimmed of `.whitespaces`, in NFC, lowercased.
    static func unicodeEmailKey(_ address: String) -> String {
        normalized(address.trimmingCharacters(in: .whitespaces)).lowercased()
    }

    /// ``emailKey(_:)`` of ASCII text, byte by byte: ASCII text is its own NFC, its only `.whitespaces` are the
    /// space and the tab, and lowercasing it maps `A-Z` alone. An import keys every row's address and normalizing
    /// each through Foundation was a visible share of it. Nil when the text is not ASCII (then
    /// ``unicodeEmailKey(_:)`` decides).
    static func asciiEmailKey(_ address: String) -> String? {
        let bytes = address.utf8
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        let capitals = UInt8(ascii: "A")...UInt8(ascii: "Z")
        return String(decoding: bytes[first...last].map { capitals.contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
