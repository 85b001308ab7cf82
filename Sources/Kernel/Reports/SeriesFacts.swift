import Foundation
import GRDB

/// What the kernel knows about a series, read once for its report.
struct SeriesFacts: Sendable {
    struct SessionFacts: Sendable {
        let session: Session
        /// Its number in the report: its place in the series' planned order (position), which a reschedule does
        /// not change.
        let number: Int
        /// People who completed it (present, or submitted in time).
        let completed: Int
    }

    let series: WebinarSeries
    let programme: Programme
    let organization: Organization
    let sessions: [SessionFacts]
    /// Names and roles of facilitators and guest speakers (public on the series page too).
    let team: [(name: String, role: SeriesRole.Role)]
    let enrolled: Int
    /// Enrolled people who completed every scheduled session.
    let completedAll: Int
    let enabledPlugins: Set<PluginID>
    /// The quotes the people quoted agreed to show (never the others).
    let quotes: [Quote]
    /// The organization's methodology paragraph (see ``ReportSettings``), if it has one.
    let methodology: String?
    /// The organization's logo (a PNG), if it has one.
    let logo: Data?
    /// When participants left the series themselves, with the reason they gave (never who they are).
    let withdrawals: [(at: Date, reason: String?)]

    static func read(_ id: WebinarSeries.ID, in db: Database) throws -> SeriesFacts {
        guard let series = try WebinarSeries.fetchOne(db, key: id),
            let programme = try Programme.fetchOne(db, key: series.programmeId),
            let organization = try Organization.fetchOne(db, key: programme.organizationId)
        else { throw KernelError.notFound(entity: "series", reference: "\(id)") }
        // In planned order, numbered by it: moving a session to another day keeps its number.
        let sessions = try Session.filter(Column("seriesId") == id).order(Column("position"), Column("id"))
            .fetchAll(db)
        let people = try Person.ID.fetchAll(
            db, sql: "SELECT personId FROM enrolment WHERE seriesId = ?", arguments: [id])
        var completedBy: [Person.ID: Int] = [:]
        var facts: [SessionFacts] = []
        for session in sessions {
            let attendance = try Attendance.filter(Column("sessionId") == session.id).fetchAll(db)
            let submissions = try ExerciseSubmission.filter(Column("sessionId") == session.id).fetchAll(db)
            let byPerson = Dictionary(attendance.map { ($0.personId, $0) }, uniquingKeysWith: { first, _ in first })
            let submitted = Dictionary(submissions.map { ($0.personId, $0) }, uniquingKeysWith: { first, _ in first })
            var count = 0
            for person in people
            where Completion.isCompleted(session, attendance: byPerson[person], submission: submitted[person]) {
                count += 1
                completedBy[person, default: 0] += 1
            }
            facts.append(SessionFacts(session: session, number: facts.count + 1, completed: count))
        }
        let scheduled = sessions.filter { $0.status == .scheduled }.count
        let team = try Row.fetchAll(
            db,
            sql: """
                SELECT p.displayName, r.role FROM seriesRole r JOIN person p ON p.id = r.personId
                WHERE r.seriesId = ? AND r.role IN ('facilitator', 'guestSpeaker') ORDER BY r.role, p.displayName
                """, arguments: [id]
        ).map { (name: $0[0] as String, role: $0[1] as SeriesRole.Role) }
        let enabled = try PluginEnablementRecord.enabledPlugins(of: organization.id!, in: db)
        return SeriesFacts(
            series: series, programme: programme, organization: organization, sessions: facts, team: team,
            enrolled: people.count,
            completedAll: scheduled == 0 ? 0 : completedBy.values.filter { $0 == scheduled }.count,
            enabledPlugins: enabled,
            quotes: try Quote.filter(Column("seriesId") == id && Column("consent") == true).order(Column("id"))
                .fetchAll(db),
            methodology: try ReportSettings.methodology(of: organization.id!, in: db),
            logo: try OrganizationLogo.png(of: organization.id!, in: db),
            withdrawals: try Row.fetchAll(
                db,
                sql: """
                    SELECT withdrawnAt, withdrawalReason FROM enrolment WHERE seriesId = ? AND withdrawnAt IS NOT NULL
                    ORDER BY withdrawnAt
                    """, arguments: [id]
            ).map { (at: $0[0] as Date, reason: $0[1] as String?) })
    }
}
