public import HummingbirdCore
public import Logging
public import NIOCore

/// Hummingbird's HTTP/1 connection with a ``FastAnswerHandler`` placed after its connection state handler (which
/// `additionalChannelHandlers` cannot do: those come before it, where its idle time-out would not see our answers).
public struct FastAnswerChannel: ServerChildChannel {
    public typealias Value = HTTP1Channel.Value

    let base: HTTP1Channel
    let replay: AnswerReplay

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let replay = replay
        return base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let operations = channel.pipeline.syncOperations
            let state = try operations.handler(type: HTTPConnectionStateHandler.self)
            try operations.addHandler(FastAnswerHandler(replay: replay), position: .after(state))
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
            FastAnswerChannel(base: HTTP1Channel(responder: responder, configuration: configuration), replay: replay)
        }
    }
}
