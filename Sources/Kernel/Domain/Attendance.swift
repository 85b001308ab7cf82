public import Foundation
public import GRDB

/// Whether, and how long, a person attended a live session.
public struct Attendance: Codable, Sendable, Equatable {
    public typealias ID = Identifier<Attendance>

    /// What was recorded for the person.
    public enum Status: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
        case present, absent, excused
    }

    /// Where the record came from.
    public enum Source: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
        case manual, `import`
    }

    public var id: ID?
    public var sessionId: Session.ID
    public var personId: Person.ID
    public var status: Status
    /// Whole minutes attended.
    public var minutes: Int
    public var source: Source
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates an attendance record that is not stored yet.
    public init(
        id: ID? = nil, sessionId: Session.ID, personId: Person.ID, status: Status, minutes: Int = 0,
        source: Source = .manual, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.sessionId = sessionId
        self.personId = personId
        self.status = status
        self.minutes = minutes
        self.source = source
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension Attendance: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "attendance"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = ID(inserted.rowID)
    }
}
