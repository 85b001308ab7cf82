import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Kernel
import PluginKit

/// What the staff forms share: a token bound to the form's action, the page drawn from the shared template, the
/// check of a posted token, and the audit actor of the signed-in user.
extension WebInterface {
    /// The page of a staff form, with a fresh token bound to its action.
    func formPage(
        _ page: FormPageModel, title: String, request: Request, context: IndabaRequestContext,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        var chrome = chrome(for: request, context: context)
        let nonce = formNonce(request, into: &chrome)
        var page = page
        page.token = forms.issue(purpose: Self.formPurpose(page.action), nonce: nonce, at: workspace.now())
        return renderer.page("staff-form", title: title, model: page, chrome: chrome, status: status)
    }

    /// Why a posted staff form's token is refused (a sentence for the page, in `t`'s language), or `nil` when it
    /// is good.
    func staffFormRefusal(_ form: FormData, request: Request, in t: Localizer = .english) -> String? {
        do {
            try checkForm(form, purpose: Self.formPurpose(request.uri.path), request: request)
            return nil
        } catch {
            return error.message(in: t)
        }
    }

    /// The token purpose of a form posting to `action`: a token works only for the form it was issued with.
    static func formPurpose(_ action: String) -> String { "staff:" + action }

    /// Who the audit log names for a change made in the browser (a session id, never a name).
    func actor(_ context: IndabaRequestContext) -> AuditActor {
        context.actor
    }

    /// The id in the path parameter `name`.
    func pathId(_ context: IndabaRequestContext, _ name: String) throws -> Int64 {
        guard let id = context.parameters.get(name, as: Int64.self) else {
            throw AccessError.notFound(entity: name, id: 0)
        }
        return id
    }

    /// The organization `:org`, which the signed-in user must administer.
    func administeredOrganization(_ context: IndabaRequestContext) async throws -> Organization {
        try context.scope.requireAuthenticated()
        let (id, scope) = (try pathId(context, "org"), context.scope)
        let organization = try await workspace.read { db in
            try scope.one(scope.organizations(), id: id, entity: "organization", in: db)
        }
        try scope.requireAdministration(of: organization.id!)
        return organization
    }

    /// The programme `:programme`, whose organization the signed-in user must administer.
    func administeredProgramme(_ context: IndabaRequestContext) async throws -> Programme {
        try context.scope.requireAuthenticated()
        let (id, scope) = (try pathId(context, "programme"), context.scope)
        let programme = try await workspace.read { db in
            try scope.one(scope.programmes(), id: id, entity: "programme", in: db)
        }
        try scope.requireAdministration(of: programme.organizationId)
        return programme
    }

    /// The series `:series` among the user's own (administered or facilitated) and its organization.
    func ownSeries(_ context: IndabaRequestContext) async throws -> (WebinarSeries, Organization.ID) {
        try context.scope.requireAuthenticated()
        let (id, scope) = (try pathId(context, "series"), context.scope)
        return try await workspace.read { db in
            let series = try scope.one(scope.ownSeries(), id: id, entity: "series", in: db)
            return (series, try SeriesOwnership.owner(ofSeries: series.id!, in: db))
        }
    }
}
