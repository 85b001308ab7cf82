import GRDB
import Kernel

/// What an erased person leaves behind in the plugin: the names and addresses an export matched to them (aliases,
/// resolved review items) go; their counted attendance stays, as the kernel keeps it.
enum PersonErasure {
    static let handlers: [EventHandler] = [
        .maintaining(PersonErased.self) { event, db in
            try db.execute(
                sql: """
                    DELETE FROM retention_alias WHERE personId = :person;
                    DELETE FROM retention_unmatched WHERE personId = :person;
                    """, arguments: ["person": event.personId])
        }
    ]
}
