import ArgumentParser
import Kernel
import PluginKit

/// `indaba person merge KEEP DUPLICATE`: two records of one person become one, audited as `person.merged`.
struct PersonMergeCommand: KernelCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge two records of the same person: everything of DUPLICATE moves to KEEP, then DUPLICATE goes.",
        discussion: """
            Enrolments, attendance, exercise submissions, roles, tokens and certificates move to KEEP in one \
            transaction; where both have one for the same series or session they are combined (the earlier \
            enrolment, the better attendance with minutes added up to the session's length, the earlier \
            submission). KEEP's name, e-mail and self-description stay.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The record to keep (id or e-mail).")
    var keep: String

    @Argument(help: "The duplicate record, deleted once merged (id or e-mail).")
    var duplicate: String

    func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
        let (keepReference, duplicateReference) = (keep, duplicate)
        let (kept, gone, summary) = try await workspace.write(as: environment.actor) { transaction in
            let kept = try Lookup.person(keepReference, in: transaction.db).id!
            let duplicate = try Lookup.person(duplicateReference, in: transaction.db).id!
            return (kept, duplicate, try transaction.mergePeople(keep: kept, duplicate: duplicate))
        }
        if global.json { return try environment.output.printJSON(summary) }
        environment.output.print(
            """
            Merged person \(gone) into person \(kept): \
            \(summary.enrolmentsMoved) enrolments moved (\(summary.enrolmentsCombined) combined), \
            \(summary.attendanceMoved) attendance records moved (\(summary.attendanceCombined) combined), \
            \(summary.submissionsMoved) submissions moved (\(summary.submissionsCombined) combined), \
            \(summary.rolesMoved) roles, \(summary.credentialsMoved) API tokens.
            """)
    }
}
