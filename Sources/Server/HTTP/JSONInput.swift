import Foundation
import Hummingbird
import Kernel
import PluginKit

/// Reads a JSON request body strictly: size and depth capped, no key twice, an object at the top, no unknown fields
/// (the shape checks are PluginKit's ``JSONBody``, shared with plugin routes).
struct JSONInput {
    /// The body's top-level object.
    static func object(_ request: Request, context: IndabaRequestContext) async throws -> [String: JSONValue] {
        if let type = request.headers[.contentType], !type.lowercased().hasPrefix("application/json") {
            throw Problem(.unsupportedMediaType) { t in t("Send the body as application/json.") }
        }
        let bytes: Data
        do {
            bytes = try await JSONBody.bytes(request, limit: context.maxUploadSize)
        } catch {
            let limit = context.maxUploadSize
            throw Problem(.contentTooLarge) { t in
                t("The body is larger than {limit} bytes.", ["limit": t.number(limit)])
            }
        }
        if let problem = JSONBody.structureProblem(of: bytes) {
            throw Problem(.badRequest, wording: { problem.worded($0) })
        }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: bytes)
        } catch {
            let reason = describe(error)
            // The decoder's reason is English: other languages get the general sentence.
            throw Problem(.badRequest) { t in
                t.language == .english
                    ? t("The body is not valid JSON: {reason}", ["reason": reason])
                    : t("The body is not valid JSON; check its quotes, commas and brackets.")
            }
        }
        guard case let .object(object) = value else {
            throw Problem(.badRequest) { t in
                t("The body must be a JSON object such as {example}.", ["example": #"{"title": "…"}"#])
            }
        }
        return object
    }

    private static func describe(_ error: any Error) -> String {
        if case let DecodingError.dataCorrupted(context) = error {
            return (context.underlyingError as? NSError)?.localizedDescription ?? context.debugDescription
        }
        return "it could not be read"
    }
}

/// The fields of one JSON object, read with their names so every problem names its field.
struct Fields {
    private let object: [String: JSONValue]
    private(set) var problems: [Problem.FieldProblem] = []

    /// Checks that `object` has only `allowed` keys (each unknown one is a problem).
    init(_ object: [String: JSONValue], allowed: [String]) {
        self.object = object
        let known = allowed.joined(separator: ", ")
        for key in object.keys.sorted() where !allowed.contains(key) {
            fail(key) { t in t("is not a known field; known fields are {fields}", ["fields": known]) }
        }
    }

    func has(_ key: String) -> Bool { object[key] != nil }

    /// Adds a problem with `field`, worded in the client's language.
    mutating func fail(_ field: String, _ wording: @escaping @Sendable (Localizer) -> String) {
        problems.append(.init(field: field, wording: wording))
    }

    /// Refuses `null` for a field that cannot be cleared; returns whether the value was `null`.
    private mutating func refusedNull(_ key: String) -> Bool {
        guard object[key] == .null else { return false }
        fail(key) { t in t("cannot be null; leave it out to keep the current value") }
        return true
    }

    /// A string field.
    mutating func string(_ key: String, required: Bool = false) -> String? {
        text(key, required: required) { _ in nil }
    }

    /// A string field checked by one of the kernel's field rules (``Kernel/FieldRules``, ``Kernel/Slug``): what it
    /// finds wrong is worded in the client's language.
    mutating func string(_ key: String, required: Bool = false, check: (String) -> FieldProblem?) -> String? {
        text(key, required: required) { value in
            check(value).map { Problem.FieldProblem(field: key, problem: $0) }
        }
    }

    private mutating func text(
        _ key: String, required: Bool, check: (String) -> Problem.FieldProblem?
    ) -> String? {
        if refusedNull(key) { return nil }
        switch object[key] {
        case nil:
            if required { fail(key) { t in t("is required") } }
            return nil
        case let .string(value)?:
            if let problem = check(value) {
                problems.append(problem)
                return nil
            }
            return value
        default:
            fail(key) { t in t("must be a string") }
            return nil
        }
    }

    /// A field that may be set to `null` to clear it: `.some(nil)` clears, `nil` leaves it alone.
    mutating func nullableString(_ key: String) -> String?? {
        guard let value = object[key] else { return nil }
        if value == .null { return .some(nil) }
        return string(key).map { .some($0) }
    }

    /// A field that may be set to `null` to clear it, checked by one of the kernel's field rules.
    mutating func nullableString(_ key: String, check: (String) -> FieldProblem?) -> String?? {
        guard let value = object[key] else { return nil }
        if value == .null { return .some(nil) }
        return string(key, check: check).map { .some($0) }
    }

    mutating func integer(_ key: String, required: Bool = false, in range: ClosedRange<Int>) -> Int? {
        if refusedNull(key) { return nil }
        switch object[key] {
        case nil:
            if required { fail(key) { t in t("is required") } }
            return nil
        case let .integer(value)? where range.contains(Int(value)):
            return Int(value)
        default:
            fail(key) { t in
                t(
                    "must be a whole number from {minimum} to {maximum}",
                    ["minimum": "\(range.lowerBound)", "maximum": "\(range.upperBound)"])
            }
            return nil
        }
    }

    mutating func boolean(_ key: String, required: Bool = false) -> Bool? {
        if refusedNull(key) { return nil }
        switch object[key] {
        case nil:
            if required { fail(key) { t in t("is required") } }
            return nil
        case let .bool(value)?:
            return value
        default:
            fail(key) { t in t("must be true or false") }
            return nil
        }
    }

    mutating func strings(_ key: String) -> [String]? {
        if refusedNull(key) { return nil }
        guard let value = object[key] else { return nil }
        guard case let .array(items) = value else {
            fail(key) { t in t("must be a list of strings") }
            return nil
        }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard case let .string(text) = item else {
                fail("\(key)[\(index)]") { t in t("must be a string") }
                continue
            }
            result.append(text)
        }
        return result
    }

    mutating func stringMap(_ key: String) -> [String: String]? {
        if refusedNull(key) { return nil }
        guard let value = object[key] else { return nil }
        guard case let .object(items) = value else {
            fail(key) { t in t("must be an object of strings") }
            return nil
        }
        var result: [String: String] = [:]
        for (name, item) in items {
            guard case let .string(text) = item else {
                fail("\(key).\(name)") { t in t("must be a string") }
                continue
            }
            result[name] = text
        }
        return result
    }

    mutating func object(_ key: String) -> [String: JSONValue]? {
        if refusedNull(key) { return nil }
        guard let value = object[key] else { return nil }
        guard case let .object(items) = value else {
            fail(key) { t in t("must be an object") }
            return nil
        }
        return items
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, required: Bool = false) -> T?
    where T.RawValue == String {
        guard let text = string(key, required: required) else { return nil }
        guard let value = T(rawValue: text) else {
            let values = T.allCases.map(\.rawValue).joined(separator: ", ")
            fail(key) { t in t("must be one of {values}", ["values": values]) }
            return nil
        }
        return value
    }

    mutating func instant(_ key: String, required: Bool = false) -> Date? {
        guard let text = string(key, required: required) else { return nil }
        switch TimeFormats.instant(text) {
        case let .success(date): return date
        case let .failure(error):
            fail(key) { error.detail($0) }
            return nil
        }
    }

    /// Throws a 422 listing every problem found so far.
    func throwIfInvalid() throws {
        if !problems.isEmpty { throw Problem.invalid(problems) }
    }
}
