import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers plain `GET`s from the ``AnswerReplay`` on the connection's event loop; passes every other request on to
/// Hummingbird (the router and its middleware), unchanged and in order.
///
/// It sits after Hummingbird's connection state handler, so idle time-outs and graceful shutdown count its answers
/// like any other. A request is answered here only when nothing passed on before it is still unanswered (answers go
/// out in the order requests came), when it had no body, and when the connection can take more output (otherwise
/// the normal path, which waits for the client, answers it).
final class FastAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let replay: AnswerReplay
    /// Requests passed on whose answer has not been written yet.
    private var unanswered = 0
    /// A plain request's head, held until its end shows that it had no body.
    private var held: (head: HTTPRequest, start: ContinuousClock.Instant)?

    init(replay: AnswerReplay) {
        self.replay = replay
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            if unanswered == 0, AnswerReplay.isPlain(head) {
                held = (head, .now)
            } else {
                passOn(head, context: context)
            }
        case .body:
            if let held {
                self.held = nil
                passOn(held.head, context: context)
            }
            context.fireChannelRead(data)
        case .end:
            if let held {
                self.held = nil
                if context.channel.isWritable, let answer = replay.answer(to: held.head) {
                    context.write(wrapOutboundOut(.head(answer.head)), promise: nil)
                    if let body = answer.body { context.write(wrapOutboundOut(.body(body)), promise: nil) }
                    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                    replay.log(answer, elapsed: .now - held.start)
                    return
                }
                passOn(held.head, context: context)
            }
            context.fireChannelRead(data)
        }
    }

    private func passOn(_ head: HTTPRequest, context: ChannelHandlerContext) {
        unanswered += 1
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), unanswered > 0 { unanswered -= 1 }
        context.write(data, promise: promise)
    }
}

@available(*, unavailable)
extension FastAnswerHandler: Sendable {}
