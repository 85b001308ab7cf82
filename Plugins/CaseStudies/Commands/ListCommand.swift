import ArgumentParser
import Kernel
import PluginKit

/// `indaba case-studies list --org ORG`: the studies the organization sees, by title.
struct ListCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the network's case studies the organization may see, by title.")

    @OptionGroup var pluginOptions: PluginCommandOptions
    @OptionGroup var filterOptions: FilterOptions

    init() {}

    func run(in context: PluginCommandContext) async throws {
        let (network, operatorReader) = try await CommandSupport.library(context)
        let reader = filterOptions.publicOnly ? LibraryReader.anonymous : operatorReader
        let filters = try filterOptions.filters
        let studies = try await context.workspace.read { db in
            try CaseStudyLibrary.summaries(network: network, reader: reader, filters: filters, in: db)
        }
        if context.json { return try context.output.printJSON(studies.map(StudySummaryView.init)) }
        if studies.isEmpty { return context.output.print("No case studies.") }
        for study in studies {
            context.output.print(
                "\(study.slug)  \(study.title)  [\(study.country), \(study.sector), \(study.visibility.rawValue), "
                    + "consent \(study.consent.rawValue), v\(study.version)]")
        }
    }
}
