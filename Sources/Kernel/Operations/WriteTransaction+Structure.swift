public import Foundation
public import GRDB

/// Saving organizations, programmes, series and people: insert when new, update only what changed.
///
/// Each `save` matches an existing record by its natural key (slug within parent, or e-mail), so saving the same
/// draft twice changes nothing, not even `updatedAt`.
extension WriteTransaction {
    /// Inserts or updates an organization matched by slug within its parent.
    @discardableResult
    public func save(_ draft: Organization) throws -> Organization {
        let existing: Organization? =
            if let parentId = draft.parentId {
                try Organization.filter(Column("parentId") == parentId && Column("slug") == draft.slug).fetchOne(db)
            } else {
                try Organization.filter(Column("parentId") == nil && Column("slug") == draft.slug).fetchOne(db)
            }
        let saved = try upsert(draft, existing: existing)
        try auditSave(
            "organization", existing: existing, saved: saved, organization: saved.id!, subject: .organization(saved.id!)
        )
        return saved
    }

    /// Inserts or updates a programme matched by slug within its organization.
    @discardableResult
    public func save(_ draft: Programme) throws -> Programme {
        let existing = try Programme.filter(
            Column("organizationId") == draft.organizationId && Column("slug") == draft.slug
        ).fetchOne(db)
        let saved = try upsert(draft, existing: existing)
        try auditSave(
            "programme", existing: existing, saved: saved, organization: saved.organizationId,
            subject: .programme(saved.id!))
        return saved
    }

    /// Inserts or updates a series matched by slug within its programme; raises ``SeriesChanged`` when an existing
    /// series changes and ``SeriesCompleted`` when its status becomes `completed`.
    @discardableResult
    public func save(_ draft: WebinarSeries) throws -> WebinarSeries {
        let existing = try WebinarSeries.filter(
            Column("programmeId") == draft.programmeId && Column("slug") == draft.slug
        ).fetchOne(db)
        let saved = try upsert(draft, existing: existing)
        guard let id = saved.id, saved != existing else { return saved }
        let organization = try organizationId(ofSeries: id)
        try auditSeries(from: existing, to: saved, organization: organization)
        if let existing, (existing.status == .cancelled) != (saved.status == .cancelled) {
            // Every session of the series is now off (or on again): for calendars that is a change of each
            // session's status, so each session's revision goes up.
            try db.execute(
                sql: "UPDATE session SET revision = revision + 1, updatedAt = ? WHERE seriesId = ?",
                arguments: [now, id])
        }
        if existing != nil { try events.emit(SeriesChanged(organizationId: organization, seriesId: id)) }
        if saved.status == .completed, existing?.status != .completed {
            try events.emit(SeriesCompleted(organizationId: organization, seriesId: id))
        }
        return saved
    }

    /// Inserts or updates a person matched by e-mail (case-insensitive).
    ///
    /// Gender and attributes are kept only with consent: withdrawing consent erases them. Name and e-mail are
    /// stored in NFC; a name with control characters or bidi overrides, or an e-mail with invisible characters, is
    /// refused here, whichever surface sent it.
    /// - Throws: ``KernelError/invalidField(field:reason:)`` naming `name` or `email`.
    @discardableResult
    public func save(_ draft: Person) throws -> Person {
        var draft = draft
        draft.displayName = FieldRules.normalized(draft.displayName)
        draft.email = FieldRules.normalized(draft.email)
        if let problem = FieldRules.nameCharacterProblem(draft.displayName) {
            throw KernelError.invalidField(field: "name", reason: FieldReason(field: problem))
        }
        if let problem = FieldRules.emailCharacterProblem(draft.email) {
            throw KernelError.invalidField(field: "email", reason: FieldReason(field: problem))
        }
        draft.emailKey = FieldRules.emailKey(draft.email)
        if !draft.consent {
            draft.gender = nil
            draft.attributes = [:]
        }
        let existing = try Person.filter(Column("emailKey") == draft.emailKey).fetchOne(db)
        draft.erasedAt = existing?.erasedAt
        let saved = try upsert(draft, existing: existing)
        try auditSave(
            "person", existing: existing, saved: saved, organization: saved.organizationId, subject: .person(saved.id!))
        if let existing, existing.gender != saved.gender || existing.consent != saved.consent {
            try events.emit(
                PersonSelfDescriptionChanged(
                    organizationId: saved.organizationId, personId: saved.id!, previousGender: existing.gender,
                    gender: saved.gender, consent: saved.consent))
        }
        return saved
    }

    /// Gives `person` a role in `series` unless they already hold it.
    public func grant(_ role: SeriesRole.Role, to person: Person.ID, in series: WebinarSeries.ID) throws {
        let exists =
            try SeriesRole.filter(
                Column("seriesId") == series && Column("personId") == person && Column("role") == role
            ).fetchCount(db) > 0
        if !exists {
            var record = SeriesRole(seriesId: series, personId: person, role: role, createdAt: now, updatedAt: now)
            try record.insert(db)
            // A participant's place comes with their enrolment, which has its own line.
            if role != .participant {
                try auditChange(
                    "role.granted", organization: try organizationId(ofSeries: series), subject: .person(person),
                    detail: ["seriesId": .integer(series.rawValue), "role": .string(role.rawValue)])
            }
        }
    }

    /// Audits a saved record: `kind.created` when it is new, `kind.updated` with the changed fields when it changed.
    func auditSave<R: Encodable & Equatable>(
        _ kind: String, existing: R?, saved: R, organization: Organization.ID, subject: AuditSubject
    ) throws {
        if let existing {
            guard existing != saved else { return }
            try auditChange(
                "\(kind).updated", organization: organization, subject: subject,
                detail: Self.changedFields(from: existing, to: saved))
        } else {
            try auditChange("\(kind).created", organization: organization, subject: subject)
        }
    }

    /// Audits a saved series: a change of status is named by what it became (`series.published`,
    /// `series.cancelled`, `series.completed`), any other change is `series.updated`.
    private func auditSeries(from existing: WebinarSeries?, to saved: WebinarSeries, organization: Organization.ID)
        throws
    {
        let subject = AuditSubject.series(saved.id!)
        guard let existing else {
            try auditChange(
                "series.created", organization: organization, subject: subject,
                detail: ["programmeId": .integer(saved.programmeId.rawValue), "status": .string(saved.status.rawValue)])
            return
        }
        var detail = Self.changedFields(from: existing, to: saved)
        guard existing.status != saved.status else {
            try auditChange("series.updated", organization: organization, subject: subject, detail: detail)
            return
        }
        detail["previousStatus"] = .string(existing.status.rawValue)
        let action =
            switch saved.status {
            case .draft: "series.unpublished"
            case .published: existing.status == .draft ? "series.published" : "series.reopened"
            case .completed: "series.completed"
            case .cancelled: "series.cancelled"
            }
        try auditChange(action, organization: organization, subject: subject, detail: detail)
    }

    /// The organization that owns `series` (through its programme).
    public func organizationId(ofSeries series: WebinarSeries.ID) throws -> Organization.ID {
        try SeriesOwnership.owner(ofSeries: series, in: db)
    }

    /// The position a session added to `series` takes: after its last one.
    public func nextSessionPosition(in series: WebinarSeries.ID) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT coalesce(max(position), 0) + 1 FROM session WHERE seriesId = ?", arguments: [series]) ?? 1
    }

    /// Inserts `draft`, or updates `existing` to match it when they differ (keeping its id and `createdAt`).
    func upsert<R: TimestampedRecord>(_ draft: R, existing: R?) throws -> R {
        guard var existing else {
            var record = draft
            record.createdAt = now
            record.updatedAt = now
            try record.insert(db)
            return record
        }
        var updated = draft
        updated.id = existing.id
        updated.createdAt = existing.createdAt
        updated.updatedAt = existing.updatedAt
        guard updated != existing else { return existing }
        updated.updatedAt = now
        try updated.update(db)
        existing = updated
        return existing
    }
}

/// A record with an autoincremented typed id and creation/change times, saved through ``WriteTransaction``.
public protocol TimestampedRecord: MutablePersistableRecord, FetchableRecord, Equatable {
    associatedtype RecordID
    var id: RecordID? { get set }
    var createdAt: Date { get set }
    var updatedAt: Date { get set }
}

extension Organization: TimestampedRecord {}
extension Programme: TimestampedRecord {}
extension WebinarSeries: TimestampedRecord {}
extension Session: TimestampedRecord {}
extension Person: TimestampedRecord {}
extension Enrolment: TimestampedRecord {}
extension Attendance: TimestampedRecord {}
extension ExerciseSubmission: TimestampedRecord {}
