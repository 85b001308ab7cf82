public import Hummingbird
public import Kernel
public import Logging
public import PluginKit
public import Server
import Web

/// The whole application: the JSON API (``IndabaServer``) with the web interface beside it, one router, one set of
/// middleware. The executable serves it; tests call its router in process.
public enum IndabaApp {
    /// The router with the API, the plugins' routes and the web interface's pages.
    public static func router(
        workspace: Workspace, configuration: ServerConfiguration = ServerConfiguration()
    ) -> Router<IndabaRequestContext> {
        IndabaServer.router(workspace: workspace, configuration: configuration) { router in
            WebInterface(
                workspace: workspace,
                configuration: WebConfiguration(
                    baseURL: configuration.baseURL, pseudoLocalization: configuration.pseudoLocalization)
            )
            .add(to: router)
        }
    }

    /// The application, ready for `runService()` (which stops gracefully on SIGINT and SIGTERM).
    public static func application(
        workspace: Workspace, configuration: ServerConfiguration, logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(workspace: workspace, configuration: configuration),
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [ClientDisconnectHandler(requestGuard: configuration.requestGuard)],
                    idleTimeout: .seconds(30))),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "indaba"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }
}
