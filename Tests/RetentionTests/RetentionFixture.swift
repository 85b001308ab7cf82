import Foundation
import GRDB
import Kernel
import KernelTesting

@testable import Retention

/// A network whose series has the people of the sample exports in `Exports/` (the shared attendance samples), the
/// retention plugin enabled, and helpers to import files.
struct RetentionFixture {
    static let network = """
        format: indaba/1
        network:
          slug: asktest
          name: Ask Test Network
          country: ZW
          timeZone: Africa/Harare
          people:
            - {email: host.team@example.net, name: ASK Host Team}
            - {email: guest.speaker@example.com, name: Guest Speaker}
            - {email: tariro.moyo@example.org, name: Tariro Moyo, consent: true, gender: woman}
            - {email: chidinma.okonkwo@example.org, name: Chidinma Okonkwo, consent: true, gender: female}
            - {email: wanjiku.kamau@example.org, name: Wanjiku Kamau}
            - {email: nomvula.dube@example.org, name: Nomvula Dube, consent: true, gender: woman}
            - {email: zoe.ndlovu@example.org, name: Zoë Ndlovu}
            - {email: kwabena.asante@example.org, name: Kwabena Asante, consent: true, gender: man}
            - {email: other.kwabena@example.org, name: Kwabena Mensah}
            - {email: thandiwe.one@example.org, name: Thandiwe Ncube}
            - {email: thandiwe.two@example.org, name: Thandiwe Ncube}
          programmes:
            - slug: webinars
              title: Webinars
              series:
                - slug: inclusive
                  title: Inclusive Spaces
                  status: published
                  timeZone: Africa/Harare
                  roles:
                    - {person: host.team@example.net, role: facilitator}
                    - {person: guest.speaker@example.com, role: guestSpeaker}
                  enrolments:
                    - {person: tariro.moyo@example.org, at: 2023-06-01T08:00:00Z, channel: newsletter}
                    - {person: chidinma.okonkwo@example.org, at: 2023-06-01T08:00:00Z, channel: newsletter}
                    - {person: wanjiku.kamau@example.org, at: 2023-06-01T08:00:00Z, channel: partner-org}
                    - {person: nomvula.dube@example.org, at: 2023-06-01T08:00:00Z, channel: partner-org}
                    - {person: zoe.ndlovu@example.org, at: 2023-06-01T08:00:00Z, channel: whatsapp}
                    - {person: kwabena.asante@example.org, at: 2023-06-01T08:00:00Z, channel: whatsapp}
                  sessions:
                    - {slug: intro, title: Introduction, kind: live, starts: 2023-06-21T14:00, ends: 2023-06-21T15:00}
                    - {slug: case-study, title: Case study, kind: live, starts: 2023-06-22T14:00, ends: 2023-06-22T15:00}
                    - {slug: homework, title: Homework, kind: offlineExercise, starts: 2023-06-22T15:00, ends: 2023-06-29T15:00}
                    - {slug: feedback, title: Feedback, kind: feedback, starts: 2023-06-30T14:00, ends: 2023-06-30T15:00}
        """

    let harness: PluginHarness
    let organization: Organization.ID
    let series: WebinarSeries

    init() async throws {
        harness = try PluginHarness(plugins: [RetentionPlugin.self])
        try await harness.importText(Self.network)
        let (organization, series) = try await harness.workspace.read { db in
            (try Lookup.organization("asktest", in: db).id!, try Lookup.series("asktest/webinars/inclusive", in: db))
        }
        self.organization = organization
        self.series = series
        let registry = harness.workspace.registry
        try await harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.enable("retention", for: organization, registry: registry)
        }
    }

    var plugin: RetentionPlugin { harness.workspace.plugin("retention") as! RetentionPlugin }

    func session(_ slug: String) async throws -> Session {
        try await harness.workspace.read { db in try Lookup.session("asktest/webinars/inclusive/\(slug)", in: db) }
    }

    static func export(_ name: String) throws -> Data {
        try Data(contentsOf: Bundle.module.url(forResource: "Exports/\(name)", withExtension: nil)!)
    }

    func plan(
        _ data: Data, into slug: String, platform: MeetingPlatform? = nil, anyDate: Bool = false
    ) async throws -> AttendancePlan {
        let session = try await session(slug)
        let settings = try await plugin.settings(for: organization)
        return try await harness.workspace.read { db in
            try AttendanceImporter(settings: settings).plan(
                data: data, platform: platform, zone: nil, session: session, anyDate: anyDate, in: db)
        }
    }

    @discardableResult
    func importFile(
        _ data: Data, into slug: String, anyDate: Bool = false, confirmAbsent: Bool = false
    ) async throws -> AttendancePlan {
        let plan = try await plan(data, into: slug, anyDate: anyDate)
        let session = try await session(slug)
        let settings = try await plugin.settings(for: organization)
        try await harness.workspace.write(as: AuditActor("test")) { transaction in
            try AttendanceImporter(settings: settings).apply(
                plan, session: session, confirmAbsent: confirmAbsent, in: transaction)
        }
        return plan
    }

    /// Resolves review item `id` as an administrator of the fixture's organization would.
    func resolve(_ id: Int64, _ decision: ReviewDecision) async throws {
        let settings = try await plugin.settings(for: organization)
        let organization = organization
        try await harness.workspace.write(as: AuditActor("test")) { transaction in
            let scope = Scope(
                try Access.granted(
                    role: .organizationAdmin, organization: organization, person: nil, principal: "test",
                    in: transaction.db))
            try ReviewQueue.resolve(
                id, of: organization, decision: decision, settings: settings, scope: scope, in: transaction)
        }
    }

    /// The open review items of the fixture's organization.
    func openItems() async throws -> [ReviewItem] {
        let organization = organization
        return try await harness.workspace.read { db in
            try ReviewQueue.items(of: organization, includeResolved: false, scope: nil, in: db)
        }
    }

    func personId(_ email: String) async throws -> Person.ID {
        try await harness.workspace.read { db in try Lookup.person(email, in: db).id! }
    }

    /// Minutes and status recorded per e-mail for a session.
    func attendance(_ slug: String) async throws -> [String: String] {
        let session = try await session(slug)
        return try await harness.workspace.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT p.email, a.status, a.minutes FROM attendance a JOIN person p ON p.id = a.personId
                    WHERE a.sessionId = ?
                    """, arguments: [session.id]
            ).reduce(into: [:]) { $0[$1["email"]] = "\($1["status"] as String) \($1["minutes"] as Int)" }
        }
    }

    func dump() async throws -> [String: Int] {
        try await Samples.rowCounts(harness.workspace)
    }
}
