public import Foundation
public import GRDB

/// The part a person plays in a webinar series.
public struct SeriesRole: Codable, Sendable, Equatable {
    public typealias ID = Identifier<SeriesRole>

    /// A role in a series; a person may hold several.
    public enum Role: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
        case facilitator, guestSpeaker, participant
    }

    public var id: ID?
    public var seriesId: WebinarSeries.ID
    public var personId: Person.ID
    public var role: Role
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a role that is not stored yet.
    public init(
        id: ID? = nil, seriesId: WebinarSeries.ID, personId: Person.ID, role: Role, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.seriesId = seriesId
        self.personId = personId
        self.role = role
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension SeriesRole: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "seriesRole"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = ID(inserted.rowID)
    }
}
