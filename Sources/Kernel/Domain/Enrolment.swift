public import Foundation
public import GRDB

/// A person's enrolment in a webinar series.
public struct Enrolment: Codable, Sendable, Equatable {
    public typealias ID = Identifier<Enrolment>

    public var id: ID?
    public var seriesId: WebinarSeries.ID
    public var personId: Person.ID
    public var enrolledAt: Date
    /// How the person heard of the series: a free text code such as `newsletter` or `partner-org`.
    public var channel: String
    public var createdAt: Date
    public var updatedAt: Date
    /// When the participant withdrew (unenrolled themselves); the enrolment stays, so figures keep counting it.
    public var withdrawnAt: Date?
    /// Why they withdrew, in their words, when they said.
    public var withdrawalReason: String?

    /// Creates an enrolment that is not stored yet.
    public init(
        id: ID? = nil, seriesId: WebinarSeries.ID, personId: Person.ID, enrolledAt: Date, channel: String,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.seriesId = seriesId
        self.personId = personId
        self.enrolledAt = enrolledAt
        self.channel = channel
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension Enrolment: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "enrolment"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = ID(inserted.rowID)
    }
}
