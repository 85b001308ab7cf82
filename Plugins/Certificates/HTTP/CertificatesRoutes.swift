import Foundation
import GRDB
import Hummingbird
import Kernel
import Logging
import PluginKit

/// The plugin's private API under `/api/v1/orgs/{org}/certificates`, for the organization's administrators.
struct CertificatesRoutes {
    let plugin: CertificatesPlugin

    func add(to routes: RouteCollection<IndabaRequestContext>) {
        on(routes, .get, "series/:series/eligibility") { _, context in
            let (organization, series) = try administered(context)
            let settings = try await plugin.settings(for: organization)
            let verdicts = try await plugin.context.store.read { db in
                try CertificateQueries.eligibility(
                    series: series, organization: organization, settings: settings, in: db)
            }
            return try Replies.json(verdicts)
        }
        on(routes, .post, "series/:series/issue") { request, context in
            let (organization, series) = try administered(context)
            let dryRun = try QueryFlag.value("dryRun", in: request)
            let outcome = try await plugin.issue(
                series: series, organization: organization, actor: context.actor,
                dryRun: dryRun, server: context.baseURL)
            return try Replies.json(outcome, status: dryRun || outcome.issued.isEmpty ? .ok : .created)
        }
        on(routes, .get, "series/:series/certificates") { _, context in
            let (organization, series) = try administered(context)
            return try Replies.json(
                try await plugin.context.store.read { db in
                    try CertificateQueries.list(series: series, organization: organization, in: db)
                })
        }
        on(routes, .get, "certificates/:certificate") { _, context in
            try Replies.json(CertificateSummary(try await certificate(context)))
        }
        on(routes, .get, "certificates/:certificate/certificate.pdf") { _, context in
            let certificate = try await certificate(context)
            let pdf = try await plugin.pdf(of: certificate)
            return Replies.bytes(pdf, type: "application/pdf", file: "certificate-\(certificate.id!).pdf")
        }
        on(routes, .get, "certificates/:certificate/credential.jwt") { _, context in
            let certificate = try await certificate(context)
            return Replies.bytes(
                try plugin.credential(of: certificate), type: "application/vc+jwt",
                file: "certificate-\(certificate.id!).jwt")
        }
        on(routes, .post, "certificates/:certificate/revoke") { request, context in
            let (organization, id) = try certificateId(context)
            let reason = try await RequestBody.string("reason", of: request)
            let revoked = try await plugin.revoke(
                id, reason: reason, organization: organization, actor: context.actor)
            return try Replies.json(CertificateSummary(revoked))
        }
        on(routes, .post, "certificates/:certificate/reissue") { _, context in
            let (organization, id) = try certificateId(context)
            let replacement = try await plugin.reissue(
                id, organization: organization, actor: context.actor, server: context.baseURL)
            return try Replies.json(CertificateSummary(replacement), status: .created)
        }
        on(routes, .post, "keys/rotate") { _, context in
            let organization = context.organization!.id!
            try context.scope.requireAdministration(of: organization)
            let settings = try await plugin.settings(for: organization)
            let kid = try plugin.keys.rotate(for: organization.rawValue, algorithm: settings.algorithm)
            plugin.context.logger.notice(
                "Signing key rotated", metadata: ["org.id": "\(organization)", "kid": "\(kid)"])
            return try Replies.json(["kid": kid])
        }
    }

    /// Registers a route whose plugin errors become problems with the right status.
    private func on(
        _ routes: RouteCollection<IndabaRequestContext>, _ method: HTTPRequest.Method, _ path: String,
        _ handler: @escaping @Sendable (Request, IndabaRequestContext) async throws -> Response
    ) {
        routes.on(RouterPath(path), method: method) { request, context in
            do {
                return try await handler(request, context)
            } catch let error as CertificatesError {
                throw error.problem ?? error
            } catch let error as RenderingError {
                // The organization's branding (a logo that is not a PNG) or the fonts stop drawing: a 409 that
                // says what to fix in the settings, not a 500.
                throw PluginProblem(.conflict, of: CertificatesPlugin.id) { error.worded($0) }
            }
        }
    }

    private func administered(_ context: IndabaRequestContext) throws -> (Organization.ID, String) {
        let organization = context.organization!.id!
        try context.scope.requireAdministration(of: organization)
        let series = try context.parameters.require("series", as: Int64.self)
        return (organization, "\(series)")
    }

    private func certificateId(_ context: IndabaRequestContext) throws -> (Organization.ID, Certificate.ID) {
        let organization = context.organization!.id!
        try context.scope.requireAdministration(of: organization)
        return (organization, Certificate.ID(try context.parameters.require("certificate", as: Int64.self)))
    }

    private func certificate(_ context: IndabaRequestContext) async throws -> Certificate {
        let (organization, id) = try certificateId(context)
        return try await plugin.context.store.read { db in
            try CertificatesPlugin.owned(id, by: organization, in: db)
        }
    }
}

/// Reads one text field of a small JSON body.
enum RequestBody {
    static func string(_ field: String, of request: Request) async throws -> String {
        let object = try await JSONBody.object(request, limit: 8192)
        guard case let .string(value)? = object[field], object.count == 1 else {
            throw PluginProblem(.badRequest, of: CertificatesPlugin.id) { t in
                t("Send {example}: one text field, {field}.", ["example": "{\"\(field)\": \"…\"}", "field": field])
            }
        }
        return value
    }
}
