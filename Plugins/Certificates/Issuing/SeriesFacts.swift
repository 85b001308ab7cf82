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

    /// Reads the facts of `series`, which must be run by `organization`.
    /// - Throws: ``CertificatesError/unknownSeries(_:)`` otherwise.
    init(series: WebinarSeries, organization: Organization.ID, issuedAt: Date, in db: Database) throws {
        guard let owner = try OrganizationSeries.runner(of: series.id!, in: db), owner.id == organization else {
            throw CertificatesError.unknownSeries("\(series.id!)")
        }
        self.series = series
        self.organization = owner
        path = try Lookup.path(of: series, in: db)
        let sessions = try SeriesParticipation.heldSessions(of: series.id!, in: db)
            .sorted { ($0.startsAt, $0.position) < ($1.startsAt, $1.position) }
        let zone = TimeZone(identifier: series.timeZone) ?? TimeZone(identifier: "UTC")!
        let held = sessions.first.map { Self.span(from: $0.startsAt, to: sessions.last!.endsAt, in: zone) }
        let issued = "Issued on " + Self.day(issuedAt, in: zone)
        datesLine = held.map { "\($0) · \(issued)" } ?? issued
        // Facilitators first, then guest speakers, each in the order they were given the role.
        let leaders = try SeriesFacilitation(of: series.id!, in: db).leaders
        signatories = (leaders.filter { $0.role == .facilitator } + leaders.filter { $0.role == .guestSpeaker }).map {
            CertificateContent.Signatory(
                name: $0.displayName, role: $0.role == .facilitator ? "Facilitator" : "Guest speaker")
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
