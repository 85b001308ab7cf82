import ArgumentParser
import Foundation
import GRDB
import Kernel
import PluginKit

/// `indaba certificates eligibility SERIES`: each participant's verdict, explained.
struct EligibilityCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "eligibility", abstract: "Explain, per participant, who meets the series' certificate rule.")

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Argument(help: "The series (slug path such as asknet/webinars/inclusive-spaces, or id).")
    var series: String

    @Flag(help: "Show only participants who are not eligible.")
    var notEligible = false

    init() {}

    func run(in context: PluginCommandContext) async throws {
        let plugin = context.plugin as! CertificatesPlugin
        let organization = context.organization.id!
        let settings = try await plugin.settings(for: organization)
        let reference = series
        var lines = try await context.workspace.read { db in
            try CertificateQueries.eligibility(
                series: reference, organization: organization, settings: settings, in: db)
        }
        if notEligible { lines = lines.filter { !$0.eligible } }
        if context.json { return try context.output.printJSON(lines) }
        context.output.print(
            lines:
                lines.map { line in
                    let held = line.certificate.map { " [certificate \($0.rawValue)]" } ?? ""
                    return "\(line.personId)\t\(line.name): \(line.explanation)\(held)"
                })
    }
}

/// `indaba certificates issue SERIES [--dry-run] [--out DIR]`.
struct IssueCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Issue certificates to every eligible participant who has none yet (all or nothing).",
        discussion: """
            Every new certificate is drawn first, then all are signed and stored in one transaction: if one name \
            cannot be drawn, nothing is issued. Running it again issues only to people who became eligible since; \
            nobody ever gets two certificates of a series.
            """)

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Argument(help: "The series (slug path or id).")
    var series: String

    @Flag(help: "Show who would get a certificate without issuing anything.")
    var dryRun = false

    @Option(help: "Also write each new certificate's PDF and credential (.jwt) into this folder.")
    var out: String?

    init() {}

    func run(in context: PluginCommandContext) async throws {
        let plugin = context.plugin as! CertificatesPlugin
        let bar = ProgressBar(label: dryRun ? "Checking" : "Drawing")
        let folder = out.map { URL(fileURLWithPath: $0) }
        let outcome = try await plugin.issue(
            series: series, organization: context.organization.id!, actor: context.actor, dryRun: dryRun,
            server: VerificationAddress.commandLineServer,
            progress: { bar.update($0, of: $1) },
            keepPDF: folder.map { folder in
                { certificate, pdf in
                    try CertificateFile.write(
                        pdf, to: folder.appendingPathComponent("certificate-\(certificate.id!).pdf"))
                    try CertificateFile.write(
                        Data(certificate.credential.utf8),
                        to: folder.appendingPathComponent("certificate-\(certificate.id!).jwt"))
                }
            })
        if context.json { return try context.output.printJSON(outcome) }
        let verb = dryRun ? "Would issue" : "Issued"
        var lines = [
            "\(verb) \(outcome.issued.count) certificate(s) for series \(outcome.seriesId): \(outcome.participants) "
                + "participants, \(outcome.eligible) eligible, \(outcome.alreadyIssued) already hold one."
        ]
        lines += outcome.issued.map { issued in
            "  person \(issued.personId)\t\(issued.code)" + (issued.certificateId.map { "\tcertificate \($0)" } ?? "")
        }
        lines += outcome.notIssued.map { "  person \($0.personId)\tnot issued: \($0.reason)" }
        if dryRun { lines.append("Dry run: nothing was written.") }
        context.output.print(lines: lines)
    }
}

/// `indaba certificates list SERIES`.
struct ListCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List a series' certificates, valid and revoked.")

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Argument(help: "The series (slug path or id).")
    var series: String

    init() {}

    func run(in context: PluginCommandContext) async throws {
        let (organization, reference) = (context.organization.id!, series)
        let list = try await context.workspace.read { db in
            try CertificateQueries.list(series: reference, organization: organization, in: db)
        }
        if context.json { return try context.output.printJSON(list) }
        context.output.print(
            lines: ["ID\tPERSON\tCODE\tSTATUS\tNAME"]
                + list.map { "\($0.id)\t\($0.personId)\t\($0.code)\t\($0.status.rawValue)\t\($0.recipientName)" })
    }
}
