public import Foundation
public import GRDB

/// Something a participant or guest said about a series, recorded by its staff for the report.
///
/// A quote appears in reports only with `consent`: the person quoted agreed to it being shown.
public struct Quote: Codable, Sendable, Equatable {
    public typealias ID = Identifier<Quote>

    public var id: ID?
    public var seriesId: WebinarSeries.ID
    /// The words, as said or written; unique within the series.
    public var text: String
    /// Who said it, as they agreed to be named (`A participant from Harare`); `nil` for no attribution.
    public var attribution: String?
    /// Whether the person quoted agreed that the quote be shown in reports.
    public var consent: Bool
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a quote that is not stored yet.
    public init(
        id: ID? = nil, seriesId: WebinarSeries.ID, text: String, attribution: String? = nil, consent: Bool = false,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.seriesId = seriesId
        self.text = text
        self.attribution = attribution
        self.consent = consent
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension Quote: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "quote"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = ID(inserted.rowID)
    }
}
