import Foundation
import GRDB
public import Kernel

/// The certificates section of a series report: the rule, how many certificates are valid or were revoked, and how
/// many eligible participants have none yet. Counts only: no names.
extension CertificatesPlugin {
    public func seriesReportSections(for report: SeriesReportRequest) async throws -> [ReportSection] {
        let settings = try await settings(for: report.organization.id!)
        let t = report.localizer
        let figures: ReportFigures?
        do {
            figures = try await self.figures(of: report.series, settings: settings, t)
        } catch let error as CertificatesError {
            // A rule saved on the command line, or one the series outgrew, is explained, not a failed report.
            return [section([error.worded(t)], t)]
        }
        guard let figures else {
            return [section([t("No certificate rule is set for this series, so no certificates were issued.")], t)]
        }
        var lines = [
            t("Certificates go to participants who completed {rule}.", ["rule": figures.rule]),
            t.plural("{count} certificate is valid.", "{count} certificates are valid.", count: figures.valid)
                + (figures.firstIssued.map { " " + t("The first was issued on {date}.", ["date": Self.day($0, t)]) }
                    ?? "") + " "
                + t.plural(
                    "{count} certificate was revoked.", "{count} certificates were revoked.", count: figures.revoked),
        ]
        if figures.eligibleWithout > 0 {
            lines.append(
                t.plural(
                    "{count} eligible participant has no certificate yet.",
                    "{count} eligible participants have no certificate yet.", count: figures.eligibleWithout))
        }
        lines.append(
            t(
                "Each certificate can be checked at its verification address and carries an Open Badges 3.0 "
                    + "credential."))
        return [section(lines, t)]
    }

    private func section(_ text: [String], _ t: Localizer) -> ReportSection {
        ReportSection(
            title: t("Certificates"), markdown: text.joined(separator: " ") + "\n",
            html: HTML(trusted: text.map { "<p>\(HTML.escape($0))</p>" }.joined()), order: 70)
    }

    /// The figures of `series` under its rule, or nil when it has none.
    /// - Throws: ``CertificatesError/ruleDoesNotFit(series:reason:)`` when the rule cannot apply to the series.
    private func figures(
        of series: WebinarSeries, settings: CertificatesSettings, _ t: Localizer
    ) async throws -> ReportFigures? {
        try await context.store.read { db -> ReportFigures? in
            let path = try Lookup.path(of: series, in: db)
            guard let rule = settings.rule(forPath: path, id: series.id!) else { return nil }
            let eligibility = try Eligibility(series: series, rule: rule, in: db)
            let certificates = try Certificate.filter(Column("seriesId") == series.id).fetchAll(db)
            let holders = Set(certificates.filter { $0.status == .valid }.map(\.personId))
            return ReportFigures(
                rule: rule.summary(sessionCount: eligibility.sessions.count, in: t),
                valid: holders.count,
                revoked: certificates.filter { $0.status == .revoked && $0.revokedReason != "re-issued" }.count,
                eligibleWithout: eligibility.verdicts.filter { $0.eligible && !holders.contains($0.personId) }.count,
                firstIssued: certificates.map(\.issuedAt).min())
        }
    }

    private struct ReportFigures: Sendable {
        let rule: String
        let valid: Int
        let revoked: Int
        let eligibleWithout: Int
        let firstIssued: Date?
    }

    /// `3 July 2023` (UTC) in `t`'s language; English keeps the network's British order.
    private static func day(_ date: Date, _ t: Localizer) -> String {
        let formatter = t.dateFormatter("yMMMMd", in: TimeZone(identifier: "UTC")!)
        if t.language == .english { formatter.dateFormat = "d MMMM yyyy" }
        return formatter.string(from: date)
    }
}
