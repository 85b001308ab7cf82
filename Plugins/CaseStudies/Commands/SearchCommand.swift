import ArgumentParser
import Foundation
import Kernel
import PluginKit

/// `indaba case-studies search QUERY --org ORG`: ranked full-text search with snippets.
struct SearchCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the network's case studies (FTS5 syntax: AND, OR, \"phrases\", prefix*, title:word).")

    @OptionGroup var pluginOptions: PluginCommandOptions
    @Argument(help: "What to look for; accents do not matter.") var query: String
    @OptionGroup var filterOptions: FilterOptions
    @Option(help: "How many results at most (default: the searchLimit setting).") var limit: Int?

    init() {}

    func run(in context: PluginCommandContext) async throws {
        try await CommandSupport.reporting {
            let settings = try await context.plugin.caseStudies.context.settings(
                CaseStudiesSettings.self, for: context.organization.id!)
            let (network, operatorReader) = try await CommandSupport.library(context)
            let reader = filterOptions.publicOnly ? LibraryReader.anonymous : operatorReader
            let (query, filters, limit) = (query, try filterOptions.filters, limit ?? settings.searchLimit)
            guard limit > 0 else { throw ValidationError("--limit must be at least 1.") }
            let hits = try await context.workspace.read { db in
                try CaseStudySearch.search(
                    query, network: network, reader: reader, filters: filters, limit: limit,
                    snippetWords: settings.snippetWords, in: db)
            }
            if context.json { return try context.output.printJSON(hits.map(SearchHitView.init)) }
            if hits.isEmpty { return context.output.print("No case study matches.") }
            for (rank, hit) in hits.enumerated() {
                context.output.print(
                    "\(rank + 1). \(SearchMarkers.plain(hit.markedTitle))  [\(hit.study.slug), \(hit.study.country), "
                        + "\(hit.study.sector), \(hit.study.visibility.rawValue)]\n   "
                        + SearchMarkers.plain(hit.plainSnippet))
            }
        }
    }
}

extension Plugin {
    /// This plugin instance, as the case-studies plugin (commands run only with it).
    var caseStudies: CaseStudiesPlugin { self as! CaseStudiesPlugin }
}
