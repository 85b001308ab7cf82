import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

/// Every change the kernel makes for staff or participants leaves one audit line, with its actor and ids only.
@Suite("Audit trail: a line for every kind of change")
struct AuditTrailTests {
    private let actor = AuditActor.commandLine(user: "tester")

    private func entries(_ harness: PluginHarness, after id: Int64 = 0) async throws -> [AuditEntry] {
        try await harness.workspace.read { db in
            try AuditEntry.filter(Column("id") > id).order(Column("id")).fetchAll(db)
        }
    }

    private func lastId(_ harness: PluginHarness) async throws -> Int64 {
        try await harness.workspace.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM auditLog") ?? 0 }
    }

    @Test("an import writes one line per organization for the whole file, none per record; an unchanged one none")
    func importIsOneLine() async throws {
        let harness = try PluginHarness()
        try await harness.importText(Samples.network)
        let lines = try await entries(harness)
        #expect(lines.map(\.action) == ["network.imported", "network.imported"])
        #expect(lines.allSatisfy { $0.actor == "import" })
        #expect(lines.first?.detail.contains("\"sessions\":3") == true)
        try await harness.importText(Samples.network)
        #expect(try await entries(harness).count == 2)
    }

    @Test("structure, sessions, people and participation changes each write their line, named by the actor")
    func everyChange() async throws {
        let harness = try PluginHarness()
        try await harness.importText(Samples.network)
        let start = try await lastId(harness)
        let workspace = harness.workspace
        try await workspace.write(as: actor) { transaction in
            let db = transaction.db
            let network = try Lookup.organization("testnet", in: db)
            let series = try Lookup.series("testnet/webinars/series-one", in: db)
            let intro = try Lookup.session("testnet/webinars/series-one/intro", in: db)
            let homework = try Lookup.session("testnet/webinars/series-one/homework", in: db)
            let one = try Lookup.person("participant.one@example.org", in: db)
            let two = try Lookup.person("participant.two@example.org", in: db)
            var programme = try transaction.save(
                Programme(
                    organizationId: network.id!, slug: "clinics", title: "Clinics", createdAt: transaction.now,
                    updatedAt: transaction.now))
            programme.title = "Clinics 2027"
            programme = try transaction.save(programme)
            var draft = series
            draft.title = "Series One, again"
            draft = try transaction.save(draft)
            draft.status = .cancelled
            try transaction.save(draft)
            var renamed = intro
            renamed.title = "Welcome"
            try transaction.save(renamed)
            try transaction.reschedule(
                intro.id!, startsAt: intro.startsAt.addingTimeInterval(3600),
                endsAt: intro.endsAt.addingTimeInterval(3600))
            try transaction.cancel(intro.id!)
            var person = one
            person.displayName = "Participant Uno"
            try transaction.save(person)
            let newcomer = try transaction.save(
                Person(
                    organizationId: network.id!, displayName: "New Comer", email: "new.comer@example.org",
                    createdAt: transaction.now, updatedAt: transaction.now))
            try transaction.enrol(newcomer.id!, in: series.id!, channel: "radio")
            let feedback = try Lookup.session("testnet/webinars/series-one/feedback", in: db)
            try transaction.recordAttendance(of: newcomer.id!, at: feedback.id!, status: .present, minutes: 80)
            try transaction.submitExercise(of: two.id!, for: homework.id!, note: "late")
            try transaction.recordQuote("Good.", consent: true, in: series.id!)
            let (token, _) = try transaction.createToken(role: .organizationAdmin, organization: network.id!)
            try transaction.revokeToken(token.id!)
            let (_, secret) = try transaction.createLoginLink(role: .networkCoordinator, organization: network.id!)
            _ = try transaction.signIn(with: secret)
            try transaction.recordBaseURL("https://indaba.example.org")
            try transaction.deletePerson(newcomer.id!)
        }
        let lines = try await entries(harness, after: start)
        #expect(
            lines.map(\.action) == [
                "programme.created", "programme.updated", "series.updated", "series.cancelled", "session.updated",
                "session.rescheduled", "session.cancelled", "person.updated", "person.created", "enrolment.created",
                "attendance.recorded", "submission.updated", "quote.created", "token.created", "token.revoked",
                "signInLink.created", "user.signedIn", "site.baseURLChanged", "person.deleted",
            ])
        #expect(lines.allSatisfy { $0.actor == "cli:tester" })
        #expect(lines.first { $0.action == "session.rescheduled" }?.subject?.hasPrefix("session:") == true)
        #expect(lines.first { $0.action == "person.updated" }?.detail == #"{"fields":["displayName"]}"#)
        #expect(lines.first { $0.action == "series.updated" }?.detail == #"{"fields":["title"]}"#)
        // Ids and field names only: no name, e-mail, gender or quoted word in any line.
        for line in lines {
            for secret in ["Participant", "Uno", "New Comer", "@example.org", "woman", "Good.", "late"] {
                #expect(!line.detail.contains(secret), "\(line.action): \(line.detail)")
                #expect(line.subject?.contains(secret) != true)
            }
        }
    }

    @Test("a bulk attendance load writes one line, not one per row")
    func bulkLoadIsOneLine() async throws {
        let harness = try PluginHarness()
        try await harness.importText(Samples.network)
        let start = try await lastId(harness)
        let (network, rows) = try await harness.workspace.read { db in
            let network = try Lookup.organization("testnet", in: db)
            let feedback = try Lookup.session("testnet/webinars/series-one/feedback", in: db)
            let people = try Person.order(Column("id")).fetchAll(db).map(\.id!)
            return (
                network.id!,
                people.map { AttendanceLoadRow(sessionId: feedback.id!, personId: $0, status: .present, minutes: 60) }
            )
        }
        try await harness.workspace.loadAttendance(rows, for: network, sessionsOf: [network], as: actor)
        let lines = try await entries(harness, after: start)
        #expect(lines.map(\.action) == ["attendance.imported"])
        #expect(lines.first?.detail == #"{"rows":3,"sessions":1}"#)
    }

    @Test("changes inside withoutItemizedAudit write no line of their own")
    func withoutItemized() async throws {
        let harness = try PluginHarness()
        try await harness.importText(Samples.network)
        let start = try await lastId(harness)
        try await harness.workspace.write(as: actor) { transaction in
            let session = try Lookup.session("testnet/webinars/series-one/intro", in: transaction.db)
            try transaction.withoutItemizedAudit { _ = try transaction.cancel(session.id!) }
        }
        #expect(try await entries(harness, after: start).isEmpty)
    }

    @Test("the log filters by who, what (an action or its area), when and subject, newest first, page by page")
    func filters() async throws {
        let clock = TestClock()
        let harness = try PluginHarness(clock: clock)
        try await harness.importText(Samples.network)
        let (network, intro) = try await harness.workspace.read { db in
            (
                try Lookup.organization("testnet", in: db).id!,
                try Lookup.session("testnet/webinars/series-one/intro", in: db)
            )
        }
        clock.advance(by: 86_400)
        try await harness.workspace.write(as: AuditActor.commandLine(user: "amina")) {
            try $0.cancel(intro.id!)
        }
        clock.advance(by: 86_400)
        try await harness.workspace.write(as: AuditActor("token:7")) {
            _ = try $0.createToken(role: .organizationAdmin, organization: network)
        }
        let read = { (filter: AuditFilter, limit: Int) in
            try await harness.workspace.read { db in try AuditLog.page(filter, limit: limit, in: db) }
        }
        let all = try await read(AuditFilter(organization: network), 10)
        #expect(all.entries.map(\.action) == ["token.created", "session.cancelled", "network.imported"])
        #expect(try await read(AuditFilter(organization: network, actor: "cli:amina"), 10).entries.count == 1)
        #expect(try await read(AuditFilter(organization: network, actor: "cli:"), 10).entries.count == 1)
        #expect(try await read(AuditFilter(organization: network, actor: "cli:am"), 10).entries.isEmpty)
        #expect(try await read(AuditFilter(organization: network, action: "session"), 10).entries.count == 1)
        #expect(try await read(AuditFilter(organization: network, action: "sess"), 10).entries.isEmpty)
        let day = all.entries[1].occurredAt
        let since = try await read(AuditFilter(organization: network, since: day), 10)
        #expect(since.entries.map(\.action) == ["token.created", "session.cancelled"])
        let until = try await read(AuditFilter(organization: network, until: day), 10)
        #expect(until.entries.map(\.action) == ["network.imported"])
        let about = try await read(AuditFilter(organization: network, subject: "session:\(intro.id!)"), 10)
        #expect(about.entries.map(\.action) == ["session.cancelled"])
        let first = try await read(AuditFilter(organization: network), 2)
        #expect(first.entries.count == 2 && first.next == first.entries.last?.id)
        let second = try await harness.workspace.read { db in
            try AuditLog.page(AuditFilter(organization: network), before: first.next, limit: 2, in: db)
        }
        #expect(second.entries.map(\.action) == ["network.imported"] && second.next == nil)
        let member = try await harness.workspace.read { db in try Lookup.organization("testnet/lagos-member", in: db) }
        #expect(try await read(AuditFilter(organization: member.id!, action: "session"), 10).entries.isEmpty)
    }

    @Test("days as bounds: from includes the day, until includes the whole day; subjects must be kind:id")
    func bounds() {
        let day = AuditFilter.bound("2026-03-01", endOfDay: false)
        #expect(day.map(TimeFormats.instantText) == "2026-03-01T00:00:00Z")
        #expect(AuditFilter.bound("2026-03-01", endOfDay: true).map(TimeFormats.instantText) == "2026-03-02T00:00:00Z")
        #expect(
            AuditFilter.bound("2026-03-01T08:00:00Z", endOfDay: true).map(TimeFormats.instantText)
                == "2026-03-01T08:00:00Z")
        #expect(AuditFilter.bound("March", endOfDay: false) == nil)
        #expect(AuditFilter.subjectProblem("person:12") == nil)
        #expect(AuditFilter.subjectProblem("person") != nil)
        #expect(AuditFilter.subjectProblem("person:x") != nil)
    }

    @Test("actions and actors read in plain words: a token by its label and role, a browser session by its role")
    func wording() async throws {
        #expect(AuditWording.action("plugin.settingsChanged") == "Plugin settings changed")
        #expect(AuditWording.action("series.created") == "Series created")
        #expect(AuditWording.action("signInLink.created") == "Sign-in link created")
        let harness = try PluginHarness()
        try await harness.importText(Samples.network)
        let (token, session) = try await harness.workspace.write(as: actor) { transaction in
            let network = try Lookup.organization("testnet", in: transaction.db).id!
            let token = try transaction.createToken(
                role: .organizationAdmin, organization: network, label: "Reporting bot"
            ).token
            let (_, secret) = try transaction.createLoginLink(role: .networkCoordinator, organization: network)
            return (token.id!, try transaction.signIn(with: secret).session.id!)
        }
        let names = try await harness.workspace.read { db in
            try AuditLog.actorNames(["cli:amina", "import", "token:\(token)", "session:\(session)"], in: db)
        }
        #expect(names["cli:amina"] == "amina (command line)")
        #expect(names["import"] == "Network file import")
        #expect(names["token:\(token)"] == "API token \(token) “Reporting bot” (organization admin)")
        #expect(names["session:\(session)"] == "Signed-in network coordinator (session \(session))")
        let t = try Translations.kernelAndPlugins([]).localizer(for: .french)
        let french = try await harness.workspace.read { db in
            try AuditLog.actorNames(["cli:amina", "import", "token:\(token)"], in: db, t)
        }
        #expect(french["cli:amina"] == "amina (ligne de commande)")
        #expect(french["import"] == "Import du fichier du réseau")
        #expect(
            french["token:\(token)"] == "Jeton d’API \(token) « Reporting bot » (administrateur·rice de l’organisation)"
        )
    }
}
