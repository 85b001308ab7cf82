import NIOCore
import NIOHTTPTypes

/// What the normal path of one connection has in hand: the requests NIO's parser gave Hummingbird and the answers
/// Hummingbird finished. The ``FrontAnswerHandler`` answers only when the normal path owes nothing (answers go
/// out in the order requests came) and keeps the connection open while it does.
final class ConnectionLedger {
    /// Request heads that reached Hummingbird's handlers.
    private(set) var requestsRead = 0
    /// Whether the last of them is still arriving (its body).
    private(set) var requestBeingRead = false
    /// Answers whose end Hummingbird wrote.
    private(set) var answersWritten = 0
    /// When the last request part reached Hummingbird's handlers.
    private(set) var lastRead = NIODeadline.now()

    /// Whether a request has all arrived and its answer is still being made: the connection is not idle.
    var isAnswering: Bool { requestsRead > answersWritten && !requestBeingRead }

    /// The handler that keeps this ledger, placed among Hummingbird's (after its HTTP codec).
    func handler() -> some ChannelDuplexHandler & RemovableChannelHandler { LedgerHandler(ledger: self) }

    fileprivate func read(_ part: HTTPRequestPart) {
        lastRead = .now()
        switch part {
        case .head:
            requestsRead += 1
            requestBeingRead = true
        case .body: break
        case .end: requestBeingRead = false
        }
    }

    fileprivate func wrote(_ part: HTTPResponsePart) {
        if case .end = part { answersWritten += 1 }
    }
}

/// Counts, into a ``ConnectionLedger``, the request parts going up to Hummingbird and the answer ends coming down.
private final class LedgerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let ledger: ConnectionLedger

    init(ledger: ConnectionLedger) {
        self.ledger = ledger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        ledger.read(unwrapInboundIn(data))
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        ledger.wrote(unwrapOutboundIn(data))
        context.write(data, promise: promise)
    }
}

@available(*, unavailable)
extension ConnectionLedger: Sendable {}

@available(*, unavailable)
extension LedgerHandler: Sendable {}
