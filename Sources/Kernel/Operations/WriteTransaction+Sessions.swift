public import Foundation
import GRDB

/// Adding, changing, rescheduling and cancelling sessions, with their revision and events.
extension WriteTransaction {
    /// Inserts or updates a session matched by slug within its series.
    ///
    /// A change of start, end, join URL or status bumps `revision`. Raises ``SessionScheduled`` for a new session,
    /// ``SessionCancelled`` when it becomes cancelled, and ``SessionChanged`` for any other change.
    /// - Throws: ``KernelError/invalidField(field:reason:)`` when it ends before it starts.
    @discardableResult
    public func save(_ draft: Session) throws -> Session {
        guard draft.endsAt > draft.startsAt else {
            throw KernelError.invalidField(field: "ends", reason: FieldReason("must be after the start"))
        }
        var draft = draft
        draft.description = Session.normalizedDescription(draft.description)
        if let problem = Session.descriptionProblem(draft.description) {
            throw KernelError.invalidField(field: "description", reason: FieldReason(field: problem))
        }
        let existing = try Session.filter(Column("seriesId") == draft.seriesId && Column("slug") == draft.slug)
            .fetchOne(db)
        draft.revision = existing?.revision ?? 1
        if let existing, Self.isSignificantChange(from: existing, to: draft) {
            draft.revision = existing.revision + 1
        }
        let saved = try upsert(draft, existing: existing)
        guard saved != existing, let id = saved.id else { return saved }
        let organization = try organizationId(ofSeries: saved.seriesId)
        try auditSession(from: existing, to: saved, organization: organization)
        if existing == nil {
            try events.emit(SessionScheduled(organizationId: organization, seriesId: saved.seriesId, sessionId: id))
        } else if saved.status == .cancelled, existing?.status != .cancelled {
            try events.emit(
                SessionCancelled(
                    organizationId: organization, seriesId: saved.seriesId, sessionId: id, revision: saved.revision))
        } else {
            let rescheduled = existing?.startsAt != saved.startsAt || existing?.endsAt != saved.endsAt
            try events.emit(
                SessionChanged(
                    organizationId: organization, seriesId: saved.seriesId, sessionId: id, revision: saved.revision,
                    rescheduled: rescheduled))
        }
        return saved
    }

    /// Moves a session to a new start and end (and, optionally, planning zone).
    @discardableResult
    public func reschedule(
        _ session: Session.ID, startsAt: Date, endsAt: Date, timeZone: String? = nil
    ) throws -> Session {
        var session = try fetchSession(session)
        session.startsAt = startsAt
        session.endsAt = endsAt
        session.status = .scheduled
        if let timeZone { session.timeZone = timeZone }
        return try save(session)
    }

    /// Cancels a session; it stays in the series, with status `cancelled`.
    @discardableResult
    public func cancel(_ session: Session.ID) throws -> Session {
        var session = try fetchSession(session)
        session.status = .cancelled
        return try save(session)
    }

    /// The session with `id`.
    public func fetchSession(_ id: Session.ID) throws -> Session {
        guard let session = try Session.fetchOne(db, key: id) else {
            throw KernelError.notFound(entity: "session", reference: "\(id)")
        }
        return session
    }

    /// Audits a saved session: `session.created`, `session.cancelled`, `session.rescheduled` (its times moved) or
    /// `session.updated`, with the series and the changed fields.
    private func auditSession(from existing: Session?, to saved: Session, organization: Organization.ID) throws {
        var detail = existing.map { Self.changedFields(from: $0, to: saved) } ?? [:]
        detail["seriesId"] = .integer(saved.seriesId.rawValue)
        let action =
            if let existing {
                if saved.status == .cancelled, existing.status != .cancelled {
                    "session.cancelled"
                } else if existing.startsAt != saved.startsAt || existing.endsAt != saved.endsAt {
                    "session.rescheduled"
                } else {
                    "session.updated"
                }
            } else {
                "session.created"
            }
        try auditChange(action, organization: organization, subject: .session(saved.id!), detail: detail)
    }

    static func isSignificantChange(from old: Session, to new: Session) -> Bool {
        old.startsAt != new.startsAt || old.endsAt != new.endsAt || old.joinURL != new.joinURL
            || old.status != new.status
    }
}
