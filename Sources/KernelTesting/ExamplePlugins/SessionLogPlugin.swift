public import ArgumentParser
import Foundation
import GRDB
public import Hummingbird
public import Kernel
public import PluginKit

/// The example plugin of the tests: it uses every part of the plugin protocol, end to end.
///
/// It keeps a log of session events in its own table (`sessionLog_entry`), has strict settings, a dependency,
/// a migration, a command, and handlers in both phases.
public struct SessionLogPlugin: Plugin {
    public static let id: PluginID = "session-log"
    public static let version: SemanticVersion = "1.2.0"
    public static let dependencies = [PluginRequirement("base-log", from: "1.0.0")]
    public static let settings: any PluginSettings.Type = SessionLogSettings.self
    public static let commands: [any PluginCommand.Type] = [SessionLogEntriesCommand.self]
    public static let migrations = [
        PluginMigration(
            "0001-create-entry",
            sql: """
                CREATE TABLE sessionLog_entry (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
                    event TEXT NOT NULL,
                    sessionId INTEGER NOT NULL,
                    label TEXT NOT NULL,
                    committedWhenDelivered BOOLEAN NOT NULL
                );
                CREATE INDEX sessionLog_entry_organizationId ON sessionLog_entry(organizationId);
                """)
    ]

    public let context: PluginContext

    public init(context: PluginContext) {
        self.context = context
    }

    public var eventHandlers: [EventHandler] {
        [
            .afterCommit(SessionScheduled.self) { event in
                try await record("scheduled", session: event.sessionId, organization: event.organizationId)
            },
            .afterCommit(SessionCancelled.self) { event in
                let settings = try await context.settings(SessionLogSettings.self, for: event.organizationId)
                if settings.logCancellations {
                    try await record("cancelled", session: event.sessionId, organization: event.organizationId)
                }
            },
        ]
    }

    /// `GET /api/v1/orgs/{org}/session-log/entries`: the organization's entries.
    public func addRoutes(to routes: RouteCollection<IndabaRequestContext>) {
        routes.get("entries") { [context] _, request in
            let organization = request.organization!.id!
            let entries = try await Self.entries(
                in: context.store, organization: organization)
            return "\(entries.count) entries for organization \(organization)"
        }
    }

    /// `GET /public/orgs/{org}/session-log/count`: how many entries, for anyone.
    public func addPublicRoutes(to routes: RouteCollection<IndabaRequestContext>) {
        routes.get("count") { [context] _, request in
            "\(try await Self.entries(in: context.store, organization: request.organization!.id!).count)"
        }
    }

    private func record(_ event: String, session: Session.ID, organization: Organization.ID) async throws {
        let settings = try await context.settings(SessionLogSettings.self, for: organization)
        try await context.store.writer.write { db in
            // A fresh read in the handler sees the session only if its transaction has committed.
            let committed = try Session.fetchOne(db, key: session) != nil
            try db.execute(
                sql: """
                    INSERT INTO sessionLog_entry (organizationId, event, sessionId, label, committedWhenDelivered)
                    VALUES (?, ?, ?, ?, ?)
                    """, arguments: [organization, event, session, settings.label, committed])
        }
    }

    /// The entries logged for an organization, oldest first.
    public static func entries(in workspace: Workspace, organization: Organization.ID? = nil) async throws -> [LogEntry]
    {
        try await entries(in: workspace.store, organization: organization)
    }

    static func entries(in store: Store, organization: Organization.ID?) async throws -> [LogEntry] {
        try await store.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT organizationId, event, sessionId, label, committedWhenDelivered FROM sessionLog_entry
                    WHERE ?1 IS NULL OR organizationId = ?1 ORDER BY id
                    """, arguments: [organization]
            ).map {
                LogEntry(
                    organization: $0[0], event: $0[1], session: $0[2], label: $0[3], committedWhenDelivered: $0[4])
            }
        }
    }

    public struct LogEntry: Equatable, Sendable {
        public let organization: Organization.ID
        public let event: String
        public let session: Session.ID
        public let label: String
        public let committedWhenDelivered: Bool
    }
}

public struct SessionLogSettings: PluginSettings {
    public var label: String
    public var logCancellations: Bool
    public var retentionDays: Int

    public static let defaults = SessionLogSettings(label: "log", logCancellations: true, retentionDays: 30)

    public init(label: String, logCancellations: Bool, retentionDays: Int) {
        self.label = label
        self.logCancellations = logCancellations
        self.retentionDays = retentionDays
    }
}

/// `indaba session-log entries --org ORG`: counts the organization's entries, prints the count and writes it to
/// `<database>.ran` so that tests can see the command really ran (and for which organization).
public struct SessionLogEntriesCommand: PluginCommand {
    public static let configuration = CommandConfiguration(commandName: "entries", abstract: "Count log entries.")

    @OptionGroup public var pluginOptions: PluginCommandOptions

    public init() {}

    public func run(in context: PluginCommandContext) async throws {
        let entries = try await SessionLogPlugin.entries(in: context.workspace, organization: context.organization.id)
        let marker = context.workspace.store.path.map { $0 + ".ran" } ?? "/dev/null"
        try "\(entries.count)".write(toFile: marker, atomically: true, encoding: .utf8)
        print("\(entries.count) entries")
    }
}

/// The dependency of the example plugin; it contributes nothing.
public struct BaseLogPlugin: Plugin {
    public static let id: PluginID = "base-log"
    public static let version: SemanticVersion = "1.4.0"
    public init(context: PluginContext) {}
}

/// Refuses every change of a session while enabled: proves before-commit vetoes roll the write back.
public struct ChangeFreezePlugin: Plugin {
    public static let id: PluginID = "change-freeze"
    public static let version: SemanticVersion = "0.1.0"
    public init(context: PluginContext) {}

    public var eventHandlers: [EventHandler] {
        [.beforeCommit(SessionChanged.self) { _, _ in throw Veto("Sessions are frozen; ask a coordinator.") }]
    }
}

/// Fails in every after-commit handler: proves failures are logged and change nothing.
public struct FlakyPlugin: Plugin {
    public static let id: PluginID = "flaky"
    public static let version: SemanticVersion = "0.1.0"
    public init(context: PluginContext) {}

    public var eventHandlers: [EventHandler] {
        [.afterCommit(PersonEnrolled.self) { _ in throw CocoaError(.fileNoSuchFile) }]
    }
}
