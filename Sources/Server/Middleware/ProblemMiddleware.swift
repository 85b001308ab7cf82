import Hummingbird
import Kernel
import Logging
import PluginKit

/// Turns every error a route throws into a problem response; unexpected errors become a generic 500, logged with
/// the request id (never with request data).
///
/// Problems are worded in the client's language (`Accept-Language`) from the server's, the kernel's and the
/// installed plugins' catalogues. An address no route takes, or a known one asked with the wrong method, is answered
/// by `unknownAddress` when it has an answer (a surface's page for browsers).
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = IndabaRequestContext
    let translations: Translations
    var unknownAddress: UnknownAddressAnswer? = nil

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let error = error as? HTTPError, error.status == .notFound, context.endpointPath == "NotFound",
                let page = unknownAddress?(request, context, nil)
            {
                return page
            }
            if let problem = error as? Problem, problem.status == .methodNotAllowed,
                let allowed = problem.headers[.allow], let page = unknownAddress?(request, context, allowed)
            {
                return page
            }
            if let problem = Problem.mapping(error) {
                return try problem.response(from: request, context: context, translations: translations)
            }
            context.logger.error(
                "Request failed unexpectedly",
                metadata: ["request.id": "\(context.requestId)", "error.type": "\(type(of: error))"])
            return try Problem(.internalServerError) { t in t("Something went wrong on our side; try again later.") }
                .response(from: request, context: context, translations: translations)
        }
    }
}
