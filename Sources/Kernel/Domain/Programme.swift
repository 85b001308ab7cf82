public import Foundation
public import GRDB

/// A programme of an organization: a named group of webinar series.
public struct Programme: Codable, Sendable, Equatable {
    public typealias ID = Identifier<Programme>

    public var id: ID?
    public var organizationId: Organization.ID
    /// Unique within the organization.
    public var slug: String
    public var title: String
    public var summary: String
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a programme that is not stored yet.
    public init(
        id: ID? = nil, organizationId: Organization.ID, slug: String, title: String, summary: String = "",
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.organizationId = organizationId
        self.slug = slug
        self.title = title
        self.summary = summary
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension Programme: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "programme"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = ID(inserted.rowID)
    }
}
