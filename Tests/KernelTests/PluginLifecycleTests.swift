import Foundation
import GRDB
import Kernel
import KernelTesting
import Logging
import PluginKit
import Testing

@Suite("Plugins: per-organization enablement, settings, audit log and events")
struct PluginLifecycleTests {
    static let plugins: [any Plugin.Type] = [
        BaseLogPlugin.self, SessionLogPlugin.self, ChangeFreezePlugin.self, FlakyPlugin.self,
    ]

    /// A harness with the sample network imported; returns the network's and the member's ids.
    private func prepared() async throws -> (PluginHarness, network: Organization.ID, member: Organization.ID) {
        let harness = try PluginHarness(plugins: Self.plugins)
        try await harness.importText(Samples.network)
        let (network, member) = try await harness.workspace.read { db in
            (
                try Lookup.organization("testnet", in: db).id!,
                try Lookup.organization("testnet/lagos-member", in: db).id!
            )
        }
        return (harness, network, member)
    }

    private func enable(
        _ plugin: PluginID, _ harness: PluginHarness, _ org: Organization.ID,
        settings: [String: JSONValue] = [:]
    ) async throws {
        let registry = harness.workspace.registry
        try await harness.workspace.write(as: AuditActor("test:admin")) { transaction in
            try transaction.enable(plugin, for: org, settings: settings, registry: registry)
        }
    }

    private func addSession(_ harness: PluginHarness, slug: String, series: String) async throws -> Session {
        try await harness.workspace.write(as: AuditActor("test:admin")) { transaction in
            let series = try Lookup.series(series, in: transaction.db)
            return try transaction.save(
                Session(
                    seriesId: series.id!, position: 9, slug: slug, title: "Extra", kind: .live,
                    startsAt: Date(timeIntervalSince1970: 1_800_000_000),
                    endsAt: Date(timeIntervalSince1970: 1_800_003_600),
                    timeZone: "Africa/Harare", createdAt: transaction.now, updatedAt: transaction.now))
        }
    }

    @Test("a plugin enabled or disabled inside a transaction hears exactly the events raised after that")
    func enablementChangesWithinATransaction() async throws {
        let (harness, network, _) = try await prepared()
        let registry = harness.workspace.registry
        let changeJoinLink = { @Sendable (transaction: WriteTransaction, link: String) throws in
            var session = try Lookup.session("testnet/webinars/series-one/intro", in: transaction.db)
            session.joinURL = link
            _ = try transaction.save(session)
        }
        // The first change is heard by nobody (the freeze is off); the second, after enabling it, is vetoed.
        await #expect(throws: Veto.self) {
            try await harness.workspace.write(as: AuditActor("test:admin")) { transaction in
                try changeJoinLink(transaction, "https://meet.example.org/first")
                try transaction.enable("change-freeze", for: network, registry: registry)
                try changeJoinLink(transaction, "https://meet.example.org/second")
            }
        }
        try await enable("change-freeze", harness, network)
        // Disabled inside the transaction, the freeze no longer hears the change that follows.
        try await harness.workspace.write(as: AuditActor("test:admin")) { transaction in
            try transaction.disable("change-freeze", for: network, registry: registry)
            try changeJoinLink(transaction, "https://meet.example.org/third")
        }
    }

    @Test("enabling a plugin whose dependency is not enabled is refused, naming the missing one")
    func dependencyMustBeEnabledFirst() async throws {
        let (harness, network, _) = try await prepared()
        let error = await #expect(throws: KernelError.self) { try await enable("session-log", harness, network) }
        #expect(error == .pluginDependencyNotEnabled("session-log", missing: ["base-log"], organization: network))
        #expect(error?.description.contains("needs 'base-log' enabled") == true)
        try await enable("base-log", harness, network)
        try await enable("session-log", harness, network)
        let registry = harness.workspace.registry
        let refusal = await #expect(throws: KernelError.self) {
            try await harness.workspace.write(as: AuditActor("test:admin")) { transaction in
                try transaction.disable("base-log", for: network, registry: registry)
            }
        }
        #expect(refusal == .pluginRequiredBy("base-log", dependents: ["session-log"], organization: network))
    }

    @Test("every enable, disable and settings change is in the audit log: who, when, what")
    func auditLog() async throws {
        let (harness, network, _) = try await prepared()
        try await enable("base-log", harness, network)
        harness.clock.advance(by: 60)
        try await enable("session-log", harness, network, settings: ["label": .string("ops")])
        harness.clock.advance(by: 60)
        let registry = harness.workspace.registry
        try await harness.workspace.write(as: AuditActor("cli:coordinator")) { transaction in
            try transaction.changeSettings(
                of: "session-log", for: network, ["retentionDays": .integer(90)], registry: registry)
            try transaction.changeSettings(
                of: "session-log", for: network, ["retentionDays": .integer(90)], registry: registry)
            try transaction.disable("session-log", for: network, registry: registry)
        }
        // The plugins' lines (the import that prepared the network has its own, without a plugin).
        let entries = try await harness.workspace.read { db in
            try AuditEntry.filter(Column("pluginId") != nil).order(Column("id")).fetchAll(db)
        }
        #expect(
            entries.map(\.action) == ["plugin.enabled", "plugin.enabled", "plugin.settingsChanged", "plugin.disabled"])
        #expect(entries.map(\.actor) == ["test:admin", "test:admin", "cli:coordinator", "cli:coordinator"])
        #expect(entries.map(\.pluginId) == ["base-log", "session-log", "session-log", "session-log"])
        #expect(entries[1].detail == #"{"label":"ops"}"#)
        #expect(entries[2].detail == #"{"retentionDays":90}"#)  // the repeated, identical change wrote nothing
        #expect(entries[2].occurredAt == harness.clock.now)
        #expect(entries.allSatisfy { $0.organizationId == network })
    }

    @Test("a value of the wrong kind inside a setting is named in an administrator's words, not by a Swift type")
    func wrongKindInWords() throws {
        struct Labels: PluginSettings {
            var labels: [String: String]
            var flags: [String: Bool]
            static let defaults = Labels(labels: [:], flags: [:])
        }
        for (value, words) in [
            (JSONValue.object(["radio": .number(1)]), "expected text (in quotes)"),
            (.array([]), "expected an object ({…})"),
        ] {
            let refused = #expect(throws: SettingsError.self) {
                try SettingsCodec.decode(Labels.self, from: ["labels": value, "flags": .object([:])], plugin: "labels")
            }
            #expect(refused?.description.hasSuffix("is invalid: \(words).") == true, "\(String(describing: refused))")
        }
        let notBoolean = #expect(throws: SettingsError.self) {
            try SettingsCodec.decode(
                Labels.self, from: ["labels": .object([:]), "flags": .object(["on": .string("yes")])], plugin: "labels")
        }
        #expect(notBoolean?.description.hasSuffix("is invalid: expected true or false.") == true)
    }

    @Test(
        "a number a whole-number setting cannot hold is named by its path (the decoder says only 'not valid JSON')",
        arguments: [JSONValue.number(1.5), .number(1e300), .number(1e20)])
    func misfitNumberNamed(number: JSONValue) throws {
        struct Reminders: PluginSettings {
            var weight: Double
            var rules: [Rule]
            struct Rule: Codable, Sendable, Equatable { var hours: [Int] }
            static let defaults = Reminders(weight: 0.5, rules: [])
        }
        // Two such numbers: the first is named.
        let settings: [String: JSONValue] = [
            "weight": .number(0.25),
            "rules": .array([.object(["hours": .array([.integer(24), number, .number(2.5)])])]),
        ]
        let refused = #expect(throws: SettingsError.self) {
            try SettingsCodec.decode(Reminders.self, from: settings, plugin: "reminders")
        }
        #expect(
            refused?.description
                == "Setting 'rules.[0].hours.[1]' of plugin reminders is invalid: must be a whole number, such as 3.")
    }

    @Test("settings are strict: unknown keys and wrong types are refused, defaults fill the rest")
    func strictSettings() async throws {
        let (harness, network, _) = try await prepared()
        try await enable("base-log", harness, network)
        let unknown = await #expect(throws: SettingsError.self) {
            try await enable("session-log", harness, network, settings: ["lable": .string("typo")])
        }
        #expect(
            unknown?.description.contains("has no setting 'lable'; its settings are label, logCancellations") == true)
        let wrongType = await #expect(throws: SettingsError.self) {
            try await enable("session-log", harness, network, settings: ["retentionDays": .string("soon")])
        }
        #expect(
            wrongType?.description
                == "Setting 'retentionDays' of plugin session-log is invalid: must be a whole number, such as 30.")
        let fraction = await #expect(throws: SettingsError.self) {
            try await enable("session-log", harness, network, settings: ["retentionDays": .number(7.5)])
        }
        #expect(fraction?.description.contains("'retentionDays'") == true)
        try await enable("session-log", harness, network, settings: ["label": .string("ops")])
        let plugin = try #require(harness.workspace.plugin("session-log") as? SessionLogPlugin)
        let settings = try await plugin.context.settings(SessionLogSettings.self, for: network)
        #expect(settings == SessionLogSettings(label: "ops", logCancellations: true, retentionDays: 30))
    }

    @Test("a changed setting is read at once, and another organization keeps its own (decoded settings are reused)")
    func changedSettingsAreReadAtOnce() async throws {
        let (harness, network, member) = try await prepared()
        try await enable("base-log", harness, network)
        try await enable("base-log", harness, member)
        let plugin = try #require(harness.workspace.plugin("session-log") as? SessionLogPlugin)
        #expect(try await plugin.context.settings(SessionLogSettings.self, for: network) == .defaults)
        try await enable("session-log", harness, network, settings: ["label": .string("first")])
        try await enable("session-log", harness, member, settings: ["label": .string("member")])
        #expect(try await plugin.context.settings(SessionLogSettings.self, for: network).label == "first")
        let registry = harness.workspace.registry
        try await harness.workspace.write(as: AuditActor("test:admin")) { transaction in
            try transaction.changeSettings(
                of: "session-log", for: network, ["label": .string("second")], registry: registry)
        }
        #expect(try await plugin.context.settings(SessionLogSettings.self, for: network).label == "second")
        #expect(try await plugin.context.settings(SessionLogSettings.self, for: member).label == "member")
    }

    @Test("events reach only plugins enabled for the organization, after commit")
    func eventsAreGatedPerOrganization() async throws {
        let (harness, network, member) = try await prepared()
        try await enable("base-log", harness, member)
        try await enable("session-log", harness, member, settings: ["label": .string("member")])
        try await harness.importText(Samples.network(replacing: "slug: series-one", with: "slug: series-two"))
        let memberSeries = """
            format: indaba/1
            network:
              slug: testnet
              name: Test Network
              country: ZW
              timeZone: Africa/Harare
              members:
                - slug: lagos-member
                  name: Lagos Member
                  country: NG
                  timeZone: Africa/Lagos
                  programmes:
                    - slug: local
                      title: Local programme
                      series:
                        - slug: local-series
                          title: Local series
                          status: draft
                          timeZone: Africa/Lagos
                          sessions:
                            - slug: first
                              title: First
                              kind: live
                              starts: 2027-02-10T10:00
                              ends: 2027-02-10T11:00
            """
        try await harness.importText(memberSeries)
        let entries = try await SessionLogPlugin.entries(in: harness.workspace)
        #expect(entries.count == 1)
        #expect(entries.first?.organization == member && entries.first?.label == "member")
        #expect(entries.first?.committedWhenDelivered == true)
        #expect(try await SessionLogPlugin.entries(in: harness.workspace, organization: network).isEmpty)
    }

    @Test("a disabled plugin's handlers stop running; re-enabling brings them back with their settings")
    func disablingStopsHandlers() async throws {
        let (harness, network, _) = try await prepared()
        try await enable("base-log", harness, network)
        try await enable("session-log", harness, network, settings: ["label": .string("kept")])
        _ = try await addSession(harness, slug: "extra-one", series: "testnet/webinars/series-one")
        let registry = harness.workspace.registry
        try await harness.workspace.write(as: AuditActor("test:admin")) { transaction in
            try transaction.disable("session-log", for: network, registry: registry)
        }
        _ = try await addSession(harness, slug: "extra-two", series: "testnet/webinars/series-one")
        try await enable("session-log", harness, network)
        _ = try await addSession(harness, slug: "extra-three", series: "testnet/webinars/series-one")
        let entries = try await SessionLogPlugin.entries(in: harness.workspace)
        #expect(entries.count == 2)
        #expect(entries.allSatisfy { $0.label == "kept" })
    }

    @Test("events are not delivered when the write rolls back")
    func noEventsOnRollback() async throws {
        let (harness, network, _) = try await prepared()
        try await enable("base-log", harness, network)
        try await enable("session-log", harness, network)
        struct Abort: Error {}
        await #expect(throws: Abort.self) {
            try await harness.workspace.write(as: AuditActor("test:admin")) { transaction in
                let series = try Lookup.series("testnet/webinars/series-one", in: transaction.db)
                try transaction.save(
                    Session(
                        seriesId: series.id!, position: 9, slug: "doomed", title: "Doomed", kind: .live,
                        startsAt: Date(timeIntervalSince1970: 1_800_000_000),
                        endsAt: Date(timeIntervalSince1970: 1_800_003_600), timeZone: "Africa/Harare",
                        createdAt: transaction.now, updatedAt: transaction.now))
                throw Abort()
            }
        }
        #expect(try await SessionLogPlugin.entries(in: harness.workspace).isEmpty)
        let doomed = try await harness.workspace.read { db in
            try Session.filter(Column("slug") == "doomed").fetchCount(db)
        }
        #expect(doomed == 0)
    }

    @Test("a before-commit handler can veto a change; the whole write rolls back")
    func vetoRollsBack() async throws {
        let (harness, network, _) = try await prepared()
        try await enable("change-freeze", harness, network)
        let session = try await harness.workspace.read { db in
            try Lookup.session("testnet/webinars/series-one/intro", in: db)
        }
        let veto = await #expect(throws: Veto.self) {
            try await harness.workspace.write(as: AuditActor("test:admin")) { transaction in
                try transaction.reschedule(
                    session.id!, startsAt: session.startsAt.addingTimeInterval(3600),
                    endsAt: session.endsAt.addingTimeInterval(3600))
            }
        }
        #expect(veto?.reason == "Sessions are frozen; ask a coordinator.")
        let after = try await harness.workspace.read { db in try Session.fetchOne(db, key: session.id!) }
        #expect(after == session)
    }

    @Test("a failing after-commit handler is logged with its plugin id and does not undo the write")
    func failingHandlerIsLogged() async throws {
        let (harness, network, _) = try await prepared()
        try await enable("flaky", harness, network)
        let enrolment = try await harness.workspace.write(as: AuditActor("test:admin")) { transaction in
            let person = try Lookup.person("facilitator@example.org", in: transaction.db)
            let series = try Lookup.series("testnet/webinars/series-one", in: transaction.db)
            return try transaction.enrol(person.id!, in: series.id!, at: transaction.now, channel: "website")
        }
        let stored = try await harness.workspace.read { db in try Enrolment.fetchOne(db, key: enrolment.id!) }
        #expect(stored != nil)
        let failure = try #require(harness.logs.records.first { $0.level == .error })
        #expect(failure.metadata["plugin.id"] == "flaky")
        #expect(failure.metadata["event"] == "person.enrolled")
        #expect(!harness.logs.records.contains { $0.text.contains("@") })
    }

    @Test("a plugin migration that puts a trigger on a kernel table is refused, naming the plugin and the table")
    func triggerOnKernelTable() throws {
        struct Spy: Plugin {
            static let id: PluginID = "spy"
            static let version: SemanticVersion = "1.0.0"
            static let migrations = [
                PluginMigration(
                    "0001-watch",
                    sql: """
                        CREATE TABLE spy_seen (personId INTEGER NOT NULL);
                        CREATE TRIGGER spy_watch AFTER INSERT ON person
                        BEGIN INSERT INTO spy_seen (personId) VALUES (NEW.id); END;
                        """)
            ]
            init(context: PluginContext) {}
        }
        struct OwnTrigger: Plugin {
            static let id: PluginID = "own-trigger"
            static let version: SemanticVersion = "1.0.0"
            static let migrations = [
                PluginMigration(
                    "0001-own",
                    sql: """
                        CREATE TABLE ownTrigger_item (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0);
                        CREATE TRIGGER ownTrigger_count AFTER INSERT ON ownTrigger_item
                        BEGIN UPDATE ownTrigger_item SET n = n + 1 WHERE id = NEW.id; END;
                        """)
            ]
            init(context: PluginContext) {}
        }
        let error = #expect(throws: StoreError.self) { try TestStore.inMemory(plugins: [Spy.self]) }
        #expect(
            error
                == .triggerOnForeignTable(
                    plugin: "spy", migration: "spy/0001-watch", trigger: "spy_watch", table: "person"))
        #expect(error?.description.contains("Plugin spy's migration spy/0001-watch") == true)
        #expect(error?.description.contains("on table person") == true)
        // A trigger on the plugin's own table is its own business.
        _ = try TestStore.inMemory(plugins: [OwnTrigger.self])
    }

    @Test("plugin migrations run once, and a migration outside the plugin's prefix is refused")
    func migrations() async throws {
        struct Rogue: Plugin {
            static let id: PluginID = "rogue"
            static let version: SemanticVersion = "1.0.0"
            static let migrations = [
                PluginMigration("0001-sneak", sql: "ALTER TABLE person ADD COLUMN shoeSize INTEGER")
            ]
            init(context: PluginContext) {}
        }
        let error = #expect(throws: StoreError.self) { try TestStore.inMemory(plugins: [Rogue.self]) }
        #expect(error == .migrationOutsidePrefix(migration: "rogue/0001-sneak", prefix: "rogue_", objects: ["person"]))

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("indaba.sqlite").path
        let registry = try PluginRegistry(installing: Self.plugins)
        for _ in 0..<2 {
            let workspace = try Workspace.open(
                store: try Store.open(path: path), registry: registry, logger: .init(label: "t"))
            let applied = try await workspace.read { db in
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
            }
            // Every kernel migration, numbered without gaps, then the plugin's one.
            let kernel = applied.filter { $0.hasPrefix("kernel/") }
            #expect(kernel.first == "kernel/0001-create-domain")
            #expect(kernel.enumerated().allSatisfy { $1.hasPrefix(String(format: "kernel/%04d-", $0 + 1)) })
            #expect(kernel.contains("kernel/0009-audit-subject"))
            #expect(applied.filter { !$0.hasPrefix("kernel/") } == ["session-log/0001-create-entry"])
        }
        // Uninstalling the plugin leaves its migration applied and its table in place, with a notice.
        let logs = CapturedLogs()
        let workspace = try Workspace.open(
            store: try Store.open(path: path), registry: try PluginRegistry(installing: []), logger: logs.logger())
        #expect(try await workspace.read { db in try db.tableExists("sessionLog_entry") })
        #expect(
            logs.records.contains {
                $0.level == .notice && $0.metadata["migration.id"] == "session-log/0001-create-entry"
            })
    }
}
