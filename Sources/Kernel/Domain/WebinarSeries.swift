public import Foundation
public import GRDB

/// A webinar series: an ordered set of sessions that participants enrol in together.
///
/// Its facilitators are the people holding the ``SeriesRole/Role/facilitator`` role in it.
public struct WebinarSeries: Codable, Sendable, Equatable {
    public typealias ID = Identifier<WebinarSeries>

    /// Where a series stands in its life.
    public enum Status: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
        case draft, published, completed, cancelled
    }

    public var id: ID?
    public var programmeId: Programme.ID
    /// Unique within the programme.
    public var slug: String
    public var title: String
    public var summary: String
    /// What the series sets out to achieve, in order.
    public var objectives: [String]
    public var status: Status
    /// IANA time zone the series is planned in; sessions default to it.
    public var timeZone: String
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a series that is not stored yet.
    public init(
        id: ID? = nil, programmeId: Programme.ID, slug: String, title: String, summary: String = "",
        objectives: [String] = [], status: Status = .draft, timeZone: String, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.programmeId = programmeId
        self.slug = slug
        self.title = title
        self.summary = summary
        self.objectives = objectives
        self.status = status
        self.timeZone = timeZone
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension WebinarSeries: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "webinarSeries"

    /// Reads a row column by column, like ``Session/init(row:)``: a network's feed reads hundreds of series, and the
    /// Codable path (a JSON decoder made per row for the objectives) was a fifth of rendering it.
    public init(row: Row) throws {
        id = row["id"]
        programmeId = row["programmeId"]
        slug = row["slug"]
        title = row["title"]
        summary = row["summary"]
        objectives = Self.objectives(fromJSON: row["objectives"])
        status = row["status"]
        timeZone = row["timeZone"]
        createdAt = row["createdAt"]
        updatedAt = row["updatedAt"]
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = ID(inserted.rowID)
    }

    /// The objectives column's JSON array of strings, read cheaply (many series have none).
    static func objectives(fromJSON json: String) -> [String] {
        json == "[]" ? [] : (try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]) ?? []
    }
}
