import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `PUT studies/{slug}`: an organization contributes or edits a study by sending its Markdown file, checked exactly
/// as `import` checks a file. Editing needs `If-Match` with the ETag last read (428 without, 412 when stale).
extension CaseStudyRoutes {
    func addWrites(to routes: RouteCollection<IndabaRequestContext>) {
        routes.put("studies/:study") { request, context in
            try await answering { try await put(request, context) }
        }
    }

    /// The ETag of a study's current version.
    static func etag(of study: CaseStudy) -> String { "\"cs\(study.id!.rawValue)-v\(study.version)\"" }

    private func put(_ request: Request, _ context: IndabaRequestContext) async throws -> Response {
        try refuseParameters(request, allowed: [])
        let slug = try context.parameters.require("study")
        let bytes = try await request.body.collect(upTo: context.maxUploadSize)
        guard let text = String(validating: bytes.readableBytesView, as: UTF8.self) else {
            throw PluginProblem(.badRequest, of: CaseStudiesPlugin.id) { t in
                t("The body must be a case study's Markdown file, in UTF-8.")
            }
        }
        let located: CaseStudyFile.Located
        switch CaseStudyFile.read(text, file: "body") {
        case let .success(file): located = file
        case let .failure(error):
            throw PluginProblem(.unprocessableContent, of: CaseStudiesPlugin.id) { error.worded($0) }
        }
        guard located.file.slug == slug else {
            let (line, given) = (located.slugLine, located.file.slug)
            throw PluginProblem(.unprocessableContent, of: CaseStudiesPlugin.id) { t in
                t(
                    "body:{line}: slug: '{given}' must be the slug in the address, '{slug}'.",
                    ["line": "\(line)", "given": given, "slug": slug])
            }
        }
        let (organization, access, scope) = (context.organization!, context.access, context.scope)
        let ifMatch = request.headers[.ifMatch]
        let now = plugin.context.now()
        let actor = context.actor
        let (study, sessions, created) = try await plugin.context.store.writer.write { db in
            let network = try LibraryReader.network(of: organization.id!, in: db)
            let existing = try CaseStudyLibrary.study(slug: slug, network: network, in: db)
            if let existing {
                // Slugs are unique in the network, so a hidden study's slug cannot be created again; say only that
                // it is taken, as for any name in use, and nothing of the study or its owner.
                guard LibraryReader.of(access).sees(existing) else {
                    throw PluginProblem(.conflict, of: CaseStudiesPlugin.id) { t in
                        t("The slug '{slug}' is taken in this network's library; choose another slug.", ["slug": slug])
                    }
                }
                guard access.administered.contains(existing.organizationId) else {
                    throw AccessError.forbidden(
                        "Case study '\(slug)' belongs to organization \(existing.organizationId); only its "
                            + "administrators may change it.")
                }
                try Self.checkPrecondition(ifMatch, current: Self.etag(of: existing))
            }
            _ = try LibraryImport.save([located], as: scope, network: network, actor: actor, now: now, in: db)
            let saved = try CaseStudyLibrary.study(slug: slug, network: network, in: db)!
            return (saved, try CaseStudyLibrary.sessions(of: saved.id!, in: db), existing == nil)
        }
        return try JSONResponse.make(
            StudyView(study, sessions: sessions), status: created ? .created : .ok, etag: Self.etag(of: study))
    }

    /// 428 without `If-Match`, 412 when it names another version (strong comparison, lists and `*` accepted).
    static func checkPrecondition(_ header: String?, current etag: String) throws {
        guard let header else {
            throw PluginProblem(.preconditionRequired, of: CaseStudiesPlugin.id) { t in
                t(
                    "Send If-Match with the ETag you last read ({etag} now), so concurrent edits are not lost.",
                    ["etag": etag])
            }
        }
        let tags = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard tags.contains("*") || tags.contains(etag) else {
            throw PluginProblem(.preconditionFailed, of: CaseStudiesPlugin.id) { t in
                t("The case study changed since you read it (its ETag is now {etag}); read it again.", ["etag": etag])
            }
        }
    }
}
