public import Foundation
public import GRDB

/// An API token: a random secret shown once, stored only as its SHA-256 hash.
///
/// Tokens carry a role for one organization (and, for facilitators, the person they act as), may expire, and can be
/// revoked. The secret has 256 random bits, so a fast hash is enough: nothing can be guessed from the stored hash.
public struct ApiToken: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public typealias ID = Identifier<ApiToken>
    public static let databaseTableName = "apiToken"
    /// Every token starts with this, so leaked tokens are easy to recognise in code and logs.
    public static let prefix = "indaba_"

    public var id: ID?
    public var secretHash: String
    public var role: AccessRole
    public var organizationId: Organization.ID
    public var personId: Person.ID?
    public var label: String
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = ID(inserted.rowID)
    }

    /// Whether the token may be used at `now`.
    public func isUsable(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { now < $0 } ?? true)
    }

    /// The stored form of a secret.
    public static func hash(_ secret: String) -> String {
        Digest.sha256Hex(secret)
    }

    /// A new random secret: the prefix and 32 random bytes in base64url.
    public static func newSecret() -> String {
        prefix + SecretToken.make()
    }
}

/// Creating and revoking tokens.
extension WriteTransaction {
    /// Creates a token and returns it with its secret, which is not stored and cannot be shown again.
    /// - Throws: ``KernelError/invalidField(field:reason:)`` when the role does not fit the organization or person.
    public func createToken(
        role: AccessRole, organization: Organization.ID, person: Person.ID? = nil, label: String = "",
        expiresAt: Date? = nil
    ) throws -> (token: ApiToken, secret: String) {
        try checkGrant(role: role, organization: organization, person: person)
        if let expiresAt, expiresAt <= now {
            throw KernelError.invalidField(field: "--expires", reason: FieldReason("must be in the future"))
        }
        let secret = ApiToken.newSecret()
        var token = ApiToken(
            secretHash: ApiToken.hash(secret), role: role, organizationId: organization, personId: person,
            label: label, createdAt: now, expiresAt: expiresAt, revokedAt: nil)
        try token.insert(db)
        var detail: [String: JSONValue] = ["role": .string(role.rawValue)]
        if let person { detail["personId"] = .integer(person.rawValue) }
        try auditChange("token.created", organization: organization, subject: .token(token.id!), detail: detail)
        return (token, secret)
    }

    /// Revokes a token; it stops working at once. Revoking twice keeps the first revocation time.
    @discardableResult
    public func revokeToken(_ id: ApiToken.ID) throws -> ApiToken {
        guard var token = try ApiToken.fetchOne(db, key: id) else {
            throw KernelError.notFound(entity: "token", reference: "\(id)")
        }
        if token.revokedAt == nil {
            token.revokedAt = now
            try token.update(db)
            try auditChange("token.revoked", organization: token.organizationId, subject: .token(id))
        }
        return token
    }

    /// Checks that `role` fits the organization (a network for a coordinator) and the person (a facilitator's own).
    /// - Throws: ``KernelError/invalidField(field:reason:)`` or ``KernelError/notFound(entity:reference:)``.
    func checkGrant(role: AccessRole, organization: Organization.ID, person: Person.ID?) throws {
        guard let organizationRecord = try Organization.fetchOne(db, key: organization) else {
            throw KernelError.notFound(entity: "org", reference: "\(organization)")
        }
        switch role {
        case .networkCoordinator where !organizationRecord.isNetwork:
            throw KernelError.invalidField(
                field: "--org",
                reason: FieldReason("must be a network for the networkCoordinator role; give the network's slug"))
        case .facilitator where person == nil:
            throw KernelError.invalidField(
                field: "--person", reason: FieldReason("is required for the facilitator role"))
        case .networkCoordinator where person != nil, .organizationAdmin where person != nil:
            throw KernelError.invalidField(
                field: "--person",
                reason: FieldReason(
                    "is only for the facilitator role; leave it out for {role}", ["role": role.rawValue]))
        default:
            break
        }
        if let person, try Person.fetchOne(db, key: person) == nil {
            throw KernelError.notFound(entity: "person", reference: "\(person)")
        }
    }
}
