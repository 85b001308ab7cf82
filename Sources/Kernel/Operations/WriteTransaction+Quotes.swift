import Foundation
import GRDB

/// Quotes recorded for a series.
extension WriteTransaction {
    /// Records a quote in `series`, or corrects the attribution and consent of the same words recorded before.
    ///
    /// - Throws: ``KernelError/invalidField(field:reason:)`` for empty or overlong text or attribution.
    @discardableResult
    public func recordQuote(
        _ text: String, attribution: String? = nil, consent: Bool, in series: WebinarSeries.ID
    ) throws -> Quote {
        if let problem = FieldRules.textProblem(text, limit: 1000) {
            throw KernelError.invalidField(field: "text", reason: FieldReason(field: problem))
        }
        let attribution = attribution.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        if let attribution, let problem = FieldRules.textProblem(attribution, limit: 200) {
            throw KernelError.invalidField(field: "attribution", reason: FieldReason(field: problem))
        }
        let existing = try Quote.filter(Column("seriesId") == series && Column("text") == text).fetchOne(db)
        let saved = try upsert(
            Quote(
                seriesId: series, text: text, attribution: attribution, consent: consent, createdAt: now,
                updatedAt: now),
            existing: existing)
        if saved != existing {
            try auditChange(
                existing == nil ? "quote.created" : "quote.updated", organization: try organizationId(ofSeries: series),
                subject: .series(series), detail: ["quoteId": .integer(saved.id!.rawValue)])
        }
        return saved
    }
}

extension Quote: TimestampedRecord {}
