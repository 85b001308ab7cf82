import ArgumentParser
import Foundation
import GRDB
import Kernel
import PluginKit

struct EnrolCommand: KernelCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrol", abstract: "Enrol a person in a series (running it again updates the channel).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The person: id or e-mail address.")
    var person: String

    @Argument(help: "The series: slug path or id.")
    var series: String

    @Option(name: .long, help: "How they heard of it: newsletter, partner-org, social-media, …")
    var channel: String

    @Option(name: .long, help: "When they enrolled, such as 2023-06-10T08:00:00Z (default: now).")
    var at: String?

    func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
        let command = self
        let when = try at.map { try Times.instant($0, option: "--at") }
        let enrolment = try await workspace.write(as: environment.actor) { transaction in
            let person = try Lookup.person(command.person, in: transaction.db)
            let series = try Lookup.series(command.series, in: transaction.db)
            return try transaction.enrol(
                person.id!, in: series.id!, at: when, channel: command.channel)
        }
        if global.json { return try environment.output.printJSON(enrolment) }
        environment.output.print(
            "Person \(enrolment.personId) is enrolled in series \(enrolment.seriesId) (\(enrolment.channel)).")
    }
}

struct AttendCommand: KernelCommand {
    static let configuration = CommandConfiguration(
        commandName: "attend", abstract: "Record or correct a person's attendance of a live session.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The person: id or e-mail address.")
    var person: String

    @Argument(help: "The session: slug path or id.")
    var session: String

    @Option(name: .long, help: "present, absent or excused.")
    var status: String = "present"

    @Option(name: .long, help: "Whole minutes attended (left out: keep what is recorded; 0 for someone not present).")
    var minutes: Int?

    func validate() throws {
        guard Attendance.Status(rawValue: status) != nil else {
            throw ValidationError("--status must be one of present, absent, excused.")
        }
    }

    func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
        let command = self
        let record = try await workspace.write(as: environment.actor) { transaction in
            let person = try Lookup.person(command.person, in: transaction.db)
            let session = try Lookup.session(command.session, in: transaction.db)
            return try transaction.recordAttendance(
                of: person.id!, at: session.id!, status: Attendance.Status(rawValue: command.status)!,
                minutes: command.minutes, source: command.minutes == nil ? nil : .manual)
        }
        if global.json { return try environment.output.printJSON(record) }
        environment.output.print(
            "Recorded person \(record.personId) as \(record.status.rawValue) at session \(record.sessionId) "
                + "(\(record.minutes) minutes).")
    }
}

struct SubmitCommand: KernelCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit", abstract: "Record a participant's submission for an offline exercise.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The person: id or e-mail address.")
    var person: String

    @Argument(help: "The offline-exercise session: slug path or id.")
    var session: String

    @Option(name: .long, help: "Where the work can be seen (http or https URL).")
    var link: String?

    @Option(name: .long, help: "A short note.")
    var note: String?

    @Option(name: .long, help: "When it was submitted, such as 2023-06-28T10:00:00Z (default: now).")
    var at: String?

    func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
        let command = self
        let when = try at.map { try Times.instant($0, option: "--at") }
        let (submission, session) = try await workspace.write(as: environment.actor) { transaction in
            let person = try Lookup.person(command.person, in: transaction.db)
            let session = try Lookup.session(command.session, in: transaction.db)
            let submission = try transaction.submitExercise(
                of: person.id!, for: session.id!, at: when, link: command.link, note: command.note)
            return (submission, session)
        }
        if global.json { return try environment.output.printJSON(submission) }
        environment.output.print(
            "Recorded the submission of person \(submission.personId) for session \(submission.sessionId).")
        if submission.submittedAt > session.endsAt {
            environment.output.print(
                "It came after the exercise ended (\(session.endsAt.formatted(.iso8601))): it is kept, but it does "
                    + "not complete the session, for reports and certificates alike.")
        }
    }
}
