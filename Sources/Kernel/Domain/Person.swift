public import Foundation
public import GRDB

/// Someone who takes part in a network's activities.
///
/// Gender and other attributes are self-described, optional, and stored only with the person's recorded consent.
/// They are personal data: they never appear in logs or error messages (use the id).
public struct Person: Codable, Sendable, Equatable {
    public typealias ID = Identifier<Person>

    public var id: ID?
    /// The organization that registered this person.
    public var organizationId: Organization.ID
    public var displayName: String
    public var email: String
    /// The e-mail folded for uniqueness (see ``FieldRules/emailKey(_:)``).
    public var emailKey: String
    /// Self-described gender, in the person's own words.
    public var gender: String?
    /// Other self-identified attributes (for example `ageBand`).
    public var attributes: [String: String]
    /// Whether the person agreed that gender and attributes be stored.
    public var consent: Bool
    public var createdAt: Date
    public var updatedAt: Date
    /// When the person was erased at their request: name and address are gone, only figures remain.
    public var erasedAt: Date?
    /// The code of the language they asked for (e-mails, certificates, their own pages), if they chose one.
    public var preferredLanguage: String?

    /// The shipped language they chose, if any.
    public var language: Language? { preferredLanguage.flatMap { Language(tag: $0) } }

    /// Creates a person that is not stored yet.
    public init(
        id: ID? = nil, organizationId: Organization.ID, displayName: String, email: String, gender: String? = nil,
        attributes: [String: String] = [:], consent: Bool = false, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.organizationId = organizationId
        self.displayName = displayName
        self.email = email
        self.emailKey = FieldRules.emailKey(email)
        self.gender = gender
        self.attributes = attributes
        self.consent = consent
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension Person: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "person"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = ID(inserted.rowID)
    }
}
