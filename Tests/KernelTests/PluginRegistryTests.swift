import Kernel
import KernelTesting
import PluginKit
import Testing

private struct Alpha: Plugin {
    static let id: PluginID = "alpha"
    static let version: SemanticVersion = "1.0.0"
    init(context: PluginContext) {}
}

private struct AlphaAgain: Plugin {
    static let id: PluginID = "alpha"
    static let version: SemanticVersion = "2.0.0"
    init(context: PluginContext) {}
}

private struct NeedsGhost: Plugin {
    static let id: PluginID = "needs-ghost"
    static let version: SemanticVersion = "1.0.0"
    static let dependencies = [PluginRequirement("ghost")]
    init(context: PluginContext) {}
}

private struct NeedsNewAlpha: Plugin {
    static let id: PluginID = "needs-new-alpha"
    static let version: SemanticVersion = "1.0.0"
    static let dependencies = [PluginRequirement("alpha", from: "1.5.0")]
    init(context: PluginContext) {}
}

private struct CycleOne: Plugin {
    static let id: PluginID = "cycle-one"
    static let version: SemanticVersion = "1.0.0"
    static let dependencies = [PluginRequirement("cycle-two")]
    init(context: PluginContext) {}
}

private struct CycleTwo: Plugin {
    static let id: PluginID = "cycle-two"
    static let version: SemanticVersion = "1.0.0"
    static let dependencies = [PluginRequirement("cycle-one")]
    init(context: PluginContext) {}
}

private struct FeedsTwo: Plugin {
    static let id: PluginID = "feeds2"
    static let version: SemanticVersion = "1.0.0"
    init(context: PluginContext) {}
}

private struct FeedsDashTwo: Plugin {
    static let id: PluginID = "feeds-2"
    static let version: SemanticVersion = "1.0.0"
    init(context: PluginContext) {}
}

private struct Sessionish: Plugin {
    static let id: PluginID = "session"
    static let version: SemanticVersion = "1.0.0"
    init(context: PluginContext) {}
}

private struct Shouting: Plugin {
    static let id: PluginID = "Shouting_Plugin"
    static let version: SemanticVersion = "1.0.0"
    init(context: PluginContext) {}
}

@Suite("Plugin registry")
struct PluginRegistryTests {
    @Test("every problem is reported together in one error")
    func reportsEveryProblemAtOnce() throws {
        let error = #expect(throws: PluginRegistryError.self) {
            try PluginRegistry(installing: [
                Alpha.self, AlphaAgain.self, NeedsGhost.self, NeedsNewAlpha.self, CycleOne.self, CycleTwo.self,
                FeedsTwo.self, FeedsDashTwo.self, Sessionish.self, Shouting.self,
            ])
        }
        let problems = try #require(error?.problems)
        #expect(problems.contains(.duplicateId("alpha")))
        #expect(problems.contains(.missingDependency("needs-ghost", PluginRequirement("ghost"))))
        #expect(
            problems.contains(
                .incompatibleDependency(
                    "needs-new-alpha", PluginRequirement("alpha", from: "1.5.0"), installed: "1.0.0")))
        #expect(problems.contains(.cycle(["cycle-one", "cycle-two"])))
        #expect(problems.contains(.prefixClash("feeds-2", "feeds2", prefix: "feeds2_")))
        #expect(problems.contains(.reservedPrefix("session", prefix: "session_", kernelName: "session")))
        #expect(problems.contains(.malformedId("Shouting_Plugin")))
        #expect(problems.count == 7)
        let text = try #require(error?.description)
        #expect(text.split(separator: "\n").count == 8)
        #expect(text.contains("plugin 'needs-ghost' needs 'ghost', which is not installed"))
    }

    @Test("plugins are ordered dependencies first, then by id")
    func ordersByDependency() throws {
        let registry = try PluginRegistry(installing: [SessionLogPlugin.self, FlakyPlugin.self, BaseLogPlugin.self])
        #expect(registry.plugins.map { $0.id } == ["base-log", "flaky", "session-log"])
        #expect(registry.dependents(of: "base-log").map { $0.id } == ["session-log"])
    }

    @Test(
        "table prefixes derive from the id",
        arguments: [
            ("case-studies", "caseStudies_"), ("feeds", "feeds_"), ("session-log", "sessionLog_"), ("a-b-c", "aBC_"),
        ])
    func tablePrefix(id: String, prefix: String) {
        #expect(PluginID(id).tablePrefix == prefix)
    }

    @Test("version requirements accept the same major version from the minimum on")
    func versionRequirements() {
        let requirement = PluginRequirement("x", from: "1.2.0")
        #expect(requirement.isSatisfied(by: "1.2.0"))
        #expect(requirement.isSatisfied(by: "1.9.3"))
        #expect(!requirement.isSatisfied(by: "1.1.9"))
        #expect(!requirement.isSatisfied(by: "2.0.0"))
        #expect(SemanticVersion(parsing: "1.2") == nil)
        #expect(SemanticVersion(parsing: "1.2.x") == nil)
    }

    @Test("the example plugins pass the plugin conformance checks")
    func examplePluginsConform() async throws {
        #expect(try await PluginConformance.problems(of: SessionLogPlugin.self, with: [BaseLogPlugin.self]) == [])
        #expect(try await PluginConformance.problems(of: BaseLogPlugin.self) == [])
    }

    @Test("the conformance checks catch a plugin whose settings do not survive storage")
    func conformanceCatchesProblems() async throws {
        struct Lossy: PluginSettings {
            var count: Int
            static let defaults = Lossy(count: 1)
            init(count: Int) { self.count = count }
            init(from decoder: any Decoder) throws { count = 0 }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(count, forKey: .count)
            }
            enum CodingKeys: String, CodingKey { case count }
        }
        struct LossyPlugin: Plugin {
            static let id: PluginID = "lossy"
            static let version: SemanticVersion = "1.0.0"
            static let settings: any PluginSettings.Type = Lossy.self
            init(context: PluginContext) {}
        }
        #expect(
            try await PluginConformance.problems(of: LossyPlugin.self) == [
                "its settings defaults change when stored and read back"
            ])
        #expect(
            try await PluginConformance.problems(of: SessionLogPlugin.self).first?.hasPrefix("the registry refuses it")
                == true)
    }
}
