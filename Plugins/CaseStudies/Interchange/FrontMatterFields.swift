import Kernel
import Yams

/// Reads one YAML mapping of front matter: refuses unknown keys, and reports every problem with its line and field
/// (front matter line + 1, for the opening `---`) instead of stopping at the first.
struct FrontMatterFields {
    private let file: String
    private let path: String
    private let line: Int
    private let pairs: [String: (key: Node, value: Node)]
    private let report: (LibraryIssue) -> Void

    init(_ node: Node, file: String, path: String = "", keys: [String], report: @escaping (LibraryIssue) -> Void) {
        self.file = file
        self.path = path
        self.report = report
        line = Self.line(of: node)
        var pairs: [String: (key: Node, value: Node)] = [:]
        if case let .mapping(mapping) = node {
            for (key, value) in mapping {
                let name = key.scalar?.string ?? "?"
                if !keys.contains(name) {
                    report(
                        LibraryIssue(
                            file: file, line: Self.line(of: key), field: Self.join(path, name),
                            message: FieldReason(
                                "is not a known key; known keys are {keys}", ["keys": keys.joined(separator: ", ")])))
                } else {
                    pairs[name] = (key, value)
                }
            }
        } else {
            report(
                LibraryIssue(
                    file: file, line: line, field: path.isEmpty ? "(front matter)" : path,
                    message: FieldReason(
                        "expected a mapping of keys ({keys})", ["keys": keys.joined(separator: ", ")])))
        }
        self.pairs = pairs
    }

    private static func line(of node: Node) -> Int { (node.mark?.line ?? 0) + 1 }

    /// The file line of `key` (of the mapping when the key is absent).
    func line(of key: String) -> Int { pairs[key].map { Self.line(of: $0.key) } ?? line }

    /// The file lines of the items of the list `key`.
    func itemLines(_ key: String) -> [Int] {
        guard case let .sequence(sequence)? = pairs[key]?.value else { return [] }
        return sequence.map(Self.line(of:))
    }
    private static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func problem(_ key: String, _ message: FieldReason, at node: Node? = nil) {
        let line = node.map(Self.line) ?? pairs[key].map { Self.line(of: $0.key) } ?? line
        report(LibraryIssue(file: file, line: line, field: Self.join(path, key), message: message))
    }

    private func value(_ key: String) -> Node? {
        guard let value = pairs[key]?.value else { return nil }
        if case let .scalar(scalar) = value, scalar.style == .plain, ["", "~", "null"].contains(scalar.string) {
            return nil
        }
        return value
    }

    /// A text value, checked by `check` (which returns what is wrong, or `nil`).
    func string(_ key: String, required: Bool = true, check: (String) -> FieldReason? = { _ in nil }) -> String? {
        guard let node = value(key) else {
            if required { problem(key, FieldReason("is required")) }
            return nil
        }
        guard case let .scalar(scalar) = node else {
            problem(key, FieldReason("expected a single value, not a list or mapping"))
            return nil
        }
        if let message = check(scalar.string) {
            problem(key, message)
            return nil
        }
        return scalar.string
    }

    /// One of an enumeration's values.
    func choice<T: RawRepresentable & CaseIterable>(_ key: String) -> T? where T.RawValue == String {
        let allowed = T.allCases.map(\.rawValue)
        return string(key) {
            allowed.contains($0)
                ? nil
                : FieldReason(
                    "'{value}' is not one of {values}", ["value": $0, "values": allowed.joined(separator: ", ")])
        }
        .flatMap(T.init(rawValue:))
    }

    private func items(_ key: String) -> [(node: Node, path: String)] {
        guard let node = value(key) else { return [] }
        guard case let .sequence(sequence) = node else {
            problem(key, FieldReason("expected a list (items starting with '- ', or [] for none)"))
            return []
        }
        return sequence.enumerated().map { ($0.element, "\(Self.join(path, key))[\($0.offset)]") }
    }

    /// A list of text values, each checked by `check`.
    func strings(_ key: String, check: (String) -> FieldReason?) -> [String] {
        items(key).compactMap { item in
            guard case let .scalar(scalar) = item.node else {
                report(
                    LibraryIssue(
                        file: file, line: Self.line(of: item.node), field: item.path,
                        message: FieldReason("expected a single value")
                    ))
                return nil
            }
            if let message = check(scalar.string) {
                report(LibraryIssue(file: file, line: Self.line(of: item.node), field: item.path, message: message))
                return nil
            }
            return scalar.string
        }
    }

    /// A list of mappings with `keys`, each read by `read`.
    func mappings<T>(_ key: String, keys: [String], read: (FrontMatterFields) -> T?) -> [T] {
        items(key).compactMap { item in
            read(FrontMatterFields(item.node, file: file, path: item.path, keys: keys, report: report))
        }
    }
}
