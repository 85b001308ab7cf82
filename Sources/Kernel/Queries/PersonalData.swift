public import Foundation
public import GRDB

/// Everything the kernel keeps about one person, for their "download my data" (the right of access under POPIA,
/// NDPR, the Kenyan DPA and GDPR). Plugins add what they keep beside it.
public struct PersonalData: Codable, Sendable {
    public struct Details: Codable, Sendable {
        public let id: Int64
        public let name: String
        public let email: String
        public let gender: String?
        public let attributes: [String: String]
        public let consentToSelfDescription: Bool
        public let registeredBy: String
        public let createdAt: Date
        public let updatedAt: Date
    }

    public struct SeriesRecord: Codable, Sendable {
        public let series: String
        public let organization: String
        public let roles: [String]
        public let enrolledAt: Date?
        public let channel: String?
        public let withdrawnAt: Date?
        public let withdrawalReason: String?
        public let sessions: [SessionRecord]
    }

    public struct SessionRecord: Codable, Sendable {
        public let title: String
        public let startsAt: Date
        public let attendance: String?
        public let minutes: Int?
        public let handedInAt: Date?
        public let handInLink: String?
        public let handInNote: String?
    }

    public struct Messaging: Codable, Sendable {
        public let timeZone: String?
        public let remindersStoppedAt: Date?
        public let messages: [Message]
    }

    public struct Message: Codable, Sendable {
        public let kind: String
        public let subject: String
        public let queuedAt: Date
        public let sentAt: Date?
        public let state: String
    }

    public struct Change: Codable, Sendable {
        public let occurredAt: Date
        public let action: String
        public let actor: String
    }

    public let exportedAt: Date
    public let person: Details
    public let series: [SeriesRecord]
    public let messaging: Messaging
    /// Changes to the person's record in the audit log.
    public let changes: [Change]
    /// What each enabled plugin keeps about the person, by plugin id.
    public var plugins: [String: JSONValue] = [:]

    /// The kernel's part of a person's data, or `nil` when there is no such person (or they were erased).
    public static func read(_ id: Person.ID, at now: Date, in db: Database) throws -> PersonalData? {
        guard let person = try ParticipantRecord.person(id, in: db) else { return nil }
        let registeredBy = try Organization.fetchOne(db, key: person.organizationId)?.name ?? ""
        let roles = try SeriesRole.filter(Column("personId") == id).fetchAll(db)
        let enrolments = Dictionary(
            try Enrolment.filter(Column("personId") == id).fetchAll(db).map { ($0.seriesId, $0) },
            uniquingKeysWith: { first, _ in first })
        let attendance = Dictionary(
            try Attendance.filter(Column("personId") == id).fetchAll(db).map { ($0.sessionId, $0) },
            uniquingKeysWith: { first, _ in first })
        let submissions = Dictionary(
            try ExerciseSubmission.filter(Column("personId") == id).fetchAll(db).map { ($0.sessionId, $0) },
            uniquingKeysWith: { first, _ in first })
        var series: [SeriesRecord] = []
        for seriesId in Set(roles.map(\.seriesId)).union(enrolments.keys).sorted(by: { $0.rawValue < $1.rawValue }) {
            guard let record = try WebinarSeries.fetchOne(db, key: seriesId),
                let owner = try ScheduleQueries.organizations(running: seriesId, in: db),
                let organization = try Organization.fetchOne(db, key: owner.organization)
            else { continue }
            let sessions = try Session.filter(Column("seriesId") == seriesId).order(Column("position")).fetchAll(db)
            let enrolment = enrolments[seriesId]
            series.append(
                SeriesRecord(
                    series: record.title, organization: organization.name,
                    roles: roles.filter { $0.seriesId == seriesId }.map(\.role.rawValue).sorted(),
                    enrolledAt: enrolment?.enrolledAt, channel: enrolment?.channel,
                    withdrawnAt: enrolment?.withdrawnAt, withdrawalReason: enrolment?.withdrawalReason,
                    sessions: sessions.compactMap { session in
                        let present = attendance[session.id!]
                        let handIn = submissions[session.id!]
                        guard present != nil || handIn != nil else { return nil }
                        return SessionRecord(
                            title: session.title, startsAt: session.startsAt, attendance: present?.status.rawValue,
                            minutes: present?.minutes, handedInAt: handIn?.submittedAt, handInLink: handIn?.link,
                            handInNote: handIn?.note)
                    }))
        }
        let recipient = try MessageRecipient.fetchOne(db, key: id)
        let messages = try OutboxMessage.filter(Column("personId") == id).order(Column("id")).fetchAll(db).map {
            Message(
                kind: $0.kind, subject: $0.subject, queuedAt: $0.createdAt, sentAt: $0.sentAt, state: $0.state.rawValue)
        }
        let changes = try AuditEntry.filter(Column("subject") == AuditSubject.person(id).description)
            .order(Column("occurredAt"), Column("id")).fetchAll(db)
            .map { Change(occurredAt: $0.occurredAt, action: $0.action, actor: $0.actor) }
        return PersonalData(
            exportedAt: now,
            person: Details(
                id: id.rawValue, name: person.displayName, email: person.email, gender: person.gender,
                attributes: person.attributes, consentToSelfDescription: person.consent, registeredBy: registeredBy,
                createdAt: person.createdAt, updatedAt: person.updatedAt),
            series: series,
            messaging: Messaging(
                timeZone: recipient?.timeZone, remindersStoppedAt: recipient?.remindersStoppedAt, messages: messages),
            changes: changes)
    }
}
