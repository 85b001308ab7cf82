import Foundation
import GRDB
import Kernel
import Logging

/// Imports a folder of case-study files into an organization's library in one transaction: every file is read and
/// checked first, and if anything is wrong, every problem is reported and nothing is written.
enum LibraryImport {
    struct Summary: Sendable, Codable, Equatable {
        var created = 0
        var updated = 0
        var unchanged = 0
    }

    /// The `*.md` files of `folder`, by name.
    static func files(in folder: URL) throws -> [(name: String, text: String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
            .sorted()
        return try names.map { name in
            let url = folder.appendingPathComponent(name)
            guard let text = String(data: try Data(contentsOf: url), encoding: .utf8) else {
                throw LibraryImportError(issues: [
                    LibraryIssue(file: url.path, line: 1, field: "(file)", message: FieldReason("is not UTF-8 text"))
                ])
            }
            return (url.path, text)
        }
    }

    /// Reads `files` and writes them as `actor`, acting for `organization` (whose operator may write the studies of
    /// the organizations it administers). With `dryRun`, checks and counts everything and writes nothing.
    static func run(
        _ files: [(name: String, text: String)], for organization: Organization, workspace: Workspace,
        actor: AuditActor, dryRun: Bool
    ) async throws -> Summary {
        var issues: [LibraryIssue] = []
        var read: [CaseStudyFile.Located] = []
        var slugs: [String: String] = [:]
        for (name, text) in files {
            switch CaseStudyFile.read(text, file: name) {
            case let .success(located):
                if let earlier = slugs[located.file.slug] {
                    issues.append(
                        LibraryIssue(
                            file: name, line: located.slugLine, field: "slug",
                            message: FieldReason(
                                "'{slug}' is also the slug of {file}; slugs are unique",
                                ["slug": located.file.slug, "file": earlier])))
                }
                slugs[located.file.slug] = name
                read.append(located)
            case let .failure(error):
                issues += error.issues
            }
        }
        guard issues.isEmpty else { throw LibraryImportError(issues: issues) }
        let checked = read
        do {
            let summary = try await workspace.write(as: actor) { transaction in
                let db = transaction.db
                let summary = try save(
                    checked, as: try LibraryReader.operatorScope(of: organization, in: db),
                    network: try LibraryReader.network(of: organization.id!, in: db), actor: actor,
                    now: transaction.now, in: db)
                if dryRun { throw DryRun(summary: summary) }
                if summary.created + summary.updated >= SearchIndex.mergeAfterWriting { try SearchIndex.merge(in: db) }
                return summary
            }
            workspace.logger.info(
                "Case studies imported",
                metadata: [
                    "plugin.id": "case-studies", "organization.id": "\(organization.id!)",
                    "created": "\(summary.created)", "updated": "\(summary.updated)",
                    "unchanged": "\(summary.unchanged)",
                ])
            return summary
        } catch let dryRun as DryRun {
            return dryRun.summary
        }
    }

    private struct DryRun: Error {
        let summary: Summary
    }

    /// Checks the references of `files` and saves them, for a writer with `scope`, in the library of `network`.
    ///
    /// The writer may write the studies of the organizations they administer, and name in `presentedAt` only the
    /// sessions they may link (``linkable(_:scope:network:in:)``); any other session answers exactly like one that
    /// does not exist.
    /// - Throws: ``LibraryImportError`` with every problem, before anything is written.
    static func save(
        _ files: [CaseStudyFile.Located], as scope: Scope, network: Organization.ID, actor: AuditActor, now: Date,
        in db: Database
    ) throws -> Summary {
        let writable = scope.access.administered
        var issues: [LibraryIssue] = []
        var resolved: [(CaseStudy, [Session.ID], String)] = []
        for located in files {
            let file = located.file
            let contributor = try? Lookup.organization(file.organization, in: db)
            guard let contributor, writable.contains(contributor.id!),
                try LibraryReader.network(of: contributor.id!, in: db) == network
            else {
                issues.append(
                    LibraryIssue(
                        file: located.name, line: located.organizationLine, field: "organization",
                        message: FieldReason(
                            "'{organization}' is not an organization this import may write for; use the slug path of "
                                + "one you administer in this network", ["organization": file.organization])))
                continue
            }
            var sessions: [Session.ID] = []
            for (index, reference) in file.presentedAt.enumerated() {
                let line = index < located.presentedAtLines.count ? located.presentedAtLines[index] : 1
                guard let found = try? Lookup.session(reference, in: db),
                    let session = try linkable(found.id!, scope: scope, network: network, in: db)
                else {
                    issues.append(
                        LibraryIssue(
                            file: located.name, line: line, field: "presentedAt[\(index)]",
                            message: FieldReason(
                                "'{session}' is not a session of this network; use its slug path, such as "
                                    + "asknet/webinars/inclusive-spaces/case-study", ["session": reference])))
                    continue
                }
                sessions.append(session.id!)
            }
            let study = CaseStudy(
                organizationId: contributor.id!, networkId: network, slug: file.slug, title: file.title,
                summary: file.summary, body: file.body, origin: file.origin, country: file.country,
                sector: file.sector, topics: file.topics, outcomes: file.outcomes, links: file.links,
                licence: file.licence, consent: file.consent, visibility: file.visibility, createdAt: now,
                updatedAt: now)
            resolved.append((study, sessions, file.text))
        }
        guard issues.isEmpty else { throw LibraryImportError(issues: issues) }
        var summary = Summary()
        for (study, sessions, _) in resolved {
            // The stored document names sessions in time order, as export writes them.
            let ordered = try Lookup.sessions(sessions, in: db)
            var file = try CaseStudyLibrary.file(of: study, sessions: ordered, in: db)
            file.body = study.body
            let (_, change) = try CaseStudyLibrary.save(
                study, sessions: sessions, document: file.text, actor: actor, now: now, in: db)
            switch change {
            case .created: summary.created += 1
            case .updated: summary.updated += 1
            case .unchanged: summary.unchanged += 1
            }
        }
        return summary
    }

    /// The session `id` if the writer with `scope` may link a study of `network`'s library to it: a session of the
    /// network's series that the writer can see (their own organizations' series in any status, and published or
    /// completed series of the network, which anyone may read). Another member's draft or cancelled series is
    /// hidden, so linking to it answers as for a session that does not exist.
    static func linkable(_ id: Session.ID, scope: Scope, network: Organization.ID, in db: Database) throws
        -> Session?
    {
        try scope.sessions(inNetwork: network).filter(key: id.rawValue).fetchOne(db)
    }
}
