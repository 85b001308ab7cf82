public import Foundation
public import GRDB

/// One session of a webinar series: a live meeting, an offline exercise, or a live feedback meeting.
///
/// `revision` starts at 1 and goes up whenever the time, the place (join URL) or the status changes, so calendar
/// feeds can publish it as the iCalendar `SEQUENCE`.
public struct Session: Codable, Sendable, Equatable {
    public typealias ID = Identifier<Session>

    /// What happens in a session; decides what "completed" means for a participant.
    public enum Kind: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
        /// A live meeting.
        case live
        /// Work participants do on their own between two live sessions (homework).
        case offlineExercise
        /// A live meeting where participants present and discuss their exercise.
        case feedback

        /// Whether people meet at a set time (and attendance is taken).
        public var isLive: Bool { self != .offlineExercise }
    }

    /// Whether a session still takes place.
    public enum Status: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
        case scheduled, cancelled
    }

    public var id: ID?
    public var seriesId: WebinarSeries.ID
    /// Order within the series, from 1.
    public var position: Int
    /// Unique within the series.
    public var slug: String
    public var title: String
    public var kind: Kind
    public var startsAt: Date
    public var endsAt: Date
    /// IANA time zone the session was planned in.
    public var timeZone: String
    /// Where to join a live session.
    public var joinURL: String?
    /// The activities of the session, in order ("Word association", "Role play", "Q&A").
    public var agenda: [String]
    /// What the session is about, or what happened in it and who led which part: Markdown or plain text, at most
    /// ``descriptionLimit`` characters; empty when there is none.
    public var description: String
    public var status: Status
    public var revision: Int
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a session that is not stored yet.
    public init(
        id: ID? = nil, seriesId: WebinarSeries.ID, position: Int, slug: String, title: String, kind: Kind,
        startsAt: Date, endsAt: Date, timeZone: String, joinURL: String? = nil, agenda: [String] = [],
        description: String = "", status: Status = .scheduled, revision: Int = 1, createdAt: Date, updatedAt: Date
    ) {
        self.description = description
        self.id = id
        self.seriesId = seriesId
        self.position = position
        self.slug = slug
        self.title = title
        self.kind = kind
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.timeZone = timeZone
        self.joinURL = joinURL
        self.agenda = agenda
        self.status = status
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The description's paragraphs (split at blank lines), each with its own line breaks: how pages and reports
    /// that do not render Markdown show it.
    public var descriptionParagraphs: [String] {
        description.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    /// The longest description a session keeps.
    public static let descriptionLimit = 4000

    /// Why `text` cannot be a session's description, or `nil`: too long, or a character that changes how text is
    /// shown (controls other than new lines and tabs, bidirectional overrides), as other kernel text refuses.
    public static func descriptionProblem(_ text: String) -> FieldProblem? {
        if text.count > descriptionLimit { return .tooLong(limit: descriptionLimit) }
        let allowed: Set<Unicode.Scalar> = ["\n", "\t"]
        if text.unicodeScalars.contains(where: { HostileCharacters.isControl($0) && !allowed.contains($0) }) {
            return .controlCharacter(in: .text)
        }
        if text.unicodeScalars.contains(where: HostileCharacters.isBidiControl) {
            return .bidiOverride(in: .text)
        }
        return nil
    }

    /// A description as stored: new lines as `\n`, NFC, no surrounding blank space.
    public static func normalizedDescription(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return FieldRules.normalized(lines).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The planned length in whole minutes.
    public var plannedMinutes: Int { Int(endsAt.timeIntervalSince(startsAt) / 60) }
}

extension Session: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "session"

    /// Reads a row column by column: feeds read thousands of sessions per render, and the Codable path is several
    /// times slower.
    public init(row: Row) throws {
        id = row["id"]
        seriesId = row["seriesId"]
        position = row["position"]
        slug = row["slug"]
        title = row["title"]
        kind = row["kind"]
        startsAt = row["startsAt"]
        endsAt = row["endsAt"]
        timeZone = row["timeZone"]
        joinURL = row["joinURL"]
        agenda = Self.agenda(fromJSON: row["agenda"])
        description = row["description"]
        status = row["status"]
        revision = row["revision"]
        createdAt = row["createdAt"]
        updatedAt = row["updatedAt"]
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = ID(inserted.rowID)
    }
}

extension Session {
    /// The agenda column's JSON array, read cheaply (most sessions have none).
    public static func agenda(fromJSON json: String) -> [String] {
        json == "[]" ? [] : (try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]) ?? []
    }
}
