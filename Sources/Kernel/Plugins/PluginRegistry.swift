/// The installed plugins, checked as a whole and ordered so that dependencies come first.
///
/// Built once at start-up from the executable's list and passed to whatever needs it; never a global.
/// ```swift
/// let registry = try PluginRegistry(installing: [FeedsPlugin.self, CertificatesPlugin.self])
/// ```
public struct PluginRegistry: Sendable {
    /// The installed plugins: dependencies before their dependents, otherwise by id.
    public let plugins: [any KernelPlugin.Type]

    /// Kernel table names (whose indexes are named `<table>_…`) and SQLite's and GRDB's own name spaces.
    /// A plugin whose prefix is one of these plus `_` could claim kernel objects as its own.
    static let reservedNames: Set<String> = [
        "organization", "programme", "webinarSeries", "session", "person", "seriesRole", "enrolment", "attendance",
        "exerciseSubmission", "pluginEnablement", "auditLog", "apiToken", "grdb", "sqlite",
    ]

    /// Checks `installing` and orders it.
    /// - Throws: ``PluginRegistryError`` listing every problem found (not just the first).
    public init(installing candidates: [any KernelPlugin.Type]) throws {
        var problems: [PluginRegistryError.Problem] = []
        var byId: [PluginID: any KernelPlugin.Type] = [:]
        for plugin in candidates {
            if !plugin.id.isWellFormed { problems.append(.malformedId(plugin.id)) }
            if byId[plugin.id] != nil { problems.append(.duplicateId(plugin.id)) } else { byId[plugin.id] = plugin }
        }
        for plugin in byId.values.sorted(by: { $0.id < $1.id }) {
            for requirement in plugin.dependencies {
                guard let dependency = byId[requirement.id] else {
                    problems.append(.missingDependency(plugin.id, requirement))
                    continue
                }
                if !requirement.isSatisfied(by: dependency.version) {
                    problems.append(.incompatibleDependency(plugin.id, requirement, installed: dependency.version))
                }
            }
        }
        problems += Self.prefixClashes(Array(byId.keys))
        let (ordered, cycle) = Self.dependencyOrder(byId)
        if !cycle.isEmpty { problems.append(.cycle(cycle)) }
        guard problems.isEmpty else { throw PluginRegistryError(problems: problems) }
        plugins = ordered
    }

    /// The installed plugin with `id`, if any.
    public func plugin(_ id: PluginID) -> (any KernelPlugin.Type)? {
        plugins.first { $0.id == id }
    }

    /// Installed plugins that declare a dependency on `id`.
    public func dependents(of id: PluginID) -> [any KernelPlugin.Type] {
        plugins.filter { $0.dependencies.contains { $0.id == id } }
    }

    private static func prefixClashes(_ ids: [PluginID]) -> [PluginRegistryError.Problem] {
        var problems: [PluginRegistryError.Problem] = []
        let sorted = ids.sorted()
        for (index, id) in sorted.enumerated() {
            for other in sorted[(index + 1)...] where id.tablePrefix == other.tablePrefix {
                problems.append(.prefixClash(id, other, prefix: id.tablePrefix))
            }
            let stem = String(id.tablePrefix.dropLast())
            if reservedNames.contains(stem) {
                problems.append(.reservedPrefix(id, prefix: id.tablePrefix, kernelName: stem))
            }
        }
        return problems
    }

    /// Orders plugins dependencies-first (ties by id); returns the ids caught in a cycle, if any.
    private static func dependencyOrder(_ byId: [PluginID: any KernelPlugin.Type]) -> (
        [any KernelPlugin.Type], [PluginID]
    ) {
        var remaining = Set(byId.keys)
        var ordered: [any KernelPlugin.Type] = []
        while true {
            let ready = remaining.filter { id in
                byId[id]!.dependencies.allSatisfy { !remaining.contains($0.id) || byId[$0.id] == nil }
            }.sorted()
            guard let next = ready.first else { break }
            ordered.append(byId[next]!)
            remaining.remove(next)
        }
        return (ordered, remaining.sorted())
    }
}

/// Everything wrong with a set of plugins, reported at once.
public struct PluginRegistryError: Error, CustomStringConvertible, Equatable {
    /// One problem with the installed plugins.
    public enum Problem: Equatable, CustomStringConvertible, Sendable {
        case malformedId(PluginID)
        case duplicateId(PluginID)
        case missingDependency(PluginID, PluginRequirement)
        case incompatibleDependency(PluginID, PluginRequirement, installed: SemanticVersion)
        case cycle([PluginID])
        case prefixClash(PluginID, PluginID, prefix: String)
        case reservedPrefix(PluginID, prefix: String, kernelName: String)

        public var description: String {
            switch self {
            case let .malformedId(id):
                "plugin id '\(id)' is not kebab-case (lowercase letters, digits, single hyphens, starting with a letter)"
            case let .duplicateId(id):
                "two installed plugins have the id '\(id)'; ids must be unique"
            case let .missingDependency(id, requirement):
                "plugin '\(id)' needs '\(requirement.id)', which is not installed; install it or remove '\(id)'"
            case let .incompatibleDependency(id, requirement, installed):
                "plugin '\(id)' needs '\(requirement)', but \(installed) is installed"
            case let .cycle(ids):
                "plugins \(ids.map { "'\($0)'" }.joined(separator: ", ")) depend on each other in a cycle"
            case let .prefixClash(first, second, prefix):
                "plugins '\(first)' and '\(second)' would share the table prefix '\(prefix)'; rename one"
            case let .reservedPrefix(id, prefix, kernelName):
                "plugin '\(id)' has the table prefix '\(prefix)', which collides with the kernel's '\(kernelName)'"
            }
        }
    }

    /// Every problem found, in a stable order.
    public let problems: [Problem]

    public var description: String {
        "The installed plugins cannot be loaded:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
