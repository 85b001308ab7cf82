import Foundation
import GRDB
import Kernel

/// The time in the meeting behind each attendance record an import or a review made (`retention_visit`): the
/// kernel keeps whole minutes only, and merging a later-found part of someone's visit needs the intervals.
enum Visits {
    /// Stores `visit` as `person`'s at `session`, or forgets it (nil: the record was set back to absent).
    static func record(
        _ visit: TimeInMeeting?, of person: Person.ID, at session: Session.ID, in db: Database
    ) throws {
        guard let visit else {
            try db.execute(
                sql: "DELETE FROM retention_visit WHERE sessionId = ? AND personId = ?", arguments: [session, person])
            return
        }
        // Cached: an import stores thousands of visits in one transaction.
        try db.cachedStatement(
            sql: """
                INSERT INTO retention_visit (sessionId, personId, visit) VALUES (?, ?, ?)
                ON CONFLICT (sessionId, personId) DO UPDATE SET visit = excluded.visit
                """
        ).execute(arguments: [session, person, visit.stored])
    }

    /// The visit stored for `person` at `session`, if an import or a review recorded one.
    static func visit(of person: Person.ID, at session: Session.ID, in db: Database) throws -> TimeInMeeting? {
        TimeInMeeting(
            stored: try String.fetchOne(
                db, sql: "SELECT visit FROM retention_visit WHERE sessionId = ? AND personId = ?",
                arguments: [session, person]))
    }
}
