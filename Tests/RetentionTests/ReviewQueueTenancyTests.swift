import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@testable import Retention

/// The review queue links a row only to a person the acting caller can see; anyone else answers like nobody.
@Suite("Review queue tenancy")
struct ReviewQueueTenancyTests {
    static let network = """
        format: indaba/1
        network:
          slug: asktest
          name: Ask Test Network
          country: ZW
          timeZone: Africa/Harare
          members:
            - slug: alpha
              name: Alpha Member
              country: ZW
              timeZone: Africa/Harare
              people:
                - {email: alpha.one@example.org, name: Alpha One}
                - {email: alpha.two@example.org, name: Alpha Two}
              programmes:
                - slug: local
                  title: Local
                  series:
                    - slug: basics
                      title: Basics
                      status: published
                      timeZone: Africa/Harare
                      enrolments:
                        - {person: alpha.one@example.org, at: 2023-06-01T08:00:00Z, channel: newsletter}
                      sessions:
                        - {slug: intro, title: Introduction, kind: live, starts: 2023-06-21T14:00, ends: 2023-06-21T15:00}
            - slug: beta
              name: Beta Member
              country: ZW
              timeZone: Africa/Harare
              people:
                - {email: beta.one@example.org, name: Beta One}
        """

    static let otherNetwork = """
        format: indaba/1
        network:
          slug: othernet
          name: Other Network
          country: KE
          timeZone: Africa/Nairobi
          people:
            - {email: other.one@example.org, name: Other One}
        """

    /// A queue with one open item in alpha's session, and the access of alpha's administrator.
    struct Queue {
        let harness: PluginHarness
        let alpha: Organization.ID
        let item: Int64
        let access: Access
        let settings: RetentionSettings

        init() async throws {
            harness = try PluginHarness(plugins: [RetentionPlugin.self])
            try await harness.importText(ReviewQueueTenancyTests.network)
            try await harness.importText(ReviewQueueTenancyTests.otherNetwork, file: "other.yaml")
            let (alpha, session) = try await harness.workspace.read { db in
                (
                    try Lookup.organization("asktest/alpha", in: db).id!,
                    try Lookup.session("asktest/alpha/local/basics/intro", in: db)
                )
            }
            self.alpha = alpha
            let registry = harness.workspace.registry
            try await harness.workspace.write(as: AuditActor("test")) { transaction in
                try transaction.enable("retention", for: alpha, registry: registry)
            }
            let plugin = harness.workspace.plugin("retention") as! RetentionPlugin
            let settings = try await plugin.settings(for: alpha)
            self.settings = settings
            let export = """
                Name,Email,Join Time,Leave Time
                Mystery Guest,,06/21/2023 02:00 PM,06/21/2023 03:00 PM
                """
            try await harness.workspace.write(as: AuditActor("test")) { transaction in
                let importer = AttendanceImporter(settings: settings)
                let plan = try importer.plan(
                    data: Data(export.utf8), platform: nil, zone: nil, session: session, in: transaction.db)
                try importer.apply(plan, session: session, in: transaction)
            }
            let items = try await harness.workspace.read { db in
                try ReviewQueue.items(of: alpha, includeResolved: false, scope: nil, in: db)
            }
            item = try #require(items.first).id
            access = try await harness.workspace.read { db in
                try Access.granted(
                    role: .organizationAdmin, organization: alpha, person: nil, principal: "test", in: db)
            }
        }

        func person(_ email: String) async throws -> Person.ID {
            try await harness.workspace.read { db in try Lookup.person(email, in: db).id! }
        }

        /// Links the item to `person` as alpha's administrator; the error's text, or `nil` when it was linked.
        func link(to person: Person.ID) async throws -> String? {
            let (item, alpha, settings, scope) = (item, alpha, settings, Scope(access))
            do {
                try await harness.workspace.write(as: AuditActor("test")) { transaction in
                    try ReviewQueue.resolve(
                        item, of: alpha, decision: .link(person), settings: settings, scope: scope, in: transaction)
                }
                return nil
            } catch let error as AccessError {
                return error.description
            }
        }

        var openItems: Int {
            get async throws {
                let alpha = alpha
                return try await harness.workspace.read { db in
                    try ReviewQueue.items(of: alpha, includeResolved: false, scope: nil, in: db).count
                }
            }
        }
    }

    @Test("A person of another network or of a sibling member answers exactly like a person that does not exist")
    func linkOnlyToVisiblePeople() async throws {
        let queue = try await Queue()
        for email in ["other.one@example.org", "beta.one@example.org"] {
            let hidden = try await queue.person(email)
            let answer = try await queue.link(to: hidden)
            #expect(answer == "No person with id \(hidden.rawValue) exists here.")
            #expect(try await queue.openItems == 1)
        }
        let missing = try await queue.link(to: Person.ID(999_999))
        #expect(missing == "No person with id 999999 exists here.")
    }

    @Test("An export row with another network's e-mail matches nobody: queued, not enrolled as a walk-in")
    func exportMatchesOnlyTheNetworksPeople() async throws {
        let queue = try await Queue()
        let harness = queue.harness
        let session = try await harness.workspace.read { db in
            try Lookup.session("asktest/alpha/local/basics/intro", in: db)
        }
        let export = """
            Name,Email,Join Time,Leave Time
            Somebody,other.one@example.org,06/21/2023 02:00 PM,06/21/2023 03:00 PM
            """
        let settings = queue.settings
        let plan = try await harness.workspace.write(as: AuditActor("test")) { transaction in
            let importer = AttendanceImporter(settings: settings)
            let plan = try importer.plan(
                data: Data(export.utf8), platform: nil, zone: nil, session: session, in: transaction.db)
            try importer.apply(plan, session: session, in: transaction)
            return plan
        }
        #expect(plan.entries.isEmpty)
        #expect(plan.unmatched.map(\.reason) == ["unknown"])
        let other = try await queue.person("other.one@example.org")
        let roles = try await harness.workspace.read { db in
            try SeriesParticipation.roles(in: session.seriesId, in: db)[other]
        }
        #expect(roles == nil)
    }

    @Test("A network's own administrator neither lists nor resolves a member's review items; its coordinator does")
    func memberItemsOnlyForCoordinators() async throws {
        let queue = try await Queue()
        let (harness, item, settings) = (queue.harness, queue.item, queue.settings)
        let (network, admin, coordinator) = try await harness.workspace.read { db in
            let network = try Lookup.organization("asktest", in: db).id!
            return (
                network,
                Scope(
                    try Access.granted(
                        role: .organizationAdmin, organization: network, person: nil, principal: "a", in: db)),
                Scope(
                    try Access.granted(
                        role: .networkCoordinator, organization: network, person: nil, principal: "c", in: db))
            )
        }
        let (seenByAdmin, seenByCoordinator) = try await harness.workspace.read { db in
            (
                try ReviewQueue.items(of: network, includeResolved: true, scope: admin, in: db).map(\.id),
                try ReviewQueue.items(of: network, includeResolved: true, scope: coordinator, in: db).map(\.id)
            )
        }
        #expect(seenByAdmin.isEmpty)
        #expect(seenByCoordinator == [item])
        await #expect(throws: KernelError.notFound(entity: "review item", reference: "\(item)")) {
            try await harness.workspace.write(as: AuditActor("test")) { transaction in
                try ReviewQueue.resolve(
                    item, of: network, decision: .ignore, settings: settings, scope: admin, in: transaction)
            }
        }
        #expect(try await queue.openItems == 1)
    }

    @Test("A person the administrator can see (registered by alpha, not enrolled) is linked and enrolled")
    func linkToVisiblePerson() async throws {
        let queue = try await Queue()
        let own = try await queue.person("alpha.two@example.org")
        #expect(try await queue.link(to: own) == nil)
        #expect(try await queue.openItems == 0)
    }
}
