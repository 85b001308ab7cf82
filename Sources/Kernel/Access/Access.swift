public import Foundation
public import GRDB

/// Who is calling and what they may reach: the result of authenticating a request (a token today; a cookie
/// session of the web interface later resolves to the same value).
public struct Access: Sendable, Equatable {
    /// The caller's role, or `nil` for an anonymous caller.
    public let role: AccessRole?
    /// A label for logs, never personal data: `anonymous` or `token:12`.
    public let principal: String
    /// The organization the credential was issued for.
    public let homeOrganization: Organization.ID?
    /// The network of ``homeOrganization`` (itself when it is a network); `nil` for an anonymous caller.
    public let network: Organization.ID?
    /// The person a facilitator acts as.
    public let person: Person.ID?
    /// Organizations the caller administers: a network and its members for a coordinator, one for an admin.
    public let administered: Set<Organization.ID>
    /// Series the caller facilitates (facilitators only).
    public let facilitated: Set<WebinarSeries.ID>

    /// A caller without credentials: sees published series and their sessions only.
    public static let anonymous = Access(
        role: nil, principal: "anonymous", homeOrganization: nil, network: nil, person: nil, administered: [],
        facilitated: [])

    public var isAuthenticated: Bool { role != nil }

    /// Full access to one organization, for operators on the command line (who hold the database file anyway).
    public static func administrator(of organization: Organization) -> Access {
        Access(
            role: .organizationAdmin, principal: "operator", homeOrganization: organization.id,
            network: organization.parentId ?? organization.id, person: nil,
            administered: organization.id.map { [$0] } ?? [], facilitated: [])
    }

    /// The access a token grants, or `nil` when the secret is unknown, revoked or expired.
    public static func resolve(secret: String, at now: Date, in db: Database) throws -> Access? {
        // Every authenticated request asks this: a cached statement is prepared once per connection, not each time.
        guard
            let token = try ApiToken.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM apiToken WHERE secretHash = ?"),
                arguments: [ApiToken.hash(secret)]),
            token.isUsable(at: now)
        else { return nil }
        return try granted(by: token, in: db)
    }

    /// The access a (usable) token grants.
    public static func granted(by token: ApiToken, in db: Database) throws -> Access {
        try granted(
            role: token.role, organization: token.organizationId, person: token.personId,
            principal: "token:\(token.id!)", in: db)
    }

    /// The access a role in an organization grants (and, for a facilitator, the person they act as): what a token
    /// and a browser session of the same role both resolve to.
    public static func granted(
        role: AccessRole, organization: Organization.ID, person: Person.ID?, principal: String, in db: Database
    ) throws -> Access {
        var administered: Set<Organization.ID> = []
        var facilitated: Set<WebinarSeries.ID> = []
        switch role {
        case .networkCoordinator:
            administered = Set(try SeriesOwnership.organizations(coveredBy: organization, in: db))
        case .organizationAdmin:
            administered = [organization]
        case .facilitator:
            // The series the person facilitates among those of the organization (and its members).
            let series = try WebinarSeries.ID.fetchAll(
                db,
                sql: """
                    SELECT r.seriesId FROM seriesRole r
                    JOIN webinarSeries s ON s.id = r.seriesId
                    JOIN programme p ON p.id = s.programmeId
                    JOIN organization o ON o.id = p.organizationId
                    WHERE r.personId = :person AND r.role = 'facilitator' AND (o.id = :org OR o.parentId = :org)
                    """,
                arguments: ["person": person, "org": organization])
            facilitated = Set(series)
        }
        return Access(
            role: role, principal: principal, homeOrganization: organization,
            network: try OrganizationTree.network(of: organization, in: db) ?? organization, person: person,
            administered: administered, facilitated: facilitated)
    }
}

/// Why a request may not do what it asked. Maps to 401, 403 and 404.
public enum AccessError: Error, Equatable, CustomStringConvertible {
    /// No valid credentials, where credentials are needed.
    case unauthenticated
    /// The credentials do not allow this (on something the caller can see).
    case forbidden(String)
    /// Not there, or not visible to the caller: the two are indistinguishable on purpose.
    case notFound(entity: String, id: Int64)

    public var description: String {
        switch self {
        case .unauthenticated:
            "Authentication is required; send an API token as 'Authorization: Bearer …' (see `indaba token create`)."
        case let .forbidden(reason):
            reason
        case let .notFound(entity, id):
            "No \(entity) with id \(id) exists here."
        }
    }
}
