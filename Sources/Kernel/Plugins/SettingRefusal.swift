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
    public let reason: FieldReason

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

    /// A refusal of the setting at `key` (a path such as `rules.[1].series`), outside decoding
    /// (``PluginSettings/check(for:in:)``).
    public init(_ message: String, _ values: [String: String] = [:], key: String) {
        self.key = key
        self.reason = .init(message, values)
    }

    private init<Key: CodingKey>(reason: FieldReason, forKey key: Key, in container: KeyedDecodingContainer<Key>) {
        self.key = SettingsCodec.path(container.codingPath + [key])
        self.reason = reason
    }
}
