import CLI
import Foundation
import Kernel
import KernelTesting
import Logging
import PluginKit
import Testing

/// The example plugins, installed as an executable would install them.
private enum ExampleInstallation: PluginInstallation {
    static let plugins: [any Plugin.Type] = [BaseLogPlugin.self, SessionLogPlugin.self]
}

@Suite("Plugin commands run only for organizations that enabled the plugin")
struct PluginCommandGateTests {
    @Test("disabled means refused; enabling opens the command; disabling closes it again")
    func commandIsGatedPerOrganization() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("indaba.sqlite").path
        let marker = database + ".ran"
        let runner = CommandRunner<ExampleInstallation>(logger: Logger(label: "test"), user: "tester")
        func run(_ arguments: String...) async -> Int32 { await runner.run(arguments + ["--db", database]) }

        let sample = directory.appendingPathComponent("network.yaml").path
        try Samples.network.write(toFile: sample, atomically: true, encoding: .utf8)
        #expect(await run("import", sample) == 0)

        #expect(await run("session-log", "entries", "--org", "testnet") == 1)
        #expect(!FileManager.default.fileExists(atPath: marker))

        #expect(await run("plugin", "enable", "session-log", "--org", "testnet") == 1)  // base-log is not enabled yet
        #expect(await run("plugin", "enable", "base-log", "--org", "testnet") == 0)
        #expect(await run("plugin", "enable", "session-log", "--org", "testnet", "--set", "label=ops") == 0)
        #expect(await run("plugin", "settings", "session-log", "--org", "testnet", "--set", "lable=x") == 1)
        #expect(await run("plugin", "settings", "session-log", "--org", "testnet", "--set", "retentionDays=7") == 0)

        #expect(await run("session-log", "entries", "--org", "testnet/lagos-member") == 1)  // not enabled there
        #expect(await run("session-log", "entries", "--org", "testnet") == 0)
        #expect(try String(contentsOfFile: marker, encoding: .utf8) == "0")

        try FileManager.default.removeItem(atPath: marker)
        #expect(await run("plugin", "disable", "session-log", "--org", "testnet") == 0)
        #expect(await run("session-log", "entries", "--org", "testnet") == 1)
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test("the registry's problems stop every command with one message")
    func brokenRegistry() async {
        enum Broken: PluginInstallation {
            static let plugins: [any Plugin.Type] = [SessionLogPlugin.self]  // its dependency is missing
        }
        let runner = CommandRunner<Broken>(logger: Logger(label: "test"), user: "tester")
        #expect(await runner.run(["org", "list", "--db", "/nonexistent/x.sqlite"]) == 1)
    }
}
