import Foundation
import Kernel

/// How one plugin setting is edited, decided from the kind of its default value (and its current value): text,
/// a whole number or a number, a checkbox, a list of text one per line, or JSON for anything nested.
enum SettingsField: Equatable {
    case text, integer, number, boolean, lines, json

    init(default value: JSONValue, current: JSONValue?) {
        switch value {
        case .string: self = .text
        case .integer: self = .integer
        case .number: self = .number
        case .bool: self = .boolean
        case .array(let items):
            // An empty default says nothing about its items: the stored value may; otherwise JSON is safe.
            let sample =
                items.isEmpty
                ? (current.flatMap { if case .array(let stored) = $0 { stored } else { nil } } ?? []) : items
            self =
                !sample.isEmpty && sample.allSatisfy { if case .string = $0 { true } else { false } } ? .lines : .json
        case .object, .null: self = .json
        }
    }

    /// The form field showing `value` for the setting `key`, with the label and help its plugin wrote.
    func field(
        _ key: String, description: SettingDescription, value: JSONValue, error: String?, _ t: Localizer = .english
    ) -> FormField {
        let label = description.label
        func hint(_ how: String?) -> String? {
            [description.help, how].compactMap { $0 }.joined(separator: " ").nilIfEmpty
        }
        switch self {
        case .text:
            return FormField(key, label: label, value: Self.text(value), error: error, hint: hint(nil), optional: true)
        case .integer:
            return FormField(
                key, label: label, kind: .number(step: "1"), value: Self.text(value), error: error, hint: hint(nil))
        case .number:
            return FormField(
                key, label: label, kind: .number(step: "any"), value: Self.text(value), error: error, hint: hint(nil))
        case .boolean:
            return FormField(
                key, label: label, kind: .checkbox, value: value == .bool(true) ? "yes" : "", error: error,
                hint: hint(nil))
        case .lines:
            return FormField(
                key, label: label, kind: .textarea(rows: 6), value: Self.lines(value), error: error,
                hint: hint(t("One value per line.")), optional: true)
        case .json:
            return FormField(
                key, label: label, kind: .textarea(rows: 8), value: Self.text(value), error: error,
                hint: hint(t("JSON, as in the plugin's documentation.")))
        }
    }

    /// The value a posted field gives, or `nil` with a problem when it cannot be read at all (JSON that does not
    /// parse). Text that is not a number is passed on as text, so that the kernel's own check names the setting.
    func value(_ name: String, in form: FormData) -> JSONValue? {
        let text = form[name]
        switch self {
        case .text: return .string(text)
        case .integer: return Int64(text).map(JSONValue.integer) ?? .string(text)
        case .number: return Int64(text).map(JSONValue.integer) ?? Double(text).map(JSONValue.number) ?? .string(text)
        case .boolean: return .bool(form.isChecked(name))
        case .lines:
            return .array(
                text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }.map(JSONValue.string))
        case .json: return try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        }
    }

    /// The value as the form shows it.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .integer(let number): String(number)
        case .number(let number): String(number)
        case .bool(let flag): flag ? "yes" : ""
        case .null, .array, .object: value.canonicalJSON
        }
    }

    /// A list of text, one item per line.
    static func lines(_ value: JSONValue) -> String {
        guard case .array(let items) = value else { return text(value) }
        return items.map { if case .string(let text) = $0 { text } else { $0.canonicalJSON } }.joined(separator: "\n")
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
