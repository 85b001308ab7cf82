extension FieldProblem {
    /// A whole sentence about the field in `t`'s language: `subject` is the field as a sentence starts, already in
    /// that language ("The title"), and the sentence says what is wrong with it ("The title must not be empty.").
    /// How the web interface shows a field's error next to it.
    public func sentence(subject: String, _ t: Localizer) -> String {
        var values = ["subject": subject]
        switch self {
        case .empty:
            return t("{subject} must not be empty.", values)
        case let .tooLong(limit):
            values["limit"] = t.number(limit)
            return t("{subject} is longer than {limit} characters; shorten it.", values)
        case .controlCharacter(in: .name):
            return t(
                "{subject} contains a control character (such as a new line or an escape); type it again.",
                values)
        case .controlCharacter(in: .text):
            return t(
                "{subject} contains a control character other than a new line or a tab; type the text again.", values)
        case .bidiOverride:
            return t(
                "{subject} contains a bidirectional override (U+202A–U+202E, U+2066–U+2069); type it again.", values)
        case .invisibleCharacter:
            return t("{subject} contains an invisible or control character; type the address again by hand.", values)
        case .invalidEmail:
            return t("{subject} is not a valid e-mail address; write it as name@example.org.", values)
        case .invalidSlug:
            return t(
                "{subject} must use 1-63 lowercase letters, digits and single hyphens, such as inclusive-spaces.",
                values)
        case let .unknownTimeZone(name):
            values["value"] = name
            return t(
                "{subject} '{value}' is not an IANA time zone; use a name such as Africa/Harare or Africa/Lagos.",
                values)
        case let .unknownCountry(code):
            values["value"] = code
            return t(
                "{subject} '{value}' is not an ISO 3166-1 alpha-2 country code; use two capital letters such as ZW, "
                    + "NG or KE.", values)
        case let .notAWebURL(text):
            values["value"] = text
            return t(
                "{subject} '{value}' is not an absolute http(s) URL; write it as https://example.org/path.", values)
        }
    }

    /// The fragment that follows the field's name, in `t`'s language: what an API problem gives as a field's
    /// `detail` beside its `field`. In English it is ``description``, word for word.
    public func detail(_ t: Localizer) -> String {
        guard t.language != .english else { return description }
        switch self {
        case .empty:
            return t("must not be empty")
        case let .tooLong(limit):
            return t("is longer than {limit} characters; shorten it", ["limit": t.number(limit)])
        case .controlCharacter(in: .name):
            return t("contains a control character (such as a new line or an escape); type the name again")
        case .controlCharacter(in: .text):
            return t("contains a control character other than a new line or a tab; type the text again")
        case .bidiOverride(in: .name):
            return t("contains a bidirectional override (U+202A–U+202E, U+2066–U+2069); type the name again")
        case .bidiOverride(in: .text):
            return t("contains a bidirectional override (U+202A–U+202E, U+2066–U+2069); type the text again")
        case .invisibleCharacter:
            return t("contains an invisible or control character; type the address again by hand")
        case .invalidEmail:
            return t("is not a valid e-mail address; write it as name@example.org")
        case .invalidSlug:
            return t(
                "is not a valid slug; use 1-63 lowercase letters, digits and single hyphens, such as "
                    + "inclusive-spaces")
        case let .unknownTimeZone(name):
            return t(
                "'{value}' is not an IANA time zone; use a name such as Africa/Harare or Africa/Lagos", ["value": name])
        case let .unknownCountry(code):
            return t(
                "'{value}' is not an ISO 3166-1 alpha-2 country code; use two capital letters such as ZW, NG or KE",
                ["value": code])
        case let .notAWebURL(text):
            return t("'{value}' is not an absolute http(s) URL; write it as https://example.org/path", ["value": text])
        }
    }
}
