import ArgumentParser
import Foundation
import Kernel
import PluginKit

/// `indaba certificates rotate-key`.
struct RotateKeyCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-key",
        abstract: "Make a new signing key for the organization; credentials signed before stay verifiable.")

    @OptionGroup var pluginOptions: PluginCommandOptions

    init() {}

    func run(in context: PluginCommandContext) async throws {
        let plugin = context.plugin as! CertificatesPlugin
        let settings = try await plugin.settings(for: context.organization.id!)
        let kid = try plugin.keys.rotate(for: context.organization.id!.rawValue, algorithm: settings.algorithm)
        if context.json { return try context.output.printJSON(["kid": kid]) }
        context.output.print(lines: ["New signing key \(kid); earlier keys stay in the published JWK set."])
    }
}

/// `indaba certificates jwks`: the published JWK set, for verifiers without network access.
struct KeySetCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "jwks", abstract: "Print the organization's public keys as a JWK set.")

    @OptionGroup var pluginOptions: PluginCommandOptions

    init() {}

    func run(in context: PluginCommandContext) async throws {
        let plugin = context.plugin as! CertificatesPlugin
        let keys = try plugin.keys.publicKeys(for: context.organization.id!.rawValue)
        // Keys by thumbprint: the served set also lists each under its URL, which depends on the server's address.
        let set: JSONValue = .object(["keys": .array(keys.map { JWK.object($0, kid: $0.kid) })])
        context.output.print(lines: [set.canonicalJSON])
    }
}
