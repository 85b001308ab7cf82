import Foundation

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
        var rest = translation[...]
        while let open = rest.firstIndex(of: "{") {
            text += rest[..<open]
            let inside = rest.index(after: open)
            if inside < rest.endIndex, rest[inside] == "{", let end = rest[inside...].range(of: "}}") {
                text += rest[open..<end.upperBound]  // a template's placeholder
                rest = rest[end.upperBound...]
            } else if let close = rest[inside...].firstIndex(of: "}"), !rest[inside..<close].contains("{") {
                if !text.isEmpty { parts.append(.text(text)) }
                text = ""
                parts.append(.value(String(rest[inside..<close])))
                rest = rest[rest.index(after: close)...]
            } else {
                text += "{"  // a brace that opens no placeholder
                rest = rest[inside...]
            }
        }
        text += rest
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
