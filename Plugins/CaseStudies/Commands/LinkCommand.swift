import ArgumentParser
import Foundation
import GRDB
import Kernel
import PluginKit

/// `indaba case-studies link STUDY SESSION --org ORG [--remove]`: records that a study was presented in a session
/// (a new version of the study).
struct LinkCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "link", abstract: "Record (or with --remove, forget) that a case study was presented in a session."
    )

    @OptionGroup var pluginOptions: PluginCommandOptions
    @Argument(help: "The study's slug or id.") var study: String
    @Argument(help: "The session: a slug path such as asknet/webinars/inclusive-spaces/case-study, or an id.")
    var session: String
    @Flag(help: "Remove the link instead.") var remove = false

    init() {}

    func run(in context: PluginCommandContext) async throws {
        try await CommandSupport.reporting {
            let organization = context.organization
            let (reference, sessionReference, remove) = (study, session, remove)
            let actor = context.actor
            let change = try await context.workspace.write(as: actor) { transaction in
                let db = transaction.db
                let reader = try LibraryReader.operatorOf(organization, in: db)
                let network = try LibraryReader.network(of: organization.id!, in: db)
                let study = try CaseStudyLibrary.visibleStudy(reference, network: network, reader: reader, in: db)
                guard reader.organizations.contains(study.organizationId) else {
                    throw ValidationError(
                        "Case study \(study.id!) belongs to organization \(study.organizationId); only its operator may "
                            + "change it.")
                }
                let named = try Lookup.session(sessionReference, in: db)
                var sessions = try CaseStudyLibrary.sessions(of: study.id!, in: db)
                let scope = try LibraryReader.operatorScope(of: organization, in: db)
                guard
                    let session = try remove
                        ? named : LibraryImport.linkable(named.id!, scope: scope, network: network, in: db)
                else {
                    throw ValidationError(
                        "No session '\(sessionReference)' may be linked here: use a session of this network's series "
                            + "that your organization runs or that is published.")
                }
                if remove {
                    sessions.removeAll { $0.id == session.id }
                } else if !sessions.contains(where: { $0.id == session.id }) {
                    sessions.append(session)
                    sessions.sort { ($0.startsAt, $0.id!) < ($1.startsAt, $1.id!) }
                }
                let file = try CaseStudyLibrary.file(of: study, sessions: sessions, in: db)
                return try CaseStudyLibrary.save(
                    study, sessions: sessions.map { $0.id! }, document: file.text, actor: actor, now: transaction.now,
                    in: db
                ).1
            }
            context.output.print(
                change == .unchanged ? "Nothing to change." : "Case study '\(reference)' is now at a new version.")
        }
    }
}
