public import Foundation
public import GRDB

/// Which audit lines to read: one organization's, narrowed by who, what, when and about what.
public struct AuditFilter: Sendable, Equatable {
    /// The organization; `nil` for all (the command line, whose operators hold the whole database).
    public var organization: Organization.ID?
    /// Who: an actor as written (`cli:amina`, `token:3`), or a kind of actor ending in `:` (`cli:`, `token:`).
    public var actor: String?
    /// What: an action (`series.created`), or an area without a verb (`series`) for all of its actions.
    public var action: String?
    /// When: from this instant on.
    public var since: Date?
    /// When: before this instant.
    public var until: Date?
    /// About what: an ``AuditSubject`` as text (`person:12`).
    public var subject: String?

    public init(
        organization: Organization.ID?, actor: String? = nil, action: String? = nil, since: Date? = nil,
        until: Date? = nil, subject: String? = nil
    ) {
        self.organization = organization
        self.actor = actor
        self.action = action
        self.since = since
        self.until = until
        self.subject = subject
    }

    /// A `since` or `until` bound from text: an instant (`2026-03-01T08:00:00Z`) or a day (`2026-03-01`, UTC),
    /// which as an `until` bound includes the whole day; `nil` when it is neither.
    public static func bound(_ text: String, endOfDay: Bool) -> Date? {
        if case let .success(date) = TimeFormats.instant(text) { return date }
        guard text.count == 10, case let .success(day) = TimeFormats.instant(text + "T00:00:00Z") else { return nil }
        return endOfDay ? day.addingTimeInterval(86_400) : day
    }

    /// Why a subject filter cannot match anything written (`person:12` is the form), or `nil`.
    public static func subjectProblem(_ text: String) -> String? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy(\.isLetter), Int64(parts[1]) != nil else {
            return "must be a kind and an id, such as person:12 or series:3"
        }
        return nil
    }
}

/// One page of the audit log, newest first.
public struct AuditLogPage: Sendable, Equatable {
    public let entries: [AuditEntry]
    /// The id to pass as `before` for the next (older) page, or `nil` on the last page.
    public let next: AuditEntry.ID?
}

/// Reading the audit log.
public enum AuditLog {
    /// The lines matching `filter`, newest first, `limit` at a time, older than `before` when given.
    public static func page(_ filter: AuditFilter, before: AuditEntry.ID? = nil, limit: Int, in db: Database) throws
        -> AuditLogPage
    {
        var request = AuditEntry.all()
        if let organization = filter.organization { request = request.filter(Column("organizationId") == organization) }
        if let actor = filter.actor {
            request =
                actor.hasSuffix(":")
                ? request.filter(Column("actor").like(Self.likePrefix(actor), escape: "\\"))
                : request.filter(Column("actor") == actor)
        }
        if let action = filter.action {
            request =
                action.contains(".")
                ? request.filter(Column("action") == action)
                : request.filter(Column("action").like(Self.likePrefix(action + "."), escape: "\\"))
        }
        if let since = filter.since { request = request.filter(Column("occurredAt") >= since) }
        if let until = filter.until { request = request.filter(Column("occurredAt") < until) }
        if let subject = filter.subject { request = request.filter(Column("subject") == subject) }
        if let before { request = request.filter(Column("id") < before) }
        let rows = try request.order(Column("id").desc).limit(limit + 1).fetchAll(db)
        let entries = Array(rows.prefix(limit))
        return AuditLogPage(entries: entries, next: rows.count > limit ? entries.last?.id : nil)
    }

    /// The actions and the actors written for `organization`, sorted: the choices of a filter form.
    public static func choices(for organization: Organization.ID, in db: Database) throws
        -> (actions: [String], actors: [String])
    {
        let actions = try String.fetchAll(
            db, sql: "SELECT DISTINCT action FROM auditLog WHERE organizationId = ? ORDER BY action",
            arguments: [organization])
        let actors = try String.fetchAll(
            db, sql: "SELECT DISTINCT actor FROM auditLog WHERE organizationId = ? ORDER BY actor",
            arguments: [organization])
        return (actions, actors)
    }

    /// How each of `actors` reads for people, in `t`'s language: a token by its label and role, a browser session
    /// by its role, the command line by its user (see ``AuditWording/actor(_:token:session:_:)``).
    public static func actorNames(
        _ actors: some Sequence<String>, in db: Database, _ t: Localizer = .english
    ) throws -> [String: String] {
        var names: [String: String] = [:]
        for actor in Set(actors) {
            let id = actor.split(separator: ":", maxSplits: 1).last.flatMap { Int64($0) }
            let token = actor.hasPrefix("token:") ? try id.flatMap { try ApiToken.fetchOne(db, key: $0) } : nil
            let session =
                actor.hasPrefix("session:") ? try id.flatMap { try BrowserSession.fetchOne(db, key: $0) } : nil
            names[actor] = AuditWording.actor(actor, token: token, session: session, t)
        }
        return names
    }

    /// `text` as a LIKE prefix pattern, its own `%` and `_` taken literally.
    private static func likePrefix(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
    }
}
