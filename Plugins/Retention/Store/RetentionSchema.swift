import Foundation
import Kernel

/// The plugin's tables, and the tallies that make network-wide funnels fast.
///
/// `retention_attendedTally` (people present per session and gender) and `retention_enrolledTally` (enrolments per
/// series and gender) are kept by triggers on the kernel's tables, in the same transaction as every write, whatever
/// writes it (the API, an import, a bulk load, the YAML importer). A funnel over a million attendance rows then
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
                INSERT INTO retention_attendedTally
                    SELECT a.sessionId, coalesce(p.gender, 'unknown'), count(*) FROM attendance a
                    JOIN person p ON p.id = a.personId WHERE a.status = 'present' GROUP BY 1, 2;
                INSERT INTO retention_enrolledTally
                    SELECT e.seriesId, coalesce(p.gender, 'unknown'), count(*) FROM enrolment e
                    JOIN person p ON p.id = e.personId GROUP BY 1, 2;

                \(attendanceTriggers)
                CREATE TRIGGER retention_enrolment_insert AFTER INSERT ON enrolment
                BEGIN
                    INSERT INTO retention_enrolledTally (seriesId, gender, people)
                    VALUES (NEW.seriesId, (SELECT coalesce(gender, 'unknown') FROM person WHERE id = NEW.personId), 1)
                    ON CONFLICT (seriesId, gender) DO UPDATE SET people = people + 1;
                END;
                CREATE TRIGGER retention_enrolment_update AFTER UPDATE OF seriesId, personId ON enrolment
                BEGIN
                    UPDATE retention_enrolledTally SET people = people - 1
                    WHERE seriesId = OLD.seriesId
                      AND gender = (SELECT coalesce(gender, 'unknown') FROM person WHERE id = OLD.personId);
                    INSERT INTO retention_enrolledTally (seriesId, gender, people)
                    VALUES (NEW.seriesId, (SELECT coalesce(gender, 'unknown') FROM person WHERE id = NEW.personId), 1)
                    ON CONFLICT (seriesId, gender) DO UPDATE SET people = people + 1;
                END;
                CREATE TRIGGER retention_enrolment_delete AFTER DELETE ON enrolment
                BEGIN
                    UPDATE retention_enrolledTally SET people = people - 1
                    WHERE seriesId = OLD.seriesId
                      AND gender = (SELECT coalesce(gender, 'unknown') FROM person WHERE id = OLD.personId);
                END;

                CREATE TRIGGER retention_person_gender AFTER UPDATE OF gender ON person
                WHEN coalesce(OLD.gender, 'unknown') <> coalesce(NEW.gender, 'unknown')
                BEGIN
                    UPDATE retention_attendedTally SET people = people - 1
                    WHERE gender = coalesce(OLD.gender, 'unknown')
                      AND sessionId IN (SELECT sessionId FROM attendance WHERE personId = NEW.id AND status = 'present');
                    INSERT INTO retention_attendedTally (sessionId, gender, people)
                    SELECT sessionId, coalesce(NEW.gender, 'unknown'), 1 FROM attendance
                    WHERE personId = NEW.id AND status = 'present'
                    ON CONFLICT (sessionId, gender) DO UPDATE SET people = people + 1;
                    UPDATE retention_enrolledTally SET people = people - 1
                    WHERE gender = coalesce(OLD.gender, 'unknown')
                      AND seriesId IN (SELECT seriesId FROM enrolment WHERE personId = NEW.id);
                    INSERT INTO retention_enrolledTally (seriesId, gender, people)
                    SELECT seriesId, coalesce(NEW.gender, 'unknown'), 1 FROM enrolment WHERE personId = NEW.id
                    ON CONFLICT (seriesId, gender) DO UPDATE SET people = people + 1;
                END;
                -- Delete a person's rows while the person still exists, so the triggers above still see the gender.
                CREATE TRIGGER retention_person_delete BEFORE DELETE ON person
                BEGIN
                    DELETE FROM attendance WHERE personId = OLD.id;
                    DELETE FROM enrolment WHERE personId = OLD.id;
                END;
                """),
    ]

    /// The triggers that keep `retention_attendedTally`, part of migration 0002 (never edit: add a migration). The
    /// bulk load (``AttendanceLoad``) drops them for its transaction, counts in memory and recreates them.
    static let attendanceTriggers = """
        CREATE TRIGGER retention_attendance_insert AFTER INSERT ON attendance WHEN NEW.status = 'present'
        BEGIN
            INSERT INTO retention_attendedTally (sessionId, gender, people)
            VALUES (NEW.sessionId, (SELECT coalesce(gender, 'unknown') FROM person WHERE id = NEW.personId), 1)
            ON CONFLICT (sessionId, gender) DO UPDATE SET people = people + 1;
        END;
        CREATE TRIGGER retention_attendance_update AFTER UPDATE OF status, sessionId, personId ON attendance
        WHEN OLD.status = 'present' OR NEW.status = 'present'
        BEGIN
            UPDATE retention_attendedTally SET people = people - 1
            WHERE OLD.status = 'present' AND sessionId = OLD.sessionId
              AND gender = (SELECT coalesce(gender, 'unknown') FROM person WHERE id = OLD.personId);
            INSERT INTO retention_attendedTally (sessionId, gender, people)
            SELECT NEW.sessionId, (SELECT coalesce(gender, 'unknown') FROM person WHERE id = NEW.personId), 1
            WHERE NEW.status = 'present'
            ON CONFLICT (sessionId, gender) DO UPDATE SET people = people + 1;
        END;
        CREATE TRIGGER retention_attendance_delete AFTER DELETE ON attendance WHEN OLD.status = 'present'
        BEGIN
            UPDATE retention_attendedTally SET people = people - 1
            WHERE sessionId = OLD.sessionId
              AND gender = (SELECT coalesce(gender, 'unknown') FROM person WHERE id = OLD.personId);
        END;
        """

    static let attendanceTriggerNames = [
        "retention_attendance_insert", "retention_attendance_update", "retention_attendance_delete",
    ]
}
