import ArgumentParser
import Foundation
import GRDB
import Kernel
import PluginKit

/// `indaba certificates revoke ID --reason TEXT`.
struct RevokeCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke a certificate; its verification page then says revoked.")

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Argument(help: "The certificate's id (see `indaba certificates list`).")
    var certificate: Int64

    @Option(help: "Why it is revoked (kept for administrators, never shown publicly).")
    var reason: String

    init() {}

    func run(in context: PluginCommandContext) async throws {
        let plugin = context.plugin as! CertificatesPlugin
        let revoked = try await plugin.revoke(
            Certificate.ID(certificate), reason: reason, organization: context.organization.id!,
            actor: context.actor)
        if context.json { return try context.output.printJSON(CertificateSummary(revoked)) }
        context.output.print(lines: ["Certificate \(certificate) (\(revoked.code)) is revoked."])
    }
}

/// `indaba certificates reissue ID`: after a name fix.
struct ReissueCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "reissue",
        abstract:
            "Issue a new certificate with the person's current name and a new code: in place of a valid one (after "
            + "a name fix; it is revoked), or for the holder of a revoked one (which stays revoked).")

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Argument(help: "The certificate's id.")
    var certificate: Int64

    init() {}

    func run(in context: PluginCommandContext) async throws {
        let plugin = context.plugin as! CertificatesPlugin
        let replacement = try await plugin.reissue(
            Certificate.ID(certificate), organization: context.organization.id!, actor: context.actor,
            server: VerificationAddress.commandLineServer)
        if context.json { return try context.output.printJSON(CertificateSummary(replacement)) }
        context.output.print(lines: [
            "Certificate \(certificate) is revoked; the new certificate is \(replacement.id!) "
                + "with code \(replacement.code)."
        ])
    }
}

/// `indaba certificates download ID --out DIR` and `--series SERIES` for every valid certificate of a series.
struct DownloadCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Write certificates as PDF and their Open Badges credentials (.jwt) into a folder.")

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Argument(help: "Certificate ids; or use --series.")
    var certificates: [Int64] = []

    @Option(help: "Every valid certificate of this series (slug path or id).")
    var series: String?

    @Flag(help: "With --series: one multi-page PDF (certificates.pdf) instead of a file per certificate.")
    var combined = false

    @Option(help: "The folder to write into.")
    var out: String

    init() {}

    func validate() throws {
        if certificates.isEmpty == (series == nil) {
            throw ValidationError("Name certificate ids or --series SERIES (not both).")
        }
    }

    func run(in context: PluginCommandContext) async throws {
        let plugin = context.plugin as! CertificatesPlugin
        let organization = context.organization.id!
        let (ids, reference) = (certificates, series)
        let chosen = try await context.workspace.read { db in
            if let reference {
                let series = try Lookup.series(reference, in: db)
                return try Certificate.filter(
                    Column("seriesId") == series.id && Column("organizationId") == organization
                        && Column("status") == "valid"
                ).order(Column("id")).fetchAll(db)
            }
            return try ids.map { try CertificatesPlugin.owned(Certificate.ID($0), by: organization, in: db) }
        }
        if let removed = chosen.first(where: CertificateErasure.removedFiles(of:)) {
            throw CertificatesError.removedWithHolder(removed.id!.rawValue)
        }
        let folder = URL(fileURLWithPath: out)
        let bar = ProgressBar(label: "Drawing")
        if combined, let first = chosen.first {
            // A new file of many pages, drawn with today's branding (each page as its certificate prints).
            let renderer = CertificateRenderer(branding: try await plugin.branding(for: organization))
            let pdf = try renderer.pdf(pages: chosen.map(\.content), date: first.issuedAt) {
                bar.update($0, of: chosen.count)
            }
            try CertificateFile.write(pdf, to: folder.appendingPathComponent("certificates.pdf"))
        } else {
            for (index, certificate) in chosen.enumerated() {
                let name = "certificate-\(certificate.id!)"
                try CertificateFile.write(
                    try await plugin.pdf(of: certificate), to: folder.appendingPathComponent("\(name).pdf"))
                try CertificateFile.write(
                    try plugin.credential(of: certificate), to: folder.appendingPathComponent("\(name).jwt"))
                bar.update(index + 1, of: chosen.count)
            }
        }
        context.output.print(lines: ["Wrote \(chosen.count) certificate(s) to \(folder.path)."])
    }
}

/// `indaba certificates verify CODE`.
struct VerifyCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check a certificate's code, as the public verification page does.")

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Argument(help: "The code printed on the certificate, such as 7KQ2-M9XD-4TAW-ZC8R.")
    var code: String

    init() {}

    func run(in context: PluginCommandContext) async throws {
        let typed = code
        guard
            let found = try await Verification.find(typed, store: context.workspace.store, gate: context.workspace.gate)
        else { throw CertificatesError.unknownCode }
        if context.json { return try context.output.printJSON(found) }
        context.output.print(lines: [
            found.status == .valid ? "valid" : "revoked on \(found.revokedOn ?? "?")",
            "  awarded to \(found.recipientName)", "  for \(found.seriesTitle)", "  by \(found.organizationName)",
            "  issued on \(found.issuedOn)",
        ])
    }
}
