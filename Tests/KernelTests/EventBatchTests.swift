import GRDB
import Kernel
import KernelTesting
import PluginKit
import Testing

/// Hears attendance events one by one and in batches, and writes what it heard, in order, to its own table.
private struct BatchSpyPlugin: Plugin {
    static let id: PluginID = "batch-spy"
    static let version: SemanticVersion = "1.0.0"
    static let migrations = [
        PluginMigration(
            "0001-heard",
            sql: """
                CREATE TABLE batchSpy_heard (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    handler TEXT NOT NULL,
                    call INTEGER,
                    personId INTEGER NOT NULL,
                    status TEXT NOT NULL
                );
                """)
    ]

    init(context: PluginContext) {}

    var eventHandlers: [EventHandler] {
        [
            .beforeCommit(AttendanceRecorded.self) { event, db in
                try Self.heard("recorded", nil, event.personId, event.status, in: db)
            },
            .maintainingBatches(AttendanceChanged.self) { events, db in
                let call = try Int.fetchOne(db, sql: "SELECT coalesce(max(call), 0) + 1 FROM batchSpy_heard")
                for event in events { try Self.heard("batch", call, event.personId, event.status, in: db) }
            },
            .beforeCommit(AttendanceChanged.self) { event, db in
                try Self.heard("changed", nil, event.personId, event.status, in: db)
            },
        ]
    }

    static func heard(
        _ handler: String, _ call: Int?, _ person: Person.ID, _ status: Attendance.Status, in db: Database
    ) throws {
        try db.execute(
            sql: "INSERT INTO batchSpy_heard (handler, call, personId, status) VALUES (?, ?, ?, ?)",
            arguments: [handler, call, person, status])
    }

    /// What the spy heard, in order: `handler call person status`, after the first `skipping` lines.
    static func heard(in workspace: Workspace, skipping: Int = 0) async throws -> [String] {
        try await workspace.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT handler || ' ' || coalesce(call, '-') || ' ' || personId || ' ' || status
                    FROM batchSpy_heard ORDER BY id
                    """
            ).dropFirst(skipping).map { $0 }
        }
    }
}

/// A kernel change that raises many events at once raises them as a batch (issue 19, item 6): handlers that take
/// events one by one hear each as it is raised, handlers that take batches hear them together, once, at the end.
@Suite("Events raised as a batch")
struct EventBatchTests {
    /// The harness with the spy enabled, the session, three people, and how many lines the spy heard already:
    /// enabling a plugin that maintains a table from batches hands it the stored attendance as a first batch.
    private func prepared() async throws -> (PluginHarness, Session.ID, [Person.ID], Int) {
        let harness = try PluginHarness(plugins: [BatchSpyPlugin.self])
        try await harness.importText(Samples.network)
        let registry = harness.workspace.registry
        let (session, people) = try await harness.workspace.write(as: AuditActor("test:admin")) { transaction in
            let network = try Lookup.organization("testnet", in: transaction.db).id!
            try transaction.enable("batch-spy", for: network, registry: registry)
            let session = try Lookup.session("testnet/webinars/series-one/intro", in: transaction.db)
            let people = try ["participant.one@example.org", "participant.two@example.org", "facilitator@example.org"]
                .map { try Lookup.person($0, in: transaction.db).id! }
            return (session.id!, people)
        }
        let backfill = try await BatchSpyPlugin.heard(in: harness.workspace)
        #expect(backfill.allSatisfy { $0.hasPrefix("batch 1 ") })
        return (harness, session, people, backfill.count)
    }

    @Test("One batch: per-event handlers in order as raised, the batch handler once with all, delivery unchanged")
    func batchOrder() async throws {
        let (harness, session, people, before) = try await prepared()
        let (one, two, facilitator) = (people[0].rawValue, people[1].rawValue, people[2].rawValue)
        let raised = try await harness.workspace.write(as: AuditActor("test:admin")) { transaction in
            try transaction.recordAttendance(
                [
                    AttendanceEntry(personId: people[0], status: .absent, minutes: 0),
                    AttendanceEntry(personId: people[1], status: .present, minutes: 50),
                    AttendanceEntry(personId: people[2], status: .present, minutes: 60),
                ], at: session)
            return transaction.events.pending.map { type(of: $0.event).name }
        }
        #expect(raised == Array(repeating: ["attendance.recorded", "attendance.changed"], count: 3).flatMap { $0 })
        #expect(
            try await BatchSpyPlugin.heard(in: harness.workspace, skipping: before) == [
                "recorded - \(one) absent", "changed - \(one) absent", "recorded - \(two) present",
                "changed - \(two) present", "recorded - \(facilitator) present", "changed - \(facilitator) present",
                "batch 2 \(one) absent", "batch 2 \(two) present", "batch 2 \(facilitator) present",
            ])
        // A single record is a batch of one.
        try await harness.workspace.write(as: AuditActor("test:admin")) { transaction in
            try transaction.recordAttendance(of: people[1], at: session, status: .absent, minutes: 0)
        }
        #expect(
            try await BatchSpyPlugin.heard(in: harness.workspace).suffix(3) == [
                "recorded - \(two) absent", "changed - \(two) absent", "batch 3 \(two) absent",
            ])
    }

    @Test("A batch that fails part-way still hands the events it raised to the batch handler")
    func failedBatch() async throws {
        let (harness, session, people, before) = try await prepared()
        let refused = try await harness.workspace.write(as: AuditActor("test:admin")) { transaction in
            do {
                try transaction.recordAttendance(
                    [
                        AttendanceEntry(personId: people[2], status: .present, minutes: 60),
                        AttendanceEntry(personId: people[1], status: .excused, minutes: 5),
                    ], at: session)
                return false
            } catch KernelError.invalidField(field: "minutes", _) {
                return true
            }
        }
        #expect(refused)
        let facilitator = people[2].rawValue
        #expect(
            try await BatchSpyPlugin.heard(in: harness.workspace, skipping: before) == [
                "recorded - \(facilitator) present", "changed - \(facilitator) present",
                "batch 2 \(facilitator) present",
            ])
    }
}
