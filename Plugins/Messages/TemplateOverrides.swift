import Foundation
import GRDB
import Kernel

/// An organization's own wording: templates that replace built-in ones, by name (`reminder.text`).
enum TemplateOverrides {
    static let migration = PluginMigration(
        "0001-create-template",
        sql: """
            CREATE TABLE messages_template (
                organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                text TEXT NOT NULL,
                updatedAt DATETIME NOT NULL,
                PRIMARY KEY (organizationId, name)
            );
            """)

    /// The organization's templates, by name.
    static func all(of organization: Organization.ID, in db: Database) throws -> [String: String] {
        try Row.fetchAll(
            db, sql: "SELECT name, text FROM messages_template WHERE organizationId = ?", arguments: [organization]
        ).reduce(into: [:]) { $0[$1["name"]] = $1["text"] }
    }

    /// Stores `text` for template `name`, or goes back to the built-in one when `text` is empty or equals it as
    /// written in Indaba (`MessageTemplates.builtIn`) or as the editor showed it (`builtIn`, in their language).
    static func save(
        _ text: String?, name: String, builtIn: String? = nil, organization: Organization.ID, now: Date,
        in db: Database
    ) throws {
        guard let text, !text.isEmpty, text != MessageTemplates.builtIn(name), text != builtIn else {
            try db.execute(
                sql: "DELETE FROM messages_template WHERE organizationId = ? AND name = ?",
                arguments: [organization, name])
            return
        }
        try db.execute(
            sql: """
                INSERT INTO messages_template (organizationId, name, text, updatedAt) VALUES (?, ?, ?, ?)
                ON CONFLICT (organizationId, name) DO UPDATE SET text = excluded.text, updatedAt = excluded.updatedAt
                """, arguments: [organization, name, text, now])
    }
}
