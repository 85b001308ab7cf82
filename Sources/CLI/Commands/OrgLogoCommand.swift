import ArgumentParser
import Foundation
import Kernel
import PluginKit

/// `indaba org logo ORG FILE.png | --remove`: the logo an organization's series reports carry.
struct OrgLogoCommand: KernelCommand {
    static let configuration = CommandConfiguration(
        commandName: "logo",
        abstract: "Set the logo the organization's series reports carry (a PNG).",
        discussion: "A PNG of at most 1 MB and 4,000 pixels a side, kept in the database.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The organization (slug path or id).")
    var org: String

    @Argument(help: "The PNG file.")
    var file: String?

    @Flag(name: .long, help: "Remove the logo.")
    var remove = false

    func validate() throws {
        guard (file != nil) != remove else { throw ValidationError("Give a PNG file, or --remove.") }
    }

    func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
        let reference = org
        var png: Data?
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("\(file) cannot be read; check the path.")
            }
            if let problem = OrganizationLogo.problem(data) { throw ValidationError("\(file) \(problem).") }
            png = data
        }
        let logo = png
        try await workspace.write(as: environment.actor) { transaction in
            try transaction.setLogo(logo, for: try Lookup.organization(reference, in: transaction.db).id!)
        }
        environment.output.print(logo == nil ? "The logo is removed." : "The logo is recorded (\(logo!.count) bytes).")
    }
}
