import ArgumentParser
import Foundation
import Kernel
import PluginKit

/// `indaba certificates logo FILE` uploads the organization's logo (kept in the database); `--remove` removes it.
struct LogoCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "logo",
        abstract: "Upload the organization's logo (a PNG of at most 1 MB), kept by Indaba; or remove it.")

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Argument(help: "The PNG file to upload (read by this command, not by the server).")
    var file: String?

    @Flag(help: "Remove the logo: certificates issued from now on have none.")
    var remove = false

    init() {}

    func validate() throws {
        if (file == nil) == !remove { throw ValidationError("Name a PNG file, or use --remove (not both).") }
    }

    func run(in context: PluginCommandContext) async throws {
        let plugin = context.plugin as! CertificatesPlugin
        var png: Data?
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("Cannot read \(file).")
            }
            png = data
        }
        try await plugin.setLogo(png, organization: context.organization.id!, actor: context.actor)
        context.output.print(lines: [
            png == nil
                ? "Logo removed; certificates issued from now on have none."
                : "Logo uploaded (\(png!.count) bytes); certificates issued from now on print it. Certificates "
                    + "issued before keep the file they were issued as."
        ])
    }
}
