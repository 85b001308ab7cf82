import Foundation
import GRDB

extension Workspace {
    /// Reads a whole network into a document, in the canonical order that export writes.
    /// - Parameter reference: The network's slug or id (a member's reference exports its network).
    public func exportNetwork(_ reference: String) async throws -> NetworkDocument {
        try await read { db in
            var network = try Lookup.organization(reference, in: db)
            if let parentId = network.parentId, let parent = try Organization.fetchOne(db, key: parentId) {
                network = parent
            }
            return try NetworkExport(db: db).document(for: network)
        }
    }
}

/// Builds export entries from the database, sorted as the file format prescribes.
private struct NetworkExport {
    let db: Database

    func document(for network: Organization) throws -> NetworkDocument {
        var entry = try organization(network)
        entry.members = try Organization.filter(Column("parentId") == network.id).order(Column("slug")).fetchAll(db)
            .map(organization)
        return NetworkDocument(network: entry)
    }

    private func organization(_ organization: Organization) throws -> NetworkDocument.OrganizationEntry {
        let plugins =
            try PluginEnablementRecord
            .filter(Column("organizationId") == organization.id && Column("enabled") == true)
            .order(Column("pluginId")).fetchAll(db)
            .map { NetworkDocument.PluginEntry(id: PluginID($0.pluginId), settings: $0.settingsObject) }
        let people = try Person.filter(Column("organizationId") == organization.id).order(Column("emailKey"))
            .fetchAll(db)
            .map {
                NetworkDocument.PersonEntry(
                    email: $0.email, name: $0.displayName, consent: $0.consent, gender: $0.gender,
                    attributes: $0.attributes)
            }
        let programmes = try Programme.filter(Column("organizationId") == organization.id).order(Column("slug"))
            .fetchAll(db).map(programme)
        return NetworkDocument.OrganizationEntry(
            slug: organization.slug, name: organization.name, country: organization.country,
            timeZone: organization.timeZone, website: organization.website, plugins: plugins, people: people,
            programmes: programmes)
    }

    private func programme(_ programme: Programme) throws -> NetworkDocument.ProgrammeEntry {
        let series = try WebinarSeries.filter(Column("programmeId") == programme.id).order(Column("slug"))
            .fetchAll(db).map(self.series)
        return .init(slug: programme.slug, title: programme.title, summary: programme.summary, series: series)
    }

    private func series(_ series: WebinarSeries) throws -> NetworkDocument.SeriesEntry {
        let enrolments = try Row.fetchAll(
            db,
            sql: """
                SELECT p.email, e.enrolledAt, e.channel FROM enrolment e JOIN person p ON p.id = e.personId
                WHERE e.seriesId = ? ORDER BY p.emailKey
                """, arguments: [series.id]
        )
        .map { NetworkDocument.EnrolmentEntry(person: $0[0], at: $0[1], channel: $0[2]) }
        // A participant role is implied by an enrolment; only roles beyond that are written.
        let roles = try Row.fetchAll(
            db,
            sql: """
                SELECT p.email, r.role FROM seriesRole r JOIN person p ON p.id = r.personId
                WHERE r.seriesId = ? AND NOT (r.role = 'participant' AND EXISTS (
                    SELECT 1 FROM enrolment e WHERE e.seriesId = r.seriesId AND e.personId = r.personId))
                ORDER BY r.role, p.emailKey
                """, arguments: [series.id]
        )
        .map { NetworkDocument.RoleEntry(person: $0[0], role: $0[1]) }
        let sessions = try Session.filter(Column("seriesId") == series.id).order(Column("position"), Column("id"))
            .fetchAll(db).map { try session($0, seriesZone: series.timeZone) }
        let quotes = try Quote.filter(Column("seriesId") == series.id).order(Column("id")).fetchAll(db).map {
            NetworkDocument.QuoteEntry(text: $0.text, attribution: $0.attribution, consent: $0.consent)
        }
        return .init(
            slug: series.slug, title: series.title, summary: series.summary, status: series.status,
            timeZone: series.timeZone, objectives: series.objectives, roles: roles, enrolments: enrolments,
            sessions: sessions, quotes: quotes)
    }

    private func session(_ session: Session, seriesZone: String) throws -> NetworkDocument.SessionEntry {
        let attendance = try Row.fetchAll(
            db,
            sql: """
                SELECT p.email, a.status, a.minutes, a.source FROM attendance a JOIN person p ON p.id = a.personId
                WHERE a.sessionId = ? ORDER BY p.emailKey
                """, arguments: [session.id]
        )
        .map { NetworkDocument.AttendanceEntry(person: $0[0], status: $0[1], minutes: $0[2], source: $0[3]) }
        let submissions = try Row.fetchAll(
            db,
            sql: """
                SELECT p.email, s.submittedAt, s.link, s.note FROM exerciseSubmission s
                JOIN person p ON p.id = s.personId WHERE s.sessionId = ? ORDER BY p.emailKey
                """, arguments: [session.id]
        )
        .map { NetworkDocument.SubmissionEntry(person: $0[0], at: $0[1], link: $0[2], note: $0[3]) }
        return .init(
            slug: session.slug, title: session.title, kind: session.kind, startsAt: session.startsAt,
            endsAt: session.endsAt, timeZone: session.timeZone == seriesZone ? nil : session.timeZone,
            joinURL: session.joinURL, status: session.status, agenda: session.agenda,
            description: session.description, attendance: attendance,
            submissions: submissions)
    }
}
