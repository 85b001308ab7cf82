/// Why a setting's value is refused, in words translators translate: an English message with `{placeholders}`
/// ("must be from 5 minutes to one week (10080)"), the fragment that follows the setting's name.
///
/// The catalogue check reads the message where it is written, `SettingReason("…")` or `SettingRefusal("…")`, into
/// the catalogues of the module that writes it; surfaces word it with ``worded(_:)`` in their reader's language.
public struct SettingReason: Sendable, Equatable, CustomStringConvertible {
    /// The English message; `{problem}` in it stands for ``problem`` worded in the same language.
    public let message: String
    /// Values of the message's other placeholders, such as a value the setting was given.
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

/// What a plugin's settings throw from `init(from:)` when a value is refused: the reason and which setting.
/// ``SettingsCodec`` turns it into ``SettingsError/invalidValue(plugin:key:reason:)``.
///
/// ```swift
/// guard (5...10_080).contains(refreshMinutes) else {
///     throw SettingRefusal("must be from 5 minutes to one week (10080)", forKey: .refreshMinutes, in: container)
/// }
/// ```
public struct SettingRefusal: Error, Sendable, Equatable {
    /// The setting's path: `refreshMinutes`, or `rules.[0].minimumSessions` inside a list.
    public let key: String
    public let reason: SettingReason

    public init<Key: CodingKey>(
        _ message: String, _ values: [String: String] = [:], problem: FieldProblem? = nil, forKey key: Key,
        in container: KeyedDecodingContainer<Key>
    ) {
        self.init(reason: .init(message, values, problem: problem), forKey: key, in: container)
    }

    /// A refusal because one of the kernel's field rules found `problem` in the value.
    public init<Key: CodingKey>(field problem: FieldProblem, forKey key: Key, in container: KeyedDecodingContainer<Key>)
    {
        self.init(reason: .init(field: problem), forKey: key, in: container)
    }

    private init<Key: CodingKey>(reason: SettingReason, forKey key: Key, in container: KeyedDecodingContainer<Key>) {
        self.key = SettingsCodec.path(container.codingPath + [key])
        self.reason = reason
    }
}
