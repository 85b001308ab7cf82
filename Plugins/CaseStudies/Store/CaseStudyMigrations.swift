import Kernel

/// The plugin's tables: studies, their versions, the sessions they were presented in, and the full-text index.
enum CaseStudyMigrations {
    static let all = [createLibrary, indexTitles]

    /// The search index is an FTS5 external-content table over title, summary, body and the topics (as words, in
    /// `topicWords`), tokenized so that accents
    /// never matter (`remove_diacritics 2`); triggers keep it in step with the studies (they are named with the
    /// plugin's prefix, which GRDB's `synchronize(withTable:)` would not do).
    static let createLibrary = PluginMigration(
        "0001-create-library",
        sql: """
            CREATE TABLE caseStudies_study (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
                networkId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
                slug TEXT NOT NULL,
                title TEXT NOT NULL,
                summary TEXT NOT NULL,
                body TEXT NOT NULL,
                origin TEXT NOT NULL CHECK (origin IN ('network', 'outside')),
                country TEXT NOT NULL,
                sector TEXT NOT NULL,
                topics TEXT NOT NULL DEFAULT '[]',
                topicWords TEXT NOT NULL DEFAULT '',
                outcomes TEXT NOT NULL DEFAULT '[]',
                links TEXT NOT NULL DEFAULT '[]',
                licence TEXT NOT NULL,
                consent TEXT NOT NULL CHECK (consent IN ('notNeeded', 'pending', 'granted', 'refused')),
                visibility TEXT NOT NULL CHECK (visibility IN ('private', 'network', 'public')),
                version INTEGER NOT NULL,
                createdAt DATETIME NOT NULL,
                updatedAt DATETIME NOT NULL,
                UNIQUE (networkId, slug)
            );
            CREATE INDEX caseStudies_study_organizationId ON caseStudies_study(organizationId);

            CREATE TABLE caseStudies_version (
                studyId INTEGER NOT NULL REFERENCES caseStudies_study(id) ON DELETE CASCADE,
                version INTEGER NOT NULL,
                document TEXT NOT NULL,
                actor TEXT NOT NULL,
                createdAt DATETIME NOT NULL,
                PRIMARY KEY (studyId, version)
            );

            CREATE TABLE caseStudies_presentation (
                studyId INTEGER NOT NULL REFERENCES caseStudies_study(id) ON DELETE CASCADE,
                sessionId INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                PRIMARY KEY (studyId, sessionId)
            );
            CREATE INDEX caseStudies_presentation_sessionId ON caseStudies_presentation(sessionId);

            CREATE VIRTUAL TABLE caseStudies_search USING fts5(
                title, summary, body, topicWords, content = 'caseStudies_study', content_rowid = 'id',
                tokenize = 'unicode61 remove_diacritics 2');
            CREATE TRIGGER caseStudies_study_afterInsert AFTER INSERT ON caseStudies_study BEGIN
                INSERT INTO caseStudies_search(rowid, title, summary, body, topicWords)
                VALUES (new.id, new.title, new.summary, new.body, new.topicWords);
            END;
            CREATE TRIGGER caseStudies_study_afterDelete AFTER DELETE ON caseStudies_study BEGIN
                INSERT INTO caseStudies_search(caseStudies_search, rowid, title, summary, body, topicWords)
                VALUES ('delete', old.id, old.title, old.summary, old.body, old.topicWords);
            END;
            CREATE TRIGGER caseStudies_study_afterUpdate AFTER UPDATE OF title, summary, body, topicWords ON caseStudies_study
            BEGIN
                INSERT INTO caseStudies_search(caseStudies_search, rowid, title, summary, body, topicWords)
                VALUES ('delete', old.id, old.title, old.summary, old.body, old.topicWords);
                INSERT INTO caseStudies_search(rowid, title, summary, body, topicWords)
                VALUES (new.id, new.title, new.summary, new.body, new.topicWords);
            END;
            """)

    /// A network's studies in title order, for the lists by title (``CaseStudyLibrary/list(network:reader:filters:limit:in:)``):
    /// without it, each list sorted every study of the network, bodies and all, to keep the first few (4 ms for one
    /// study of 5,000). It holds every column the reader's condition and the filters test, so that SQLite tests them
    /// on the index and reads a study's row only when it is listed: those columns come after the body in the row,
    /// and a filter that keeps few studies would otherwise read every body on the way (7 ms for none of 5,000).
    static let indexTitles = PluginMigration(
        "0002-index-titles",
        sql: """
            CREATE INDEX caseStudies_study_networkTitle ON caseStudies_study(
                networkId, title, id, visibility, consent, organizationId, origin, country, sector, topics);
            """)
}
