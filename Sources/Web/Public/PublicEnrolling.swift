import Foundation
import GRDB
import Kernel
import PluginKit

/// Writes a public enrolment in one kernel transaction: the person (matched by e-mail, never changed when already
/// known), the enrolment, and whatever enabled plugins add (a private calendar link) — all or nothing.
struct PublicEnrolling {
    /// What happened, for the confirmation page.
    struct Outcome: Sendable {
        let series: WebinarSeries
        let alreadyEnrolled: Bool
        let isNewPerson: Bool
        /// Whether an enabled plugin mails a confirmation (then the page says the same in every case).
        let confirmationByMail: Bool
        let sections: [(plugin: PluginID, section: PageSection)]
    }

    let workspace: Workspace
    let baseURL: String

    /// Enrols the sender of `form`; plugins word what they add to the confirmation page with `localizer`.
    func enrol(_ form: EnrolmentForm, in seriesId: Int64, localizer: Localizer = .english) async throws -> Outcome {
        let (plugins, baseURL) = (workspace.installedPlugins, baseURL)
        return try await workspace.write(as: AuditActor("web:public-enrolment")) { transaction in
            let db = transaction.db
            let data = try SeriesPageData.read(seriesId, in: db)
            guard data.series.status == .published else { throw EnrolmentClosed() }
            let key = FieldRules.emailKey(form.values.email)
            var personId = try Person.filter(Column("emailKey") == key).fetchOne(db)?.id
            let isNewPerson = personId == nil
            if personId == nil {
                let values = form.values
                var person = Person(
                    organizationId: data.organization.id!, displayName: values.name, email: values.email,
                    gender: values.consent && !values.gender.isEmpty ? values.gender : nil, consent: values.consent,
                    createdAt: transaction.now, updatedAt: transaction.now)
                person.preferredLanguage = form.language?.code
                personId = try transaction.save(person).id
            }
            let person = personId!
            let already =
                try Enrolment.filter(Column("seriesId") == data.series.id && Column("personId") == person)
                .fetchCount(db) > 0
            if !already { try transaction.enrol(person, in: data.series.id!, channel: form.channel) }
            // Someone who left the series and signs up again takes part again.
            if already { try transaction.rejoin(person, in: data.series.id!) }
            // Only a sign-up that created the person may set their zone: anyone can type a known address.
            if isNewPerson, !form.values.timeZone.isEmpty {
                try transaction.setTimeZone(form.values.timeZone, for: person)
            }
            let enabled = plugins.filter { data.enabledPlugins.contains(type(of: $0).id) }
            let byMail = enabled.contains { type(of: $0).confirmsEnrolmentsByMail }
            var sections: [(plugin: PluginID, section: PageSection)] = []
            for plugin in enabled {
                let told = PublicEnrolment(
                    series: data.series, organization: data.organization, person: person, isNewPerson: isNewPerson,
                    baseURL: baseURL, confirmationByMail: byMail,
                    timeZone: form.values.timeZone.isEmpty ? nil : form.values.timeZone,
                    localizer: localizer.preferring(type(of: plugin).id))
                if let section = try plugin.didEnrol(told, in: transaction) {
                    sections.append((type(of: plugin).id, section))
                }
            }
            return Outcome(
                series: data.series, alreadyEnrolled: already, isNewPerson: isNewPerson, confirmationByMail: byMail,
                sections: sections.sorted { ($0.section.order, $0.plugin) < ($1.section.order, $1.plugin) })
        }
    }
}

/// The series no longer takes enrolments (it is completed).
struct EnrolmentClosed: Error {}
