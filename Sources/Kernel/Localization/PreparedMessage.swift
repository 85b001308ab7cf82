/// A message translated once and filled many times: for words a render repeats for every entry (a feed's thousands
/// of sessions), where looking the message up and building a dictionary of values each time cost more than the
/// rendering around it.
///
/// Filling it gives exactly what ``Localizer/callAsFunction(_:context:_:)`` gives for the same values: each value
/// isolated as the localizer isolates it, a `{{name}}` of a template kept, a placeholder without a value kept as
/// written.
public struct PreparedMessage: Sendable {
    private enum Part: Sendable {
        case text(String)
        case value(String)
    }

    private let parts: [Part]
    private let localizer: Localizer

    init(_ translation: String, localizer: Localizer) {
        self.localizer = localizer
        var parts: [Part] = []
        var text = ""
        // Every `{name}` is kept for filling, as `fill` would try it (a name holding `{` never matches a value, so
        // `fill` reads on inside it; so does this).
        Localizer.scanPlaceholders(translation, literal: { text += $0 }) { name in
            guard !name.contains("{") else { return false }
            if !text.isEmpty { parts.append(.text(text)) }
            text = ""
            parts.append(.value(String(name)))
            return true
        }
        if !text.isEmpty { parts.append(.text(text)) }
        self.parts = parts
    }

    /// The message with its placeholders filled from `values` (a few, looked for in order).
    public func callAsFunction(_ values: KeyValuePairs<String, String> = [:]) -> String {
        var result = ""
        for part in parts {
            switch part {
            case let .text(text):
                result += text
            case let .value(name):
                if let value = values.first(where: { $0.key == name })?.value {
                    result += localizer.isolated(value)
                } else {
                    result += "{" + name + "}"
                }
            }
        }
        return result
    }
}

extension Localizer {
    /// `text` in this language, ready to fill many times (see ``PreparedMessage``).
    public func prepared(_ text: String, context: String? = nil) -> PreparedMessage {
        PreparedMessage(translation(of: text, context: context), localizer: self)
    }
}
