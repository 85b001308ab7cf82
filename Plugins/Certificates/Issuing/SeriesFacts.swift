import Foundation
import GRDB
import Kernel

/// What every certificate of a series prints besides the name: organization, title, dates and signatories.
struct SeriesFacts: Sendable {
    let series: WebinarSeries
    let path: String
    let organization: Organization
    let signatoryPeople: [(name: String, isFacilitator: Bool)]
    /// When the series' held sessions began and ended, if any were held.
    let held: (start: Date, end: Date)?
    let issuedAt: Date
    let zone: TimeZone

    /// Reads the facts of `series`, which must be run by `organization`.
    /// - Throws: ``CertificatesError/unknownSeries(_:)`` otherwise.
    init(series: WebinarSeries, organization: Organization.ID, issuedAt: Date, in db: Database) throws {
        guard let owner = try OrganizationSeries.runner(of: series.id!, in: db), owner.id == organization else {
            throw CertificatesError.unknownSeries("\(series.id!)")
        }
        self.series = series
        self.organization = owner
        self.issuedAt = issuedAt
        path = try Lookup.path(of: series, in: db)
        let sessions = try SeriesParticipation.heldSessions(of: series.id!, in: db)
            .sorted { ($0.startsAt, $0.position) < ($1.startsAt, $1.position) }
        zone = TimeZone(identifier: series.timeZone) ?? TimeZone(identifier: "UTC")!
        held = sessions.first.map { ($0.startsAt, sessions.last!.endsAt) }
        // Facilitators first, then guest speakers, each in the order they were given the role.
        let leaders = try SeriesFacilitation(of: series.id!, in: db).leaders
        signatoryPeople = (leaders.filter { $0.role == .facilitator } + leaders.filter { $0.role == .guestSpeaker })
            .map { ($0.displayName, $0.role == .facilitator) }
    }

    /// What a certificate of the series prints in one language besides the name.
    struct Wording: Sendable {
        let language: Language
        let datesLine: String
        /// The signatories as stored (``Certificate/encode(_:)``).
        let signatories: String
    }

    /// The series' wording in `t`'s language.
    func wording(in t: Localizer) -> Wording {
        Wording(
            language: t.language, datesLine: datesLine(in: t), signatories: Certificate.encode(signatories(in: t)))
    }

    /// The line under the title: when the series was held and when the certificate was issued, in `t`'s language.
    func datesLine(in t: Localizer) -> String {
        guard t.language != .english else {
            let issued = "Issued on " + Self.day(issuedAt, in: zone)
            return held.map { "\(Self.span(from: $0.start, to: $0.end, in: zone)) · \(issued)" } ?? issued
        }
        let format = t.dateFormatter("yMMMMd", in: zone)
        let issued = t("Issued on {date}", ["date": format.string(from: issuedAt)])
        guard let held else { return issued }
        let (start, end) = (format.string(from: held.start), format.string(from: held.end))
        let span =
            start == end
            ? t("Held on {date}", ["date": start]) : t("Held from {start} to {end}", ["start": start, "end": end])
        return span + " · " + issued
    }

    /// The facilitators and guest speakers who sign, their roles in `t`'s language.
    func signatories(in t: Localizer) -> [CertificateContent.Signatory] {
        signatoryPeople.map {
            CertificateContent.Signatory(name: $0.name, role: $0.isFacilitator ? t("Facilitator") : t("Guest speaker"))
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
