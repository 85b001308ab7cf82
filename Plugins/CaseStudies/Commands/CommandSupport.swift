import ArgumentParser
import Foundation
import GRDB
import Kernel
import PluginKit

/// What every case-study command shares: the library and reader of the organization given, and error reporting.
enum CommandSupport {
    /// The network library of the command's organization and the operator reading it.
    static func library(_ context: PluginCommandContext) async throws -> (Organization.ID, LibraryReader) {
        let organization = context.organization
        return try await context.workspace.read { db in
            (
                try LibraryReader.network(of: organization.id!, in: db),
                try LibraryReader.operatorOf(organization, in: db)
            )
        }
    }

    /// Runs a command body, turning library errors into messages the CLI prints with a non-zero exit.
    static func reporting<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as CaseStudyError {
            throw ValidationError(error.description)
        } catch let error as LibraryImportError {
            throw ValidationError(error.description)
        }
    }
}

/// The filter options of `search` and `list`.
struct FilterOptions: ParsableArguments {
    @Option(help: "Only studies with this topic, such as retention.") var topic: String?
    @Option(help: "Only studies of this sector, such as media.") var sector: String?
    @Option(help: "Only initiatives in this country (ISO code, such as KE).") var country: String?
    @Option(help: "Only initiatives from the network or from outside it: network or outside.") var origin: String?
    @Flag(help: "Show only what anyone may see (public studies whose people consented).") var publicOnly = false

    var filters: SearchFilters {
        get throws {
            let parsed = try origin.map { text in
                guard let value = CaseStudy.Origin(rawValue: text) else {
                    throw ValidationError("--origin must be network or outside, not '\(text)'.")
                }
                return value
            }
            return SearchFilters(topic: topic, sector: sector, country: country, origin: parsed)
        }
    }
}
