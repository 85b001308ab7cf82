/// Why a field's or a setting's value is refused, in words translators translate: an English message with
/// `{placeholders}` ("must be after the start", "must be from 5 minutes to one week (10080)"), the fragment that
/// follows the field's name. ``KernelError/invalidField(field:reason:)`` and ``SettingRefusal`` carry one.
///
/// The catalogue check reads the message where it is written, `FieldReason("…")` or `SettingRefusal("…")`, into
/// the catalogues of the module that writes it; surfaces word it with ``worded(_:)`` in their reader's language.
public struct FieldReason: Sendable, Equatable, CustomStringConvertible {
    /// The English message; `{problem}` in it stands for ``problem`` worded in the same language.
    public let message: String
    /// Values of the message's other placeholders, such as the value given.
    public let values: [String: String]
    /// A problem one of the kernel's field rules found in the value (``FieldRules``).
    public let problem: FieldProblem?

    public init(_ message: String, _ values: [String: String] = [:], problem: FieldProblem? = nil) {
        self.message = message
        self.values = values
        self.problem = problem
    }

    /// What one of the kernel's field rules found wrong, as the whole reason.
    public init(field problem: FieldProblem) {
        self.init("{problem}", problem: problem)
    }

    /// A reason that has no translation, such as a decoder's own message: shown as it is in every language.
    public init(english text: String) {
        self.init("{text}", ["text": text])
    }

    /// The English reason.
    public var description: String { worded(.english) }

    /// The reason in `t`'s language (the message's translation, found through the catalogue check as written).
    public func worded(_ t: Localizer) -> String {
        var values = values
        if let problem { values["problem"] = problem.detail(t) }
        return t.callAsFunction(message, values)
    }
}
