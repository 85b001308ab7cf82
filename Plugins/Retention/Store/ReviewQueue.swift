import Foundation
import GRDB
import Kernel

/// Rows of attendance exports no person could be found for, until an administrator links them to a person,
/// creates a person for them, or ignores them. A link is remembered, so the next export matches by itself.
struct ReviewItem: Codable, Sendable, Equatable, FetchableRecord {
    let id: Int64
    let sessionId: Session.ID
    let identityKey: String
    let displayName: String
    let email: String?
    let minutes: Int
    let reason: String
    /// The people the row might be, as stored: `[3,7]`.
    let candidates: String
    /// The export's lines the row came from, as stored: `2,5`.
    let lines: String
    let status: String
    let personId: Person.ID?

    /// ``candidates`` read.
    var candidateIds: [Person.ID] {
        candidates.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",")
            .compactMap { Int64($0.trimmingCharacters(in: .whitespaces)) }.map(Person.ID.init)
    }

    /// ``lines`` read.
    var lineNumbers: [Int] { lines.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    private enum CodingKeys: String, CodingKey {
        case id, sessionId, identityKey, displayName, email, minutes, reason, candidates, lines, status, personId
    }

    /// As the API answers: the candidates and the lines as lists of numbers, as the import's answer gives them (they
    /// were the stored text, `"[3,7]"` and `"2,5"`).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(sessionId, forKey: .sessionId)
        try container.encode(identityKey, forKey: .identityKey)
        try container.encode(displayName, forKey: .displayName)
        try container.encodeIfPresent(email, forKey: .email)
        try container.encode(minutes, forKey: .minutes)
        try container.encode(reason, forKey: .reason)
        try container.encode(candidateIds, forKey: .candidates)
        try container.encode(lineNumbers, forKey: .lines)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(personId, forKey: .personId)
    }
}

/// What an administrator decides for a review item.
enum ReviewDecision: Sendable, Equatable {
    case link(Person.ID)
    case create(email: String)
    case ignore
}

enum ReviewQueue {
    /// The items of `organization` (and, for a network, of its members), keeping only the organizations `scope`'s
    /// caller administers: a network's own administrator does not see its members' rows, its coordinators do.
    /// A facilitator sees the items of the sessions of the series they facilitate. Without a scope (an operator on
    /// the command line) every covered organization's.
    static func items(
        of organization: Organization.ID, includeResolved: Bool, scope: Scope?, in db: Database
    ) throws -> [ReviewItem] {
        try items(of: organization, where: includeResolved ? "" : "AND u.status = 'open'", scope: scope, in: db)
    }

    /// Item `id`, if it belongs to `organization` (or, for a network, to a member) and `scope` may see it.
    static func item(_ id: Int64, of organization: Organization.ID, scope: Scope?, in db: Database) throws
        -> ReviewItem?
    {
        try items(of: organization, where: "AND u.id = \(id)", scope: scope, in: db).first
    }

    /// The items of the sessions `organization` covers (the kernel names them), by session start then id.
    private static func items(
        of organization: Organization.ID, where condition: String, scope: Scope?, in db: Database
    ) throws -> [ReviewItem] {
        let all = try SeriesOwnership.organizations(coveredBy: organization, in: db)
        let covered = all.filter { scope?.access.administered.contains($0) ?? true }
        let facilitated = scope?.access.facilitated ?? []
        let places =
            try SeriesOwnership.sessionPlaces(ownedBy: covered, in: db)
            + (facilitated.isEmpty
                ? []
                : try SeriesOwnership.sessionPlaces(ownedBy: all, in: db).filter { facilitated.contains($0.seriesId) })
        let starts = Dictionary(places.map { ($0.id, $0.startsAt) }, uniquingKeysWith: { first, _ in first })
        guard !starts.isEmpty else { return [] }
        let sessions = starts.keys.map { String($0.rawValue) }.joined(separator: ",")
        return try ReviewItem.fetchAll(
            db,
            sql: """
                SELECT u.id, u.sessionId, u.identityKey, u.displayName, u.email, u.minutes, u.reason, u.candidates,
                       u.lines, u.status, u.personId
                FROM retention_unmatched u WHERE u.sessionId IN (\(sessions))
                \(condition)
                """
        ).sorted { (starts[$0.sessionId]!, $0.id) < (starts[$1.sessionId]!, $1.id) }
    }

    /// Resolves item `id` of `organization` (or of one of its members, for a network); linking or creating also
    /// records the attendance the row showed. A link names a person `scope` (the acting caller's) can see: anyone
    /// else answers exactly like a person that does not exist (``AccessError/notFound(entity:id:)``).
    @discardableResult
    static func resolve(
        _ id: Int64, of organization: Organization.ID, decision: ReviewDecision, settings: RetentionSettings,
        scope: Scope, in transaction: WriteTransaction
    ) throws -> ReviewItem {
        let db = transaction.db
        guard let item = try Self.item(id, of: organization, scope: scope, in: db)
        else { throw KernelError.notFound(entity: "review item", reference: "\(id)") }
        guard item.status == "open" else {
            throw KernelError.invalidField(
                field: "item",
                reason: FieldReason(
                    "review item {item} is already {status}", ["item": "\(id)", "status": "\(item.status)"]))
        }
        // Links and new people belong to the organization that runs the series (a network may act for a member).
        let (session, owner) = try SeriesOwnership.session(item.sessionId, coveredBy: organization, in: db)
        // A facilitator resolves the rows of their own sessions: linking to someone they can see, or ignoring.
        // Creating a person, and a link remembered for the whole organization, stay with its administrators.
        let administers = scope.access.administered.contains(owner)
        if case .create = decision, !administers {
            throw AccessError.forbidden(
                "Only an administrator creates people; link the row to one of the candidates, or ignore it.")
        }
        var person: Person.ID?
        switch decision {
        case .ignore:
            break
        case let .link(target):
            person = try scope.one(scope.people(), id: target.rawValue, entity: "person", in: db).id
        case let .create(email):
            if let problem = FieldRules.emailProblem(email) {
                throw KernelError.invalidField(field: "email", reason: FieldReason(field: problem))
            }
            if try PeopleMatching.emailInUse(FieldRules.emailKey(email), in: db) {
                throw KernelError.invalidField(
                    field: "email",
                    reason: FieldReason("belongs to a person already; link the item to that person instead"))
            }
            // The export's name, which the kernel's rules for a person's name apply to as to any other.
            let name = IdentityKey.displayName(item.displayName)
            guard FieldRules.nameProblem(name) == nil else {
                throw KernelError.invalidField(
                    field: "item",
                    reason: FieldReason(
                        "the export gives this row no name a person can have (it is empty, longer than 500 "
                            + "characters or holds control characters): link the row to a person, or ignore it"))
            }
            person = try transaction.save(
                Person(
                    organizationId: owner, displayName: name, email: email,
                    createdAt: transaction.now, updatedAt: transaction.now)
            ).id
        }
        if administers {
            try db.execute(
                sql: """
                    INSERT INTO retention_alias (organizationId, identityKey, personId, createdAt) VALUES (?, ?, ?, ?)
                    ON CONFLICT (organizationId, identityKey) DO UPDATE SET personId = excluded.personId
                    """, arguments: [owner, item.identityKey, person, transaction.now])
        }
        if let person {
            let held = try SeriesParticipation.roles(in: session.seriesId, in: db)[person] ?? []
            if held.isEmpty {
                guard !settings.walkInChannel.isEmpty else {
                    throw KernelError.notEnrolled(person, session.seriesId)
                }
                try transaction.enrol(
                    person, in: session.seriesId, at: min(session.startsAt, transaction.now),
                    channel: settings.walkInChannel)
            }
            if held.isEmpty || held.contains(.participant) {
                try recordMerged(item, of: person, at: session, settings: settings, in: transaction)
            }
        }
        let status =
            switch decision {
            case .ignore: "ignored"
            case .link: "linked"
            case .create: "created"
            }
        try db.execute(
            sql: """
                UPDATE retention_unmatched SET status = ?, personId = ?, resolvedAt = ?, resolvedBy = ?, updatedAt = ?
                WHERE id = ?
                """, arguments: [status, person, transaction.now, "\(transaction.actor)", transaction.now, id])
        return try Self.item(id, of: organization, scope: scope, in: db)!
    }

    /// The open items with the same identity as resolved item `id` in the other sessions of its series (the rows
    /// of the same name or address in the series' other exports), with the person the item was resolved to; empty
    /// when the item was ignored or nothing else is open.
    static func sameIdentityInSeries(
        as id: Int64, of organization: Organization.ID, scope: Scope, in db: Database
    ) throws -> (person: Person.ID, items: [ReviewItem])? {
        guard let resolved = try item(id, of: organization, scope: scope, in: db), let person = resolved.personId,
            let session = try scope.sessions().filter(key: resolved.sessionId).fetchOne(db)
        else { return nil }
        let seriesSessions = Set(
            try scope.sessions().filter(Column("seriesId") == session.seriesId).fetchAll(db).compactMap(\.id))
        let items = try items(of: organization, includeResolved: false, scope: scope, in: db).filter {
            $0.identityKey == resolved.identityKey && $0.sessionId != resolved.sessionId
                && seriesSessions.contains($0.sessionId)
        }
        return items.isEmpty ? nil : (person, items)
    }

    /// Records the item's visit as `person`'s, added to what is recorded already: the intervals of both are merged
    /// (an overlap counts once), so a person present with 50 minutes stays present when a 10-minute row of theirs
    /// is found. A record without stored intervals (entered by hand, loaded, or imported before visits were kept)
    /// counts as its minutes, and the larger of the two is kept: never less than was recorded. A present record
    /// stays present.
    private static func recordMerged(
        _ item: ReviewItem, of person: Person.ID, at session: Session, settings: RetentionSettings,
        in transaction: WriteTransaction
    ) throws {
        let db = transaction.db
        let itemVisit =
            TimeInMeeting(
                stored: try String.fetchOne(
                    db, sql: "SELECT visit FROM retention_unmatched WHERE id = ?", arguments: [item.id]))
            ?? TimeInMeeting(untimedSeconds: Double(item.minutes * 60))
        let existing = try SeriesParticipation.attendance(at: session.id!, in: db)[person]
        var visit = itemVisit
        var seconds = itemVisit.seconds
        if let existing {
            if existing.source == .import, let stored = try Visits.visit(of: person, at: session.id!, in: db) {
                visit = stored.merged(with: itemVisit)
                seconds = visit.seconds
            } else {
                seconds = max(seconds, Double(existing.minutes * 60))
                visit = seconds > itemVisit.seconds ? TimeInMeeting(untimedSeconds: seconds) : itemVisit
            }
        }
        let threshold = AttendanceImporter.thresholdSeconds(of: session, settings: settings)
        let present = seconds >= threshold || existing?.status == .present
        try transaction.recordAttendance(
            of: person, at: session.id!, status: present ? .present : .absent,
            minutes: min(1440, Int((seconds / 60).rounded())), source: .import)
        try Visits.record(visit, of: person, at: session.id!, in: db)
    }
}
