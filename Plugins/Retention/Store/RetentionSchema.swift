import Foundation
import Kernel

/// The plugin's tables, and the tallies that make network-wide funnels fast.
///
/// `retention_attendedTally` (people present per session and gender) and `retention_enrolledTally` (enrolments per
/// series and gender) are kept by ``TallyKeeper`` from the kernel's events, in the same transaction as every write,
/// whatever writes it (the API, an import, a bulk load, the YAML importer). A funnel over a million attendance rows then
/// sums a few thousand tally rows instead of joining every row to its person. Gender is the stored self-description
/// (`unknown` without one); reports group it (see ``GenderGroup``) and never show it per person.
enum RetentionSchema {
    static let migrations = [
        PluginMigration(
            "0001-create-import-and-review",
            sql: """
                CREATE TABLE retention_import (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    sessionId INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                    digest TEXT NOT NULL,
                    platform TEXT NOT NULL,
                    rowCount INTEGER NOT NULL,
                    recorded INTEGER NOT NULL,
                    unmatched INTEGER NOT NULL,
                    personIds TEXT NOT NULL DEFAULT '',
                    importedAt DATETIME NOT NULL,
                    actor TEXT NOT NULL
                );
                CREATE INDEX retention_import_sessionId ON retention_import(sessionId);

                CREATE TABLE retention_unmatched (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    sessionId INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                    identityKey TEXT NOT NULL,
                    displayName TEXT NOT NULL,
                    email TEXT,
                    minutes INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 1440),
                    reason TEXT NOT NULL CHECK (reason IN ('unknown', 'ambiguous', 'notEnrolled')),
                    candidates TEXT NOT NULL DEFAULT '[]',
                    lines TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'linked', 'created', 'ignored')),
                    personId INTEGER REFERENCES person(id) ON DELETE SET NULL,
                    resolvedAt DATETIME,
                    resolvedBy TEXT,
                    createdAt DATETIME NOT NULL,
                    updatedAt DATETIME NOT NULL,
                    UNIQUE (sessionId, identityKey)
                );

                CREATE TABLE retention_alias (
                    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
                    identityKey TEXT NOT NULL,
                    -- NULL: rows with this name or e-mail are ignored (a dial-in, a test account).
                    personId INTEGER REFERENCES person(id) ON DELETE CASCADE,
                    createdAt DATETIME NOT NULL,
                    PRIMARY KEY (organizationId, identityKey)
                );

                CREATE TABLE retention_target (
                    seriesId INTEGER NOT NULL REFERENCES webinarSeries(id) ON DELETE CASCADE,
                    metric TEXT NOT NULL,
                    minimumPercent INTEGER NOT NULL CHECK (minimumPercent BETWEEN 0 AND 100),
                    PRIMARY KEY (seriesId, metric)
                );
                """),
        // 0002 once also filled the tallies and created triggers on kernel tables. Both were taken out: the store
        // now refuses a plugin trigger on a kernel table, and the tallies follow kernel events (``TallyKeeper``),
        // counted afresh when the plugin is enabled. Databases that ran the old 0002 drop its triggers in 0003.
        PluginMigration(
            "0002-create-tallies",
            sql: """
                CREATE TABLE retention_attendedTally (
                    sessionId INTEGER NOT NULL, gender TEXT NOT NULL, people INTEGER NOT NULL,
                    PRIMARY KEY (sessionId, gender)
                ) WITHOUT ROWID;
                CREATE TABLE retention_enrolledTally (
                    seriesId INTEGER NOT NULL, gender TEXT NOT NULL, people INTEGER NOT NULL,
                    PRIMARY KEY (seriesId, gender)
                ) WITHOUT ROWID;
                """),
        PluginMigration(
            "0003-drop-kernel-triggers",
            sql: """
                DROP TRIGGER IF EXISTS retention_attendance_insert;
                DROP TRIGGER IF EXISTS retention_attendance_update;
                DROP TRIGGER IF EXISTS retention_attendance_delete;
                DROP TRIGGER IF EXISTS retention_enrolment_insert;
                DROP TRIGGER IF EXISTS retention_enrolment_update;
                DROP TRIGGER IF EXISTS retention_enrolment_delete;
                DROP TRIGGER IF EXISTS retention_person_gender;
                DROP TRIGGER IF EXISTS retention_person_delete;
                """),
        // Visits (intervals in the meeting) behind imported records and review items, so that resolving an item for
        // someone already recorded merges the two visits instead of replacing one with the other.
        PluginMigration(
            "0004-keep-visits",
            sql: """
                ALTER TABLE retention_unmatched ADD COLUMN visit TEXT NOT NULL DEFAULT '';
                CREATE TABLE retention_visit (
                    sessionId INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                    personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                    visit TEXT NOT NULL,
                    PRIMARY KEY (sessionId, personId)
                ) WITHOUT ROWID;
                """),
    ]
}
