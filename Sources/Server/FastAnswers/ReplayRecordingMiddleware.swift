import Hummingbird
import PluginKit

/// Records the answers routes offer to replay (``PluginKit/ReplayOffer``) into the ``AnswerReplay``, as they leave
/// every other middleware: the outermost middleware of the router.
struct ReplayRecordingMiddleware: RouterMiddleware {
    typealias Context = IndabaRequestContext

    let replay: AnswerReplay

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let writes = replay.writes
        let response = try await next(request, context)
        if let offer = context.trace.replay {
            replay.record(
                request.head, response: response, offer: offer, route: context.endpointPath ?? "(no route)",
                writesAtStart: writes)
        }
        return response
    }
}
