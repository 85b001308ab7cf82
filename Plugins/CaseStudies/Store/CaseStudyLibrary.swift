import Foundation
import GRDB
import Kernel

/// Reads and writes a network's library inside a transaction. Every change of a study records a new version holding
/// its whole Markdown file; a change that changes nothing records nothing.
enum CaseStudyLibrary {
    /// The study with `slug` in the library of `network`, whoever may see it.
    static func study(slug: String, network: Organization.ID, in db: Database) throws -> CaseStudy? {
        try Row.fetchOne(
            db, sql: "SELECT \(CaseStudy.columns) FROM caseStudies_study WHERE networkId = ? AND slug = ?",
            arguments: [network, slug]
        ).map { try CaseStudy(row: $0) }
    }

    /// The study `reference` (an id or a slug) names in the library of `network`, if `reader` may see it.
    /// - Throws: ``CaseStudyError/notFound(_:)`` otherwise: a study the reader may not see does not exist for them.
    static func visibleStudy(_ reference: String, network: Organization.ID, reader: LibraryReader, in db: Database)
        throws -> CaseStudy
    {
        let found =
            if let id = Int64(reference) {
                try Row.fetchOne(
                    db,
                    sql: "SELECT \(CaseStudy.columns) FROM caseStudies_study WHERE networkId = ? AND id = ?",
                    arguments: [network, id]
                ).map { try CaseStudy(row: $0) }
            } else {
                try study(slug: reference, network: network, in: db)
            }
        guard let found, reader.sees(found) else { throw CaseStudyError.notFound(reference) }
        return found
    }

    /// The studies of `network` that `reader` sees, by title: the first `limit` of them when given.
    static func list(
        network: Organization.ID, reader: LibraryReader, filters: SearchFilters, limit: Int? = nil, in db: Database
    ) throws -> [CaseStudy] {
        let (sql, arguments) = listQuery(
            columns: CaseStudy.columnsOfS, network: network, reader: reader, filters: filters, limit: limit)
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { try CaseStudy(row: $0) }
    }

    /// ``list(network:reader:filters:limit:in:)`` as lists show the studies (the API's `studies` without a search, the
    /// library page, `case-studies list`): their bodies, outcomes and links are not read.
    static func summaries(
        network: Organization.ID, reader: LibraryReader, filters: SearchFilters, limit: Int? = nil, in db: Database
    ) throws -> [FoundStudy] {
        let (sql, arguments) = listQuery(
            columns: FoundStudy.shownColumnsOfS, network: network, reader: reader, filters: filters, limit: limit)
        return try Array(Row.fetchCursor(db, sql: sql, arguments: arguments).map(FoundStudy.init(row:)))
    }

    /// The lists' SQL: the network's studies walked in title order on their index (`caseStudies_study_networkTitle`),
    /// so a list stops at its limit instead of sorting the whole library.
    static func listQuery(
        columns: String, network: Organization.ID, reader: LibraryReader, filters: SearchFilters, limit: Int?
    ) -> (String, StatementArguments) {
        let (conditions, arguments) = filters.sql(alias: "s")
        return (
            """
            SELECT \(columns)
            FROM caseStudies_study s
            WHERE s.networkId = ? AND \(reader.condition(alias: "s", network: network))\(conditions)
            ORDER BY s.title, s.id LIMIT ?
            """, [network] + arguments + [limit ?? -1]
        )
    }

    /// The sessions the study was presented in, in time order.
    static func sessions(of study: CaseStudy.ID, in db: Database) throws -> [Session] {
        let ids = try Session.ID.fetchAll(
            db, sql: "SELECT sessionId FROM caseStudies_presentation WHERE studyId = ?", arguments: [study])
        return try Lookup.sessions(ids, in: db)
    }

    /// The study as its Markdown file.
    static func file(of study: CaseStudy, in db: Database) throws -> CaseStudyFile {
        try file(of: study, sessions: try sessions(of: study.id!, in: db), in: db)
    }

    /// The study as its Markdown file, presented in `sessions`.
    static func file(of study: CaseStudy, sessions: [Session], in db: Database) throws -> CaseStudyFile {
        let organization = try OrganizationTree.organization(study.organizationId, in: db)
        return CaseStudyFile(
            slug: study.slug, title: study.title, summary: study.summary,
            organization: try organization.map { try Lookup.path(of: $0, in: db) } ?? "\(study.organizationId)",
            origin: study.origin, country: study.country, sector: study.sector, topics: study.topics,
            outcomes: study.outcomes, links: study.links, licence: study.licence, consent: study.consent,
            visibility: study.visibility,
            presentedAt: try sessions.map { try Lookup.path(of: $0, in: db) }, body: study.body)
    }

    /// What saving did.
    enum Change: String, Sendable {
        case created, updated, unchanged
    }

    /// Creates or updates `study` (matched by network and slug) with `sessions`, recording a version when anything
    /// changed. `study.id`, `version` and the dates are set here.
    @discardableResult
    static func save(
        _ study: CaseStudy, sessions: [Session.ID], document: String, actor: AuditActor, now: Date, in db: Database
    ) throws -> (CaseStudy.ID, Change) {
        var study = study
        if let existing = try Self.study(slug: study.slug, network: study.networkId, in: db) {
            let current = try String.fetchOne(
                db, sql: "SELECT document FROM caseStudies_version WHERE studyId = ? AND version = ?",
                arguments: [existing.id, existing.version])
            if current == document { return (existing.id!, .unchanged) }
            study.id = existing.id
            study.version = existing.version + 1
            study.createdAt = existing.createdAt
            study.updatedAt = now
            try db.execute(
                sql: """
                    UPDATE caseStudies_study SET organizationId = ?, networkId = ?, slug = ?, title = ?, summary = ?,
                    body = ?, origin = ?, country = ?, sector = ?, topics = ?, topicWords = ?, outcomes = ?, links = ?, licence = ?,
                    consent = ?, visibility = ?, version = ?, createdAt = ?, updatedAt = ? WHERE id = ?
                    """, arguments: study.arguments + [existing.id])
        } else {
            study.version = 1
            study.createdAt = now
            study.updatedAt = now
            try db.execute(
                sql: """
                    INSERT INTO caseStudies_study (\(CaseStudy.columns.dropFirst(4)))
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: study.arguments)
            study.id = CaseStudy.ID(db.lastInsertedRowID)
        }
        try db.execute(sql: "DELETE FROM caseStudies_presentation WHERE studyId = ?", arguments: [study.id])
        for session in Set(sessions) {
            try db.execute(
                sql: "INSERT INTO caseStudies_presentation (studyId, sessionId) VALUES (?, ?)",
                arguments: [study.id, session])
        }
        try db.execute(
            sql:
                "INSERT INTO caseStudies_version (studyId, version, document, actor, createdAt) VALUES (?, ?, ?, ?, ?)",
            arguments: [study.id, study.version, document, actor.name, now])
        return (study.id!, study.version == 1 ? .created : .updated)
    }

    /// One entry of a study's history.
    struct Version: Sendable, Codable, Equatable {
        let version: Int
        let actor: String
        let createdAt: Date
        let document: String
    }

    /// Every version of a study, oldest first.
    static func history(of study: CaseStudy.ID, in db: Database) throws -> [Version] {
        try Row.fetchAll(
            db,
            sql:
                "SELECT version, actor, createdAt, document FROM caseStudies_version WHERE studyId = ? ORDER BY version",
            arguments: [study]
        ).map {
            Version(version: $0["version"], actor: $0["actor"], createdAt: $0["createdAt"], document: $0["document"])
        }
    }

    /// How many presented studies a series lists at most, however many were linked to its sessions.
    static let presentedLimit = 100

    /// Studies `reader` sees that were presented in the sessions of `series`, by session: at most
    /// ``presentedLimit``.
    static func presented(inSeries series: WebinarSeries.ID, reader: LibraryReader, in db: Database) throws
        -> [(session: Session.ID, study: CaseStudy)]
    {
        // The series' sessions come from the kernel, in time order; the presentations are ours.
        let sessions = try Lookup.sessions(ofSeries: series, in: db)
        guard !sessions.isEmpty else { return [] }
        let order = Dictionary(uniqueKeysWithValues: sessions.enumerated().map { ($0.element.id!, $0.offset) })
        let list = sessions.map { String($0.id!.rawValue) }.joined(separator: ",")
        let found = try Row.fetchAll(
            db,
            sql: """
                SELECT \(CaseStudy.columnsOfS), p.sessionId AS presentedIn
                FROM caseStudies_presentation p
                JOIN caseStudies_study s ON s.id = p.studyId
                WHERE p.sessionId IN (\(list)) AND \(reader.condition(alias: "s"))
                """
        ).map { (session: Session.ID($0["presentedIn"] as Int64), study: try CaseStudy(row: $0)) }
        // Session by session, then by title as SQLite compares text (bytes).
        return Array(
            found.sorted {
                order[$0.session]! != order[$1.session]!
                    ? order[$0.session]! < order[$1.session]!
                    : $0.study.title.utf8.lexicographicallyPrecedes($1.study.title.utf8)
            }.prefix(presentedLimit))
    }
}

/// Why a case-study request failed. Messages carry ids and slugs, never personal data.
enum CaseStudyError: Error, CustomStringConvertible, Equatable {
    case notFound(String)
    case emptyQuery

    var description: String {
        switch self {
        case let .notFound(reference):
            "No case study '\(reference)' is visible here; list them with `indaba case-studies list`."
        case .emptyQuery:
            "The search query is empty; give some words."
        }
    }
}
