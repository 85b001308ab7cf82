import Yams

/// Reads one YAML mapping of a definition file: refuses unknown and repeated keys, converts scalars, and logs
/// every problem with its line, column and field path instead of stopping at the first.
struct YAMLMapping {
    let path: String
    let location: SourceLocation
    private let pairs: [String: (key: Node, value: Node)]
    private let log: IssueLog

    /// Reads `node` as a mapping with only `keys`; logs and returns `nil` when it is not a mapping.
    init?(_ node: Node, path: String, keys: [String], log: IssueLog) {
        self.path = path
        self.log = log
        location = YAMLMapping.location(of: node, field: path)
        guard case let .mapping(mapping) = node else {
            log.add(location, "expected a mapping of keys (\(keys.joined(separator: ", ")))")
            return nil
        }
        var pairs: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            let name = key.scalar?.string ?? "?"
            let keyLocation = YAMLMapping.location(of: key, field: YAMLMapping.join(path, name))
            if pairs[name] != nil {
                log.add(keyLocation, "appears twice; keep one")
            } else if !keys.contains(name) {
                log.add(keyLocation, "is not a known key here; known keys are \(keys.joined(separator: ", "))")
            } else if case .alias = value {
                log.add(keyLocation, "anchors and aliases are not supported; write the value out")
            } else {
                pairs[name] = (key, value)
            }
        }
        self.pairs = pairs
    }

    static func location(of node: Node, field: String) -> SourceLocation {
        SourceLocation(line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, field: field)
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func fieldLocation(_ key: String) -> SourceLocation {
        guard let pair = pairs[key] else {
            return SourceLocation(line: location.line, column: location.column, field: Self.join(path, key))
        }
        // The key's own line: for a list or mapping value, that is where the reader looks first.
        return Self.location(of: pair.key, field: Self.join(path, key))
    }

    /// The value node of `key`, unless it is absent or null.
    func node(_ key: String) -> Node? {
        guard let value = pairs[key]?.value else { return nil }
        if case let .scalar(scalar) = value, scalar.style == .plain,
            ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        {
            return nil
        }
        return value
    }

    /// A text value refused by one of the kernel's field checks (its English fragment is logged).
    func string(_ key: String, required: Bool = true, check: @escaping (String) -> FieldProblem?) -> String? {
        string(key, required: required) { check($0)?.description }
    }

    /// A text value; logs a problem when it is required and missing, not text, or refused by `check`.
    func string(_ key: String, required: Bool = true, check: ((String) -> String?)? = nil) -> String? {
        guard let node = node(key) else {
            if required { log.add(fieldLocation(key), "is required") }
            return nil
        }
        guard case let .scalar(scalar) = node else {
            log.add(fieldLocation(key), "expected a single value, not a list or mapping")
            return nil
        }
        if let problem = check?(scalar.string) {
            log.add(fieldLocation(key), problem)
            return nil
        }
        return scalar.string
    }

    /// One of an enumeration's raw values.
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, required: Bool = true) -> T?
    where T.RawValue == String {
        let allowed = T.allCases.map(\.rawValue)
        let text = string(key, required: required) {
            allowed.contains($0) ? nil : "'\($0)' is not one of \(allowed.joined(separator: ", "))"
        }
        return text.flatMap(T.init(rawValue:))
    }

    /// A whole number in `range`.
    func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        let text = string(key, required: false) { text in
            guard let value = Int(text), range.contains(value) else {
                return "'\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)"
            }
            return nil
        }
        return text.flatMap { Int($0) }
    }

    /// `true` or `false`.
    func boolean(_ key: String) -> Bool? {
        let text = string(key, required: false) {
            ["true", "false"].contains($0) ? nil : "'\($0)' is not true or false"
        }
        return text.map { $0 == "true" }
    }

    /// The items of a list, each with its field path; logs when the value is not a list.
    func list(_ key: String) -> [(node: Node, path: String)] {
        guard let node = node(key) else { return [] }
        guard case let .sequence(sequence) = node else {
            log.add(fieldLocation(key), "expected a list (items starting with '- ')")
            return []
        }
        return sequence.enumerated().map { ($0.element, "\(Self.join(path, key))[\($0.offset)]") }
    }

    /// A list of text values.
    func strings(_ key: String) -> [String] {
        list(key).compactMap { item in
            guard case let .scalar(scalar) = item.node else {
                log.add(Self.location(of: item.node, field: item.path), "expected a single value")
                return nil
            }
            return scalar.string
        }
    }

    /// A mapping of text keys to text values.
    func stringMap(_ key: String) -> [String: String] {
        guard let node = node(key) else { return [:] }
        guard case let .mapping(mapping) = node else {
            log.add(fieldLocation(key), "expected a mapping of names to values")
            return [:]
        }
        var result: [String: String] = [:]
        for (name, value) in mapping {
            guard let name = name.scalar?.string, let text = value.scalar?.string else {
                log.add(Self.location(of: value, field: Self.join(path, key)), "expected text keys and values")
                continue
            }
            result[name] = text
        }
        return result
    }

    /// A mapping converted to JSON values (YAML's plain `true`, numbers and so on become JSON's).
    func jsonObject(_ key: String) -> [String: JSONValue] {
        guard let node = node(key) else { return [:] }
        guard case let .object(object) = Self.json(node) else {
            log.add(fieldLocation(key), "expected a mapping of setting names to values")
            return [:]
        }
        return object
    }

    private static func json(_ node: Node) -> JSONValue {
        switch node {
        case let .scalar(scalar):
            guard scalar.style == .plain else { return .string(scalar.string) }
            if let bool = node.bool { return .bool(bool) }
            if let int = Int64(scalar.string) { return .integer(int) }
            if let double = node.float, scalar.string.first?.isNumber == true { return .number(double) }
            if ["", "~", "null"].contains(scalar.string) { return .null }
            return .string(scalar.string)
        case let .sequence(sequence):
            return .array(sequence.map(json))
        case let .mapping(mapping):
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping { object[key.scalar?.string ?? "?"] = json(value) }
            return .object(object)
        case .alias:
            return .null
        }
    }
}
