import Foundation
import Kernel

/// The "your details" form of My Indaba: self-described gender with consent (unticking consent withdraws it and
/// erases the gender), the time zone messages are written in, and the language of their pages, e-mails and
/// certificates.
struct MyIndabaDetails {
    let form: FormData

    /// A self-described gender the kernel's text rule refuses, kept typed so the page words it in the reader's
    /// language.
    struct GenderRefused: Error {
        let problem: FieldProblem
    }

    func save(for person: Person.ID, in transaction: WriteTransaction) throws {
        guard var record = try ParticipantRecord.person(person, in: transaction.db) else {
            throw KernelError.notFound(entity: "person", reference: "\(person)")
        }
        let consent = form["consent"] == "yes"
        let gender = FieldRules.normalized(form["gender"])
        if consent, let problem = FieldRules.textProblem(gender, limit: 100) { throw GenderRefused(problem: problem) }
        record.consent = consent
        record.gender = consent && !gender.isEmpty ? gender : nil
        if !consent { record.attributes = [:] }
        try transaction.save(record)  // audited by the kernel as person.updated, with the fields changed
        let zone = form["timeZone"]
        if !zone.isEmpty, TimeZone(identifier: zone) == nil {
            throw KernelError.invalidField(
                field: "timeZone", reason: FieldReason("is not a time zone this server knows"))
        }
        if !zone.isEmpty, zone != (try ParticipantRecord.timeZone(of: person, in: transaction.db)) {
            try transaction.setTimeZone(zone, for: person)
        }
        let code = form["language"]
        let language = Language(tag: code)
        if !code.isEmpty, language?.code != code {
            throw KernelError.invalidField(field: "language", reason: FieldReason("is not one of the languages listed"))
        }
        try transaction.setPreferredLanguage(code.isEmpty ? nil : language, for: person)  // audited when it changes
    }
}
