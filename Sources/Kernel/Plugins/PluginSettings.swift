import Foundation
public import GRDB

/// A plugin's per-organization settings: a `Codable` struct with a default for every field.
///
/// Stored settings are the defaults overlaid with what an organization changed. Decoding is strict: a key the
/// defaults do not have is refused, so a typo never silently does nothing. Give every field a non-optional type.
public protocol PluginSettings: Codable, Sendable, Equatable {
    /// The settings an organization gets when it enables the plugin.
    static var defaults: Self { get }
    /// Labels, help and kinds of field for the settings form, by key (see ``SettingDescription``); a key left out
    /// is labelled from its name. Describe every setting people change.
    static var descriptions: [String: SettingDescription] { get }
    /// Checks the settings against the organization's data as they are saved, in the same transaction (two rules
    /// that name one of its series in two ways). What needs no data is checked in `init(from:)`; nothing by default.
    /// Refuse nothing about another organization's objects that would not be refused of a missing one: a refusal
    /// must not tell that they exist.
    /// - Throws: ``SettingRefusal`` naming the setting at fault; nothing is saved then.
    func check(for organization: Organization.ID, in db: Database) throws
}

extension PluginSettings {
    public func check(for organization: Organization.ID, in db: Database) throws {}
}

/// Settings of a plugin that has none.
public struct NoSettings: PluginSettings {
    public init() {}
    public static let defaults = NoSettings()
}

/// Why a settings change was refused.
public enum SettingsError: Error, CustomStringConvertible, Equatable {
    case unknownKeys(plugin: PluginID, keys: [String], known: [String])
    case invalidValue(plugin: PluginID, key: String, reason: FieldReason)

    /// The refusal in English, as the command line shows it.
    public var description: String { worded(.english) }

    /// The refusal in `t`'s language; give the plugin's localizer (``Localizer/preferring(_:)``) so that its own
    /// catalogues word its reasons.
    public func worded(_ t: Localizer) -> String {
        switch self {
        case let .unknownKeys(plugin, keys, known):
            let values = [
                "plugin": plugin.rawValue, "keys": keys.map { "'\($0)'" }.joined(separator: ", "),
                "known": known.joined(separator: ", "),
            ]
            return known.isEmpty
                ? t("Plugin {plugin} has no setting {keys}; it has no settings.", values)
                : t("Plugin {plugin} has no setting {keys}; its settings are {known}.", values)
        case let .invalidValue(plugin, key, reason):
            var text = reason.worded(t)
            if text.hasSuffix(".") { text.removeLast() }
            return t(
                "Setting '{key}' of plugin {plugin} is invalid: {reason}.",
                ["key": key, "plugin": plugin.rawValue, "reason": text])
        }
    }
}

/// Turns settings into canonical JSON objects and back, strictly.
public enum SettingsCodec {
    /// The settings as a JSON object.
    public static func object(of settings: some PluginSettings) -> [String: JSONValue] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let data = try? encoder.encode(settings),
            case let .object(object)? = try? JSONDecoder().decode(JSONValue.self, from: data)
        else { return [:] }
        return object
    }

    /// Overlays `changes` on `base` (the defaults when `nil`) and checks the result against the settings type.
    /// - Returns: The complete settings as a JSON object.
    /// - Throws: ``SettingsError`` naming unknown keys or the first invalid value.
    public static func merge(
        _ changes: [String: JSONValue], onto base: [String: JSONValue]?, for type: any PluginSettings.Type,
        plugin: PluginID
    ) throws -> [String: JSONValue] {
        try merge(changes, onto: base, typed: type, plugin: plugin)
    }

    private static func merge<S: PluginSettings>(
        _ changes: [String: JSONValue], onto base: [String: JSONValue]?, typed type: S.Type, plugin: PluginID
    ) throws -> [String: JSONValue] {
        let defaults = object(of: S.defaults)
        let unknown = changes.keys.filter { defaults[$0] == nil }.sorted()
        if !unknown.isEmpty {
            throw SettingsError.unknownKeys(plugin: plugin, keys: unknown, known: defaults.keys.sorted())
        }
        for (key, value) in changes.sorted(by: { $0.key < $1.key }) {
            if let expected = defaults[key], let problem = typeProblem(value, expected: expected) {
                throw SettingsError.invalidValue(plugin: plugin, key: key, reason: problem)
            }
        }
        let merged = defaults.merging(base ?? [:]) { _, stored in stored }.merging(changes) { _, new in new }
        let decoded = try decode(S.self, from: merged, plugin: plugin)
        return object(of: decoded)
    }

    /// Says what is wrong when `value` is not of the default's kind (a whole number for a whole number, and so on).
    private static func typeProblem(_ value: JSONValue, expected: JSONValue) -> FieldReason? {
        let example = ["example": "\(expected)"]
        switch (expected, value) {
        case (.integer, .integer), (.number, .integer), (.number, .number), (.string, .string), (.bool, .bool),
            (.array, .array), (.object, .object), (.null, _):
            return nil
        case (.integer, _): return FieldReason("must be a whole number, such as {example}", example)
        case (.number, _): return FieldReason("must be a number, such as {example}", example)
        case (.string, _): return FieldReason("must be text, such as {example}", example)
        case (.bool, _): return FieldReason("must be true or false")
        case (.array, _): return FieldReason("must be a list, such as {example}", example)
        case (.object, _): return FieldReason("must be an object")
        }
    }

    /// What a value of the wrong kind should have been, in words an administrator knows (not a Swift type's name).
    private static func expectation(_ type: Any.Type) -> FieldReason {
        // The decoder names arrays `[Any]` and objects `[String: Any]`, whatever their elements.
        if type == String.self { return FieldReason("expected text (in quotes)") }
        if type == Bool.self { return FieldReason("expected true or false") }
        if [Int.self, Int64.self, Double.self].contains(where: { $0 == type }) {
            return FieldReason("expected a number")
        }
        if type == [Any].self { return FieldReason("expected a list ([…])") }
        if type == [String: Any].self { return FieldReason("expected an object ({…})") }
        return FieldReason("expected a value of another kind")
    }

    /// Decodes complete settings of `type` from a JSON object and checks them against `organization`'s data
    /// (``PluginSettings/check(for:in:)``), unless they are the stored ones (`replacing`) or the stored ones fail the
    /// check the same way: a save refuses only a fault it adds. (Settings saved before a check existed, or made
    /// faulty by a later change of the data, must not block disabling the plugin or changing something else.)
    /// - Throws: ``SettingsError`` naming the first invalid value.
    public static func check(
        _ object: [String: JSONValue], replacing stored: [String: JSONValue]?, as type: any PluginSettings.Type,
        plugin: PluginID, for organization: Organization.ID, in db: Database
    ) throws {
        guard object != stored else { return }
        func refusal(_ object: [String: JSONValue]) throws -> SettingsError? {
            do {
                try decode(type, from: object, plugin: plugin).check(for: organization, in: db)
                return nil
            } catch let refusal as SettingRefusal {
                return SettingsError.invalidValue(plugin: plugin, key: refusal.key, reason: refusal.reason)
            }
        }
        guard let refused = try refusal(object) else { return }
        if let stored, (try? refusal(stored)) == refused { return }
        throw refused
    }

    /// Decodes complete settings from a JSON object.
    public static func decode<S: PluginSettings>(
        _ type: S.Type, from object: [String: JSONValue], plugin: PluginID
    ) throws -> S {
        do {
            let data = try JSONEncoder().encode(JSONValue.object(object))
            return try JSONDecoder().decode(S.self, from: data)
        } catch let refusal as SettingRefusal {
            throw SettingsError.invalidValue(plugin: plugin, key: refusal.key, reason: refusal.reason)
        } catch let DecodingError.typeMismatch(expected, context) {
            throw SettingsError.invalidValue(
                plugin: plugin, key: path(context.codingPath), reason: expectation(expected))
        } catch let DecodingError.dataCorrupted(context) {
            if context.codingPath.isEmpty, let key = misfitNumber(in: object, decoding: S.self) {
                throw SettingsError.invalidValue(
                    plugin: plugin, key: key,
                    reason: FieldReason("must be a whole number, such as {example}", ["example": "3"]))
            }
            throw SettingsError.invalidValue(
                plugin: plugin, key: path(context.codingPath), reason: FieldReason(english: context.debugDescription))
        } catch let DecodingError.keyNotFound(key, context) {
            throw SettingsError.invalidValue(
                plugin: plugin, key: path(context.codingPath + [key]), reason: FieldReason("a value is required"))
        } catch let DecodingError.valueNotFound(_, context) {
            throw SettingsError.invalidValue(
                plugin: plugin, key: path(context.codingPath), reason: FieldReason("a value is required"))
        } catch {
            throw SettingsError.invalidValue(
                plugin: plugin, key: "?", reason: FieldReason(english: String(describing: error)))
        }
    }

    /// The path of a number that an integer setting cannot hold (`1.5`, `1e300`, twenty digits), if one is to blame:
    /// Foundation's decoder calls that "not valid JSON", with no path. It is the first number (in key order) that
    /// still fails `S` when every other number that is not whole is replaced by a whole one.
    static func misfitNumber<S: PluginSettings>(in object: [String: JSONValue], decoding: S.Type) -> String? {
        func stillMisfit(_ candidate: JSONValue) -> Bool {
            guard let data = try? JSONEncoder().encode(candidate) else { return true }
            do {
                _ = try JSONDecoder().decode(S.self, from: data)
                return false
            } catch let DecodingError.dataCorrupted(context) {
                return context.codingPath.isEmpty
            } catch {
                return false
            }
        }
        let root = JSONValue.object(object)
        let paths = numbers(in: root, at: [])
        for (index, path) in paths.enumerated() {
            var others = root
            for (otherIndex, other) in paths.enumerated() where otherIndex != index {
                others = others.replacing(at: other, with: .integer(0))
            }
            if stillMisfit(others) {
                return path.map(\.name).joined(separator: ".")
            }
        }
        return nil
    }

    /// A step into a JSON value: a key of an object or an index of a list.
    enum Step {
        case key(String)
        case index(Int)

        /// As a refusal's path writes it: `rules`, `[0]`.
        var name: String {
            switch self {
            case let .key(key): key
            case let .index(index): "[\(index)]"
            }
        }
    }

    /// The paths of every number that is not whole (``JSONValue/number(_:)``) in `value`, in key order.
    private static func numbers(in value: JSONValue, at path: [Step]) -> [[Step]] {
        switch value {
        case .number: [path]
        case let .array(items): items.enumerated().flatMap { numbers(in: $1, at: path + [.index($0)]) }
        case let .object(fields):
            fields.sorted { $0.key < $1.key }.flatMap { numbers(in: $1, at: path + [.key($0)]) }
        default: []
        }
    }

    /// A setting's path as refusals name it: `rules.[0].minimumSessions`.
    static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

extension JSONValue {
    /// The value with the one at `path` replaced by `replacement`.
    fileprivate func replacing(at path: [SettingsCodec.Step], with replacement: JSONValue) -> JSONValue {
        guard let step = path.first else { return replacement }
        let rest = Array(path.dropFirst())
        switch (self, step) {
        case (var .array(items), let .index(index)) where items.indices.contains(index):
            items[index] = items[index].replacing(at: rest, with: replacement)
            return .array(items)
        case (var .object(fields), let .key(key)):
            guard let field = fields[key] else { return self }
            fields[key] = field.replacing(at: rest, with: replacement)
            return .object(fields)
        default:
            return self
        }
    }
}
