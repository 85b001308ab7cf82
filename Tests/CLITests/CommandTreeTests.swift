import ArgumentParser
import CLI
import Testing

@testable import indaba

@Suite("The command tree every start parses")
struct CommandTreeTests {
    /// ArgumentParser builds the whole tree at every start; a command without a `commandName` gets one derived from
    /// its type's name at run time (`String(describing:)`, which scans every protocol conformance of the executable),
    /// which was a third of a one-shot command's start.
    @Test("every command, the plugins' included, names itself")
    func everyCommandIsNamed() {
        var unnamed: [String] = []
        var count = 0
        func visit(_ command: any ParsableCommand.Type, path: String) {
            count += 1
            let configuration = command.configuration
            guard let name = configuration.commandName else {
                unnamed.append(path + " " + String(describing: command))
                return
            }
            for subcommand in configuration.subcommands { visit(subcommand, path: path + " " + name) }
        }
        visit(IndabaCommand<InstalledPlugins>.self, path: "")
        #expect(unnamed.isEmpty, "commands without a commandName: \(unnamed)")
        #expect(count > 90)
    }
}
