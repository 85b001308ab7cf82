import ArgumentParser
import Foundation
import Kernel
import PluginKit

/// `indaba case-studies history STUDY --org ORG`: every version of a study, oldest first.
struct HistoryCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List the versions of a case study (show one with `show --version N`).")

    @OptionGroup var pluginOptions: PluginCommandOptions
    @Argument(help: "The study's slug or id.") var study: String

    init() {}

    func run(in context: PluginCommandContext) async throws {
        try await CommandSupport.reporting {
            let (network, reader) = try await CommandSupport.library(context)
            let reference = study
            let versions = try await context.workspace.read { db in
                let study = try CaseStudyLibrary.visibleStudy(reference, network: network, reader: reader, in: db)
                return try CaseStudyLibrary.history(of: study.id!, in: db)
            }
            if context.json {
                return try context.output.printJSON(
                    versions.map {
                        VersionView(
                            version: $0.version, actor: $0.actor, createdAt: $0.createdAt, document: $0.document)
                    })
            }
            for version in versions {
                context.output.print(
                    "v\(version.version)  \(version.createdAt.formatted(.iso8601))  \(version.actor)  "
                        + "\(version.document.utf8.count) bytes")
            }
        }
    }
}
