import Foundation
import GRDB
import Logging

/// What an import did.
public struct ImportSummary: Sendable, Equatable {
    /// Rows inserted or updated (0 when the database already matched the file).
    public let changes: Int
    /// Whether the changes were rolled back because only a preview was asked for.
    public let dryRun: Bool
    public let organizations: Int
    public let people: Int
    public let series: Int
    public let sessions: Int
}

extension Workspace {
    /// Creates or updates a whole network from a document, in one transaction.
    ///
    /// Records are matched by slug within their parent and people by e-mail, so importing the same document twice
    /// changes nothing. Records the document does not mention are left alone.
    /// - Parameters:
    ///   - document: A document read by ``NetworkDocument/read(_:file:registry:)``.
    ///   - file: The file name for messages.
    ///   - dryRun: Roll everything back at the end and only report what would change.
    /// - Throws: ``ImportError`` with every problem that only the database could reveal; nothing is written then.
    public func importNetwork(_ document: NetworkDocument, file: String, dryRun: Bool = false) async throws
        -> ImportSummary
    {
        let registry = registry
        let summary = try await apply(document, file: file, dryRun: dryRun, registry: registry)
        logger.info(
            "Network imported",
            metadata: [
                "changes": "\(summary.changes)", "dryRun": "\(summary.dryRun)",
                "organizations": "\(summary.organizations)",
                "series": "\(summary.series)", "sessions": "\(summary.sessions)",
            ])
        return summary
    }

    private func apply(_ document: NetworkDocument, file: String, dryRun: Bool, registry: PluginRegistry) async throws
        -> ImportSummary
    {
        do {
            return try await write(as: .importFile) { transaction in
                let before = transaction.db.totalChangesCount
                let log = IssueLog(file: file)
                let applier = DocumentApplier(transaction: transaction, registry: registry, log: log)
                // One audit line per organization for the whole file, not one per record it writes.
                transaction.withoutItemizedAudit { applier.apply(document) }
                try log.throwIfAny()
                let summary = ImportSummary(
                    changes: transaction.db.totalChangesCount - before, dryRun: dryRun,
                    organizations: 1 + document.network.members.count, people: applier.peopleCount,
                    series: applier.seriesCount, sessions: applier.sessionCount)
                if summary.changes > 0 {
                    for organization in applier.networkMembers.sorted(by: { $0.rawValue < $1.rawValue }) {
                        try transaction.audit(
                            "network.imported", organization: organization,
                            detail: [
                                "changes": .integer(Int64(summary.changes)), "people": .integer(Int64(summary.people)),
                                "series": .integer(Int64(summary.series)),
                                "sessions": .integer(Int64(summary.sessions)),
                            ])
                    }
                }
                if dryRun { throw DryRunRollback(summary: summary) }
                return summary
            }
        } catch let rollback as DryRunRollback {
            return rollback.summary
        }
    }
}

/// Thrown to roll back a dry run; carries what the import would have done.
private struct DryRunRollback: Error {
    let summary: ImportSummary
}

/// Writes a document's entries through a ``WriteTransaction``, turning each refused entry into a located issue.
private final class DocumentApplier {
    let transaction: WriteTransaction
    let registry: PluginRegistry
    let log: IssueLog
    private(set) var networkMembers: Set<Organization.ID> = []
    private var people: [String: Person.ID] = [:]
    private(set) var peopleCount = 0
    private(set) var seriesCount = 0
    private(set) var sessionCount = 0

    init(transaction: WriteTransaction, registry: PluginRegistry, log: IssueLog) {
        self.transaction = transaction
        self.registry = registry
        self.log = log
    }

    private var now: Date { transaction.now }

    func apply(_ document: NetworkDocument) {
        let entry = document.network
        guard let network = attempt(entry, { try self.saveOrganization(entry, parent: nil) }) else { return }
        var organizations = [(entry, network)]
        for member in entry.members {
            if let saved = attempt(member, { try self.saveOrganization(member, parent: network) }) {
                organizations.append((member, saved))
            }
        }
        networkMembers = Set(organizations.compactMap { $0.1.id })
        for (entry, organization) in organizations { entry.people.forEach { savePerson($0, in: organization) } }
        for (entry, organization) in organizations {
            enablePlugins(entry.plugins, for: organization)
            for programme in entry.programmes { saveProgramme(programme, in: organization) }
        }
    }

    /// Runs `body`; on failure logs the error at `entry`'s location and returns `nil`.
    @discardableResult
    private func attempt<T>(_ entry: some Located, _ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch let error as KernelError {
            log.add(entry.location, Self.fileMessage(for: error))
            return nil
        } catch {
            log.add(entry.location, "\(error)")
            return nil
        }
    }

    /// Messages about the file's own entries, without database ids the file does not contain.
    private static func fileMessage(for error: KernelError) -> String {
        switch error {
        case .notInSeries:
            "this person is neither enrolled in the series nor holds a role in it; add them under enrolments: or roles:"
        case .notEnrolled:
            "this person is not enrolled in the series; add them under the series' enrolments:"
        case .sessionCancelled:
            "the session is cancelled; attendance can only be recorded for scheduled sessions"
        default:
            error.description
        }
    }

    private func saveOrganization(_ entry: NetworkDocument.OrganizationEntry, parent: Organization?) throws
        -> Organization
    {
        try transaction.save(
            Organization(
                parentId: parent?.id, name: entry.name, slug: entry.slug, country: entry.country,
                timeZone: entry.timeZone, website: entry.website, createdAt: now, updatedAt: now))
    }

    private func savePerson(_ entry: NetworkDocument.PersonEntry, in organization: Organization) {
        peopleCount += 1
        let key = FieldRules.emailKey(entry.email)
        attempt(entry) {
            if let existing = try Person.filter(Column("emailKey") == key).fetchOne(transaction.db),
                !networkMembers.contains(existing.organizationId)
            {
                throw KernelError.invalidField(
                    field: "email",
                    reason: FieldReason(
                        "belongs to person {person} of another network; people cannot be shared between networks",
                        ["person": "\(existing.id!)"]))
            }
            let saved = try transaction.save(
                Person(
                    organizationId: organization.id!, displayName: entry.name, email: entry.email,
                    gender: entry.gender, attributes: entry.attributes, consent: entry.consent, createdAt: now,
                    updatedAt: now))
            people[key] = saved.id
        }
    }

    private func enablePlugins(_ entries: [NetworkDocument.PluginEntry], for organization: Organization) {
        let order = registry.plugins.map { $0.id }
        for entry in entries.sorted(by: { order.firstIndex(of: $0.id)! < order.firstIndex(of: $1.id)! }) {
            attempt(entry) {
                try transaction.enable(entry.id, for: organization.id!, settings: entry.settings, registry: registry)
            }
        }
    }

    private func saveProgramme(_ entry: NetworkDocument.ProgrammeEntry, in organization: Organization) {
        let saved = attempt(entry) {
            try transaction.save(
                Programme(
                    organizationId: organization.id!, slug: entry.slug, title: entry.title, summary: entry.summary,
                    createdAt: now, updatedAt: now))
        }
        guard let programme = saved else { return }
        entry.series.forEach { saveSeries($0, in: programme) }
    }

    private func saveSeries(_ entry: NetworkDocument.SeriesEntry, in programme: Programme) {
        seriesCount += 1
        let saved = attempt(entry) {
            try transaction.save(
                WebinarSeries(
                    programmeId: programme.id!, slug: entry.slug, title: entry.title, summary: entry.summary,
                    objectives: entry.objectives, status: entry.status, timeZone: entry.timeZone, createdAt: now,
                    updatedAt: now))
        }
        guard let series = saved, let seriesId = series.id else { return }
        for role in entry.roles {
            attempt(role) { try transaction.grant(role.role, to: try person(role.person), in: seriesId) }
        }
        for enrolment in entry.enrolments {
            attempt(enrolment) {
                try transaction.enrol(
                    try person(enrolment.person), in: seriesId, at: enrolment.at, channel: enrolment.channel)
            }
        }
        for (index, session) in entry.sessions.enumerated() {
            saveSession(session, position: index + 1, in: series)
        }
        for quote in entry.quotes {
            attempt(quote) {
                try transaction.recordQuote(
                    quote.text, attribution: quote.attribution, consent: quote.consent, in: seriesId)
            }
        }
    }

    private func saveSession(_ entry: NetworkDocument.SessionEntry, position: Int, in series: WebinarSeries) {
        sessionCount += 1
        let saved = attempt(entry) {
            try transaction.save(
                Session(
                    seriesId: series.id!, position: position, slug: entry.slug, title: entry.title, kind: entry.kind,
                    startsAt: entry.startsAt, endsAt: entry.endsAt, timeZone: entry.timeZone ?? series.timeZone,
                    joinURL: entry.joinURL, agenda: entry.agenda, description: entry.description,
                    status: entry.status, createdAt: now,
                    updatedAt: now))
        }
        guard let sessionId = saved?.id else { return }
        for record in entry.attendance {
            attempt(record) {
                try transaction.recordAttendance(
                    of: try person(record.person), at: sessionId, status: record.status, minutes: record.minutes,
                    source: record.source)
            }
        }
        for submission in entry.submissions {
            attempt(submission) {
                try transaction.submitExercise(
                    of: try person(submission.person), for: sessionId, at: submission.at, link: submission.link,
                    note: submission.note)
            }
        }
    }

    /// The person an e-mail names: listed in the file, or already registered by an organization of this network.
    private func person(_ email: String) throws -> Person.ID {
        let key = FieldRules.emailKey(email)
        if let id = people[key] { return id }
        if let existing = try Person.filter(Column("emailKey") == key).fetchOne(transaction.db),
            networkMembers.contains(existing.organizationId), let id = existing.id
        {
            people[key] = id
            return id
        }
        throw KernelError.invalidField(
            field: "person",
            reason: FieldReason(
                "names nobody listed under people: in this file or registered in this network; add the person under "
                    + "an organization's people:"))
    }
}
