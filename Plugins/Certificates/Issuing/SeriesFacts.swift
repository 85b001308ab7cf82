import Foundation
import GRDB
import Kernel

/// What every certificate of a series prints besides the name: organization, title, dates and signatories.
struct SeriesFacts: Sendable {
    let series: WebinarSeries
    let path: String
    let organization: Organization
    let datesLine: String
    let signatories: [CertificateContent.Signatory]

    /// Reads the facts of `series`, which must belong to `organization`.
    /// - Throws: ``CertificatesError/seriesNotOwned(_:)`` otherwise.
    init(series: WebinarSeries, organization: Organization.ID, issuedAt: Date, in db: Database) throws {
        guard
            let owner = try Organization.fetchOne(
                db, sql: "SELECT o.* FROM organization o JOIN programme p ON p.organizationId = o.id WHERE p.id = ?",
                arguments: [series.programmeId]),
            owner.id == organization
        else { throw CertificatesError.seriesNotOwned(series.id!) }
        self.series = series
        self.organization = owner
        path = try Lookup.path(of: series, in: db)
        let sessions = try Session.filter(Column("seriesId") == series.id && Column("status") == "scheduled")
            .order(Column("startsAt")).fetchAll(db)
        let zone = TimeZone(identifier: series.timeZone) ?? TimeZone(identifier: "UTC")!
        let held = sessions.first.map { Self.span(from: $0.startsAt, to: sessions.last!.endsAt, in: zone) }
        let issued = "Issued on " + Self.day(issuedAt, in: zone)
        datesLine = held.map { "\($0) · \(issued)" } ?? issued
        signatories = try Row.fetchAll(
            db,
            sql: """
                SELECT p.displayName, r.role FROM seriesRole r JOIN person p ON p.id = r.personId
                WHERE r.seriesId = ? AND r.role IN ('facilitator', 'guestSpeaker')
                ORDER BY r.role = 'guestSpeaker', r.id
                """, arguments: [series.id]
        ).map { row in
            let role: String = row["role"]
            return CertificateContent.Signatory(
                name: row["displayName"], role: role == "facilitator" ? "Facilitator" : "Guest speaker")
        }
    }

    /// "Held on 21 June 2023", "Held from 21 to 30 June 2023", "Held from 28 May to 2 June 2023".
    static func span(from start: Date, to end: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let a = calendar.dateComponents([.day, .month, .year], from: start)
        let b = calendar.dateComponents([.day, .month, .year], from: end)
        if a == b { return "Held on \(day(start, in: zone))" }
        if a.year == b.year {
            let first = a.month == b.month ? "\(a.day!)" : "\(a.day!) \(months[a.month! - 1])"
            return "Held from \(first) to \(day(end, in: zone))"
        }
        return "Held from \(day(start, in: zone)) to \(day(end, in: zone))"
    }

    /// "3 July 2023", in English whatever the machine's locale.
    static func day(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.day, .month, .year], from: date)
        return "\(parts.day!) \(months[parts.month! - 1]) \(parts.year!)"
    }

    private static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
}
