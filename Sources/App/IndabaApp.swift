public import Hummingbird
public import Kernel
public import Logging
import NIOCore
public import PluginKit
public import Server
import Web

/// The whole application: the JSON API (``IndabaServer``) with the web interface beside it, one router, one set of
/// middleware. The executable serves it; tests call its router in process.
public enum IndabaApp {
    /// The router with the API, the plugins' routes and the web interface's pages.
    public static func router(
        workspace: Workspace, configuration: ServerConfiguration = ServerConfiguration(), replay: AnswerReplay? = nil
    ) -> Router<IndabaRequestContext> {
        let web = WebInterface(
            workspace: workspace,
            configuration: WebConfiguration(
                baseURL: configuration.baseURL, pseudoLocalization: configuration.pseudoLocalization))
        return IndabaServer.router(
            workspace: workspace, configuration: configuration, replay: replay,
            unknownAddress: { web.unknownAddressPage($0, $1, allowed: $2) },
            surfaces: web.add(to:))
    }

    /// The application, ready for `runService()` (which stops gracefully on SIGINT and SIGTERM).
    ///
    /// Cached feed polls and other answers routes offer to replay are answered on the connection's event loop
    /// (``AnswerReplay``); `replay`, when given, is the store used (tests look into it).
    public static func application(
        workspace: Workspace, configuration: ServerConfiguration, logger: Logger, replay: AnswerReplay? = nil,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let serverName = "indaba"
        let replay = replay ?? AnswerReplay(counter: workspace.writes, serverName: serverName, logger: logger)
        return Application(
            router: router(workspace: workspace, configuration: configuration, replay: replay),
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [ClientDisconnectHandler(requestGuard: configuration.requestGuard)],
                    idleTimeout: TimeAmount(configuration.idleTimeout)),
                replay: replay),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: serverName),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }
}
