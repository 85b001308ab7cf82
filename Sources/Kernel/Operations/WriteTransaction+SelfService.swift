import Foundation
import GRDB

/// What participants do to their own record: withdraw from a series, join it again, be erased.
extension WriteTransaction {
    /// Records that `person` withdrew from `series`, with their reason if they gave one. The enrolment stays (the
    /// figures keep counting it); reminders, follow-ups and private calendars leave the series out from now on.
    /// - Throws: ``KernelError/notFound(entity:reference:)`` when the person is not enrolled in the series;
    ///   ``KernelError/invalidField(field:reason:)`` for a reason that is too long or holds control characters.
    public func withdraw(_ person: Person.ID, from series: WebinarSeries.ID, reason: String?) throws {
        let reason = reason.map(FieldRules.normalized).flatMap { $0.isEmpty ? nil : $0 }
        if let reason, let problem = FieldRules.textProblem(reason, limit: 500) {
            throw KernelError.invalidField(field: "reason", reason: FieldReason(field: problem))
        }
        guard var enrolment = try enrolment(of: person, in: series) else {
            throw KernelError.notFound(entity: "enrolment", reference: "series \(series), person \(person)")
        }
        guard enrolment.withdrawnAt == nil else { return }
        enrolment.withdrawnAt = now
        enrolment.withdrawalReason = reason
        enrolment.updatedAt = now
        try enrolment.update(db)
        let organization = try organizationId(ofSeries: series)
        try events.emit(PersonWithdrew(organizationId: organization, seriesId: series, personId: person))
        try audit(
            "enrolment.withdrawn", organization: organization, subject: .person(person),
            detail: ["series": .integer(series.rawValue), "reasonGiven": .bool(reason != nil)])
    }

    /// Undoes a withdrawal: the person takes part in the series again (their reason is forgotten).
    /// Returns whether they had withdrawn.
    @discardableResult
    public func rejoin(_ person: Person.ID, in series: WebinarSeries.ID) throws -> Bool {
        guard var enrolment = try enrolment(of: person, in: series), enrolment.withdrawnAt != nil else {
            return false
        }
        enrolment.withdrawnAt = nil
        enrolment.withdrawalReason = nil
        enrolment.updatedAt = now
        try enrolment.update(db)
        try audit(
            "enrolment.rejoined", organization: try organizationId(ofSeries: series), subject: .person(person),
            detail: ["series": .integer(series.rawValue)])
        return true
    }

    /// Erases a person at their request, as data-protection laws expect (POPIA, NDPR, the Kenyan DPA, GDPR).
    ///
    /// Their name and address are replaced, their other attributes, sign-in links, sessions, tokens, mail and
    /// free-text notes removed; their enrolments and attendance stay as an anonymous record, so series figures do
    /// not change. With `keepGenderInFigures` their self-described gender stays on the anonymous record (it counts
    /// in the gender figures and is shown nowhere); without it, it goes too and the figures count them as unknown.
    /// Plugins hear ``PersonErased`` in this transaction and remove what they keep.
    /// - Throws: ``KernelError/notFound(entity:reference:)`` when there is no such person or they were erased.
    public func erase(_ person: Person.ID, keepGenderInFigures: Bool) throws {
        guard let record = try Person.fetchOne(db, key: person), record.erasedAt == nil else {
            throw KernelError.notFound(entity: "person", reference: "\(person)")
        }
        let keptGender = keepGenderInFigures ? record.gender : nil
        if record.gender != keptGender {
            try events.emit(
                PersonSelfDescriptionChanged(
                    organizationId: record.organizationId, personId: person, previousGender: record.gender,
                    gender: nil, consent: false))
        }
        let placeholder = "erased-\(person.rawValue)@erased.invalid"
        try db.execute(
            sql: """
                UPDATE person SET displayName = 'Erased person', email = :address, emailKey = :address,
                gender = :gender, attributes = '{}', consent = :consent, erasedAt = :now, updatedAt = :now
                WHERE id = :person
                """,
            arguments: [
                "address": placeholder, "gender": keptGender, "consent": keptGender != nil, "now": now,
                "person": person,
            ])
        try db.execute(
            sql: """
                DELETE FROM participantLink WHERE personId = :person;
                DELETE FROM participantSession WHERE personId = :person;
                DELETE FROM loginLink WHERE personId = :person;
                DELETE FROM browserSession WHERE personId = :person;
                DELETE FROM apiToken WHERE personId = :person;
                DELETE FROM outboxMessage WHERE personId = :person;
                DELETE FROM messageRecipient WHERE personId = :person;
                UPDATE exerciseSubmission SET link = NULL, note = NULL WHERE personId = :person;
                UPDATE enrolment SET withdrawalReason = NULL WHERE personId = :person;
                """, arguments: ["person": person])
        try events.emit(PersonErased(organizationId: record.organizationId, personId: person))
        try audit(
            "person.erased", organization: record.organizationId, subject: .person(person),
            detail: ["keptGenderInFigures": .bool(keptGender != nil)])
    }

    private func enrolment(of person: Person.ID, in series: WebinarSeries.ID) throws -> Enrolment? {
        try Enrolment.filter(Column("seriesId") == series && Column("personId") == person).fetchOne(db)
    }
}
