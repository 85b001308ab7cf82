/// The kernel's schema, as named SQL migrations. Never edit a released migration: add a new one.
enum KernelMigrations {
    static let all: [(id: String, sql: String)] = [
        ("kernel/0001-create-domain", createDomain),
        ("kernel/0002-create-api-token", createApiToken),
        ("kernel/0003-create-sign-in", createSignIn),
        ("kernel/0004-create-quote", createQuote),
        ("kernel/0005-series-published-at", seriesPublishedAt),
        ("kernel/0006-create-outbox", createOutbox),
        ("kernel/0007-installation-identity", installationIdentity),
        ("kernel/0008-create-site-setting", createSiteSetting),
        ("kernel/0009-audit-subject", auditSubject),
        ("kernel/0010-participant-self-service", participantSelfService),
        ("kernel/0011-session-description", sessionDescription),
        ("kernel/0012-organization-logo", organizationLogo),
        ("kernel/0013-languages", languages),
    ]

    /// The language a person reads e-mails, certificates and their own pages in (a shipped language's code, or
    /// none: then what their browser asks for, else their organization's default), and the language an
    /// organization's pages fall back to when a visitor's browser names none Indaba ships.
    static let languages = """
        ALTER TABLE person ADD COLUMN preferredLanguage TEXT;
        ALTER TABLE organization ADD COLUMN defaultLanguage TEXT;
        """

    /// Each organization's logo (a PNG), kept in the database rather than named by a path on the server: series
    /// reports carry it, and plugins that print documents (certificates) may use it.
    static let organizationLogo = """
        CREATE TABLE organizationLogo (
            organizationId INTEGER PRIMARY KEY REFERENCES organization(id) ON DELETE CASCADE,
            png BLOB NOT NULL,
            uploadedAt DATETIME NOT NULL
        );
        """

    /// Participants' own pages: one-time sign-in links sent to their address and the browser sessions they open
    /// (apart from staff sign-in: a participant never holds a staff role); an enrolment a participant withdrew
    /// from, with their optional reason, kept for the figures; and when a person asked to be erased.
    static let participantSelfService = """
        CREATE TABLE participantLink (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            secretHash TEXT NOT NULL UNIQUE,
            createdAt DATETIME NOT NULL,
            expiresAt DATETIME NOT NULL,
            usedAt DATETIME
        );
        CREATE INDEX participantLink_personId ON participantLink(personId);
        CREATE TABLE participantSession (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            secretHash TEXT NOT NULL UNIQUE,
            createdAt DATETIME NOT NULL,
            expiresAt DATETIME NOT NULL,
            endedAt DATETIME
        );
        CREATE INDEX participantSession_personId ON participantSession(personId);
        ALTER TABLE enrolment ADD COLUMN withdrawnAt DATETIME;
        ALTER TABLE enrolment ADD COLUMN withdrawalReason TEXT;
        ALTER TABLE person ADD COLUMN erasedAt DATETIME;
        """

    /// What a session is about or what happened in it (Markdown or plain text; empty when there is none), shown on
    /// the series page and in its report; and what an organization adds to its series reports (a methodology
    /// paragraph, see ``ReportSettings``).
    static let sessionDescription = """
        ALTER TABLE session ADD COLUMN description TEXT NOT NULL DEFAULT '';
        CREATE TABLE reportSetting (
            organizationId INTEGER PRIMARY KEY REFERENCES organization(id) ON DELETE CASCADE,
            methodology TEXT NOT NULL,
            updatedAt DATETIME NOT NULL
        );
        """

    /// The audit log records every kind of change, not only plugin settings: what a change was about (`person:12`,
    /// `series:3`), so that one object's history can be read, and an index to filter by action.
    static let auditSubject = """
        ALTER TABLE auditLog ADD COLUMN subject TEXT;
        CREATE INDEX auditLog_action ON auditLog(organizationId, action, occurredAt);
        CREATE INDEX auditLog_subject ON auditLog(subject);
        """

    /// Settings of the whole installation rather than of one organization: today the server's public URL, which
    /// every command that prints a link reads (see ``SiteSettings``).
    static let createSiteSetting = """
        CREATE TABLE siteSetting (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updatedAt DATETIME NOT NULL
        );
        """

    /// The transactional outbox: messages written in the transaction of the change that causes them, delivered
    /// later by ``OutboxDelivery``; and what the kernel keeps per recipient (their one-click unsubscribe token,
    /// whether they stopped reminders, their time zone, how often their address failed for good). Both go with
    /// the person.
    static let createOutbox = """
        CREATE TABLE outboxMessage (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            personId INTEGER REFERENCES person(id) ON DELETE CASCADE,
            recipient TEXT NOT NULL,
            recipientName TEXT NOT NULL DEFAULT '',
            sender TEXT NOT NULL,
            senderName TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL CHECK (category IN ('transactional', 'reminder', 'followUp')),
            kind TEXT NOT NULL,
            idempotencyKey TEXT NOT NULL UNIQUE,
            messageId TEXT NOT NULL UNIQUE,
            subject TEXT NOT NULL,
            textBody TEXT NOT NULL,
            htmlBody TEXT,
            calendar TEXT,
            calendarMethod TEXT,
            attachmentName TEXT,
            attachmentType TEXT,
            attachment BLOB,
            state TEXT NOT NULL DEFAULT 'queued'
                CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'cancelled', 'interrupted')),
            attempts INTEGER NOT NULL DEFAULT 0,
            dueAt DATETIME NOT NULL,
            claimedAt DATETIME,
            sentAt DATETIME,
            lastError TEXT,
            createdAt DATETIME NOT NULL,
            updatedAt DATETIME NOT NULL
        );
        CREATE INDEX outboxMessage_due ON outboxMessage(state, dueAt);
        CREATE INDEX outboxMessage_organization ON outboxMessage(organizationId, createdAt);
        CREATE INDEX outboxMessage_person ON outboxMessage(personId);
        CREATE TABLE messageRecipient (
            personId INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
            unsubscribeToken TEXT NOT NULL UNIQUE,
            remindersStoppedAt DATETIME,
            timeZone TEXT,
            permanentFailures INTEGER NOT NULL DEFAULT 0
        );
        """

    /// The installation's identity for ids that outlive its address (see ``InstallationIdentity``): one row, set
    /// once when first needed, never updated.
    static let installationIdentity = """
        CREATE TABLE installationIdentity (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            authority TEXT NOT NULL CHECK (authority <> ''),
            since TEXT NOT NULL,
            createdAt DATETIME NOT NULL
        );
        CREATE TRIGGER installationIdentity_never_changes BEFORE UPDATE ON installationIdentity
        BEGIN
            SELECT RAISE(ABORT, 'the installation identity is set once');
        END;
        """

    /// When a series first became readable by anyone (published or completed), kept by triggers whatever writes
    /// the status. Calendars need it: a cancelled series that was public stays in feeds, marked cancelled, so apps
    /// remove its events; one cancelled before it was ever published was never public and stays hidden. Existing
    /// cancelled series cannot tell, so they count as never published (hidden rather than leaked).
    static let seriesPublishedAt = """
        ALTER TABLE webinarSeries ADD COLUMN publishedAt DATETIME;
        UPDATE webinarSeries SET publishedAt = updatedAt WHERE status IN ('published', 'completed');
        CREATE TRIGGER webinarSeries_publishedAt_insert AFTER INSERT ON webinarSeries
        WHEN NEW.status IN ('published', 'completed') AND NEW.publishedAt IS NULL
        BEGIN
            UPDATE webinarSeries SET publishedAt = NEW.updatedAt WHERE id = NEW.id;
        END;
        CREATE TRIGGER webinarSeries_publishedAt_update AFTER UPDATE OF status ON webinarSeries
        WHEN NEW.status IN ('published', 'completed') AND NEW.publishedAt IS NULL
        BEGIN
            UPDATE webinarSeries SET publishedAt = NEW.updatedAt WHERE id = NEW.id;
        END;
        """

    /// Quotes recorded for a series; reports show only those with consent.
    static let createQuote = """
        CREATE TABLE quote (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            seriesId INTEGER NOT NULL REFERENCES webinarSeries(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            attribution TEXT,
            consent BOOLEAN NOT NULL DEFAULT 0,
            createdAt DATETIME NOT NULL,
            updatedAt DATETIME NOT NULL,
            UNIQUE (seriesId, text)
        );
        """

    /// One-time sign-in links and the browser sessions they open; only hashes of their secrets are stored.
    static let createSignIn = """
        CREATE TABLE loginLink (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            secretHash TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL CHECK (role IN ('networkCoordinator', 'organizationAdmin', 'facilitator')),
            organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            personId INTEGER REFERENCES person(id) ON DELETE CASCADE,
            createdAt DATETIME NOT NULL,
            expiresAt DATETIME NOT NULL,
            usedAt DATETIME,
            CHECK (role != 'facilitator' OR personId IS NOT NULL)
        );

        CREATE TABLE browserSession (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            secretHash TEXT NOT NULL UNIQUE,
            loginLinkId INTEGER NOT NULL REFERENCES loginLink(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('networkCoordinator', 'organizationAdmin', 'facilitator')),
            organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            personId INTEGER REFERENCES person(id) ON DELETE CASCADE,
            createdAt DATETIME NOT NULL,
            expiresAt DATETIME NOT NULL,
            endedAt DATETIME
        );
        """

    static let createApiToken = """
        CREATE TABLE apiToken (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            secretHash TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL CHECK (role IN ('networkCoordinator', 'organizationAdmin', 'facilitator')),
            organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            personId INTEGER REFERENCES person(id) ON DELETE CASCADE,
            label TEXT NOT NULL DEFAULT '',
            createdAt DATETIME NOT NULL,
            expiresAt DATETIME,
            revokedAt DATETIME,
            CHECK (role != 'facilitator' OR personId IS NOT NULL)
        );
        """

    static let createDomain = """
        CREATE TABLE organization (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            parentId INTEGER REFERENCES organization(id) ON DELETE RESTRICT,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            slug TEXT NOT NULL,
            country TEXT NOT NULL CHECK (length(country) = 2),
            timeZone TEXT NOT NULL,
            website TEXT,
            createdAt DATETIME NOT NULL,
            updatedAt DATETIME NOT NULL
        );
        CREATE UNIQUE INDEX organization_networkSlug ON organization(slug) WHERE parentId IS NULL;
        CREATE UNIQUE INDEX organization_memberSlug ON organization(parentId, slug) WHERE parentId IS NOT NULL;

        CREATE TABLE programme (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            slug TEXT NOT NULL,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            summary TEXT NOT NULL DEFAULT '',
            createdAt DATETIME NOT NULL,
            updatedAt DATETIME NOT NULL,
            UNIQUE (organizationId, slug)
        );

        CREATE TABLE webinarSeries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            programmeId INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
            slug TEXT NOT NULL,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            summary TEXT NOT NULL DEFAULT '',
            objectives TEXT NOT NULL DEFAULT '[]',
            status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'completed', 'cancelled')),
            timeZone TEXT NOT NULL,
            createdAt DATETIME NOT NULL,
            updatedAt DATETIME NOT NULL,
            UNIQUE (programmeId, slug)
        );

        CREATE TABLE session (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            seriesId INTEGER NOT NULL REFERENCES webinarSeries(id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 1),
            slug TEXT NOT NULL,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            kind TEXT NOT NULL CHECK (kind IN ('live', 'offlineExercise', 'feedback')),
            startsAt DATETIME NOT NULL,
            endsAt DATETIME NOT NULL,
            timeZone TEXT NOT NULL,
            joinURL TEXT,
            agenda TEXT NOT NULL DEFAULT '[]',
            status TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
            revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
            createdAt DATETIME NOT NULL,
            updatedAt DATETIME NOT NULL,
            UNIQUE (seriesId, slug),
            CHECK (endsAt > startsAt)
        );
        CREATE INDEX session_startsAt ON session(startsAt);

        CREATE TABLE person (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE RESTRICT,
            displayName TEXT NOT NULL CHECK (length(trim(displayName)) > 0),
            email TEXT NOT NULL,
            emailKey TEXT NOT NULL UNIQUE,
            gender TEXT,
            attributes TEXT NOT NULL DEFAULT '{}',
            consent BOOLEAN NOT NULL DEFAULT 0,
            createdAt DATETIME NOT NULL,
            updatedAt DATETIME NOT NULL,
            CHECK (consent OR (gender IS NULL AND attributes = '{}'))
        );
        CREATE INDEX person_organizationId ON person(organizationId);

        CREATE TABLE seriesRole (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            seriesId INTEGER NOT NULL REFERENCES webinarSeries(id) ON DELETE CASCADE,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('facilitator', 'guestSpeaker', 'participant')),
            createdAt DATETIME NOT NULL,
            updatedAt DATETIME NOT NULL,
            UNIQUE (seriesId, personId, role)
        );
        CREATE INDEX seriesRole_personId ON seriesRole(personId);

        CREATE TABLE enrolment (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            seriesId INTEGER NOT NULL REFERENCES webinarSeries(id) ON DELETE CASCADE,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            enrolledAt DATETIME NOT NULL,
            channel TEXT NOT NULL CHECK (length(trim(channel)) > 0),
            createdAt DATETIME NOT NULL,
            updatedAt DATETIME NOT NULL,
            UNIQUE (seriesId, personId)
        );
        CREATE INDEX enrolment_personId ON enrolment(personId);

        CREATE TABLE attendance (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            sessionId INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('present', 'absent', 'excused')),
            minutes INTEGER NOT NULL DEFAULT 0 CHECK (minutes BETWEEN 0 AND 1440),
            source TEXT NOT NULL CHECK (source IN ('manual', 'import')),
            createdAt DATETIME NOT NULL,
            updatedAt DATETIME NOT NULL,
            UNIQUE (sessionId, personId)
        );
        CREATE INDEX attendance_personId ON attendance(personId);

        CREATE TABLE exerciseSubmission (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            sessionId INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            submittedAt DATETIME NOT NULL,
            link TEXT,
            note TEXT,
            createdAt DATETIME NOT NULL,
            updatedAt DATETIME NOT NULL,
            UNIQUE (sessionId, personId)
        );

        CREATE TABLE pluginEnablement (
            organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            pluginId TEXT NOT NULL,
            enabled BOOLEAN NOT NULL,
            settings TEXT NOT NULL DEFAULT '{}',
            createdAt DATETIME NOT NULL,
            updatedAt DATETIME NOT NULL,
            PRIMARY KEY (organizationId, pluginId)
        );

        CREATE TABLE auditLog (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            occurredAt DATETIME NOT NULL,
            actor TEXT NOT NULL,
            organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
            action TEXT NOT NULL,
            pluginId TEXT,
            detail TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX auditLog_organizationId ON auditLog(organizationId, occurredAt);
        """
}
