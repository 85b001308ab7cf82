public import HummingbirdCore
public import Logging
public import NIOCore

/// Hummingbird's HTTP/1 connection with a ``FrontAnswerHandler`` first in its pipeline, answering replayed answers
/// before NIO's HTTP parser, and a ``ConnectionLedger`` counting what Hummingbird's handlers have in hand.
///
/// The front handler keeps the connection's idle time-out (`idleTimeout`), which Hummingbird's connection state
/// handler would otherwise keep without seeing the answers given in front of it.
public struct FastAnswerChannel: ServerChildChannel {
    public typealias Value = HTTP1Channel.Value

    let base: HTTP1Channel
    let replay: AnswerReplay
    let idleTimeout: TimeAmount?

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let (replay, idleTimeout) = (replay, idleTimeout)
        return base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let operations = channel.pipeline.syncOperations
            let ledger = ConnectionLedger()
            let state = try operations.handler(type: HTTPConnectionStateHandler.self)
            try operations.addHandler(ledger.handler(), position: .after(state))
            try operations.addHandler(
                FrontAnswerHandler(replay: replay, ledger: ledger, idleTimeout: idleTimeout), position: .first)
            return value
        }
    }

    public func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 as `http1(configuration:)` builds it, with answers replayed from `replay` (see ``AnswerReplay``).
    public static func http1(configuration: HTTP1Channel.Configuration, replay: AnswerReplay) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            var hummingbird = configuration
            hummingbird.idleTimeout = nil
            return FastAnswerChannel(
                base: HTTP1Channel(responder: responder, configuration: hummingbird), replay: replay,
                idleTimeout: configuration.idleTimeout)
        }
    }
}
