public import Foundation
public import GRDB

/// A participant's submission for an offline-exercise session.
public struct ExerciseSubmission: Codable, Sendable, Equatable {
    public typealias ID = Identifier<ExerciseSubmission>

    public var id: ID?
    public var sessionId: Session.ID
    public var personId: Person.ID
    public var submittedAt: Date
    /// Where the work can be seen.
    public var link: String?
    public var note: String?
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a submission that is not stored yet.
    public init(
        id: ID? = nil, sessionId: Session.ID, personId: Person.ID, submittedAt: Date, link: String? = nil,
        note: String? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.sessionId = sessionId
        self.personId = personId
        self.submittedAt = submittedAt
        self.link = link
        self.note = note
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension ExerciseSubmission: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "exerciseSubmission"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = ID(inserted.rowID)
    }
}
