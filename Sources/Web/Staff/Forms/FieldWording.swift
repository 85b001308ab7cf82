import Foundation
import Kernel

/// The staff forms' field errors in the page's language. The kernel's rules (``Kernel/FieldRules``, ``Kernel/Slug``,
/// ``Kernel/Session/descriptionProblem(_:)``) decide what is wrong and answer in English fragments ("must not be
/// empty"); this words each known fragment as a whole sentence about the field, in `t`'s language. A fragment it
/// does not know stays as the kernel wrote it (English), after the field's name.
struct FieldWording {
    let t: Localizer

    /// `subject` (the field as a sentence starts, already translated: "The title") and what is wrong with it.
    func sentence(_ problem: String, subject: String) -> String {
        var values = ["subject": subject]
        if problem == "must not be empty" { return t("{subject} must not be empty.", values) }
        if let limit = Self.between(problem, "is longer than ", " characters; shorten it"), let count = Int(limit) {
            values["limit"] = t.number(count)
            return t("{subject} is longer than {limit} characters; shorten it.", values)
        }
        if problem.hasPrefix("contains a control character other than a new line or a tab") {
            return t(
                "{subject} contains a control character other than a new line or a tab; type the text again.", values)
        }
        if problem.hasPrefix("contains a control character") {
            return t("{subject} contains a control character (such as a new line or an escape); type it again.", values)
        }
        if problem.hasPrefix("contains a bidirectional override") {
            return t(
                "{subject} contains a bidirectional override (U+202A–U+202E, U+2066–U+2069); type it again.", values)
        }
        if problem.hasPrefix("contains an invisible or control character") {
            return t("{subject} contains an invisible or control character; type the address again by hand.", values)
        }
        if problem.hasPrefix("is not a valid e-mail address") {
            return t("{subject} is not a valid e-mail address; write it as name@example.org.", values)
        }
        if problem.hasPrefix("use 1-63 lowercase letters") {
            return t(
                "{subject} must use 1-63 lowercase letters, digits and single hyphens, such as inclusive-spaces.",
                values)
        }
        if let value = Self.between(problem, "'", "' is not an IANA time zone") {
            values["value"] = value
            return t(
                "{subject} '{value}' is not an IANA time zone; use a name such as Africa/Harare or Africa/Lagos.",
                values)
        }
        if let value = Self.between(problem, "'", "' is not an ISO 3166-1 alpha-2 country code") {
            values["value"] = value
            return t(
                "{subject} '{value}' is not an ISO 3166-1 alpha-2 country code; use two capital letters such as ZW, "
                    + "NG or KE.", values)
        }
        if let value = Self.between(problem, "'", "' is not an absolute http(s) URL") {
            values["value"] = value
            return t(
                "{subject} '{value}' is not an absolute http(s) URL; write it as https://example.org/path.", values)
        }
        return "\(subject) \(problem)."
    }

    /// The sentence for a kernel rule's answer, if it has one.
    func error(_ problem: String?, subject: @autoclosure () -> String) -> String? {
        problem.map { sentence($0, subject: subject()) }
    }

    /// The slug rule's sentence: `The short name must use 1-63 lowercase letters…`.
    func slugRule() -> String {
        sentence(Slug.rule, subject: t("The short name"))
    }

    /// The text of `text` between `start` (at its beginning) and `end` (the rest of it, or up to the end).
    private static func between(_ text: String, _ start: String, _ end: String) -> String? {
        guard text.hasPrefix(start), let range = text.range(of: end) else { return nil }
        let from = text.index(text.startIndex, offsetBy: start.count)
        return from <= range.lowerBound ? String(text[from..<range.lowerBound]) : nil
    }
}
