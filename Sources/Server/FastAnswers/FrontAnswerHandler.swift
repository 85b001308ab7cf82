import NIOCore

/// Answers plain `GET`s from the ``AnswerReplay`` straight from the connection's bytes, first in the pipeline:
/// before NIO's HTTP parser, Hummingbird's handlers, the router and its middleware. Every other request goes on to
/// them as the very bytes that came, in order.
///
/// - A request head is read by ``RequestHeadScanner``'s strict subset of HTTP/1.1. A head outside it, or any request
///   but a bodiless `GET` or `HEAD` that leaves the connection as it was (``RawRequestHead/leavesConnectionAsItWas``),
///   hands the connection over to the normal path for good: from there on its bytes go to NIO's parser untouched,
///   since only that parser can say where they end and whether the connection goes on.
/// - A request is answered here only when the normal path owes no answer on the connection (``ConnectionLedger``),
///   so answers go out in the order requests came, and only while the connection can take more output.
/// - This handler keeps the connection's idle time-out (Hummingbird's own would not see the answers given here): a
///   connection with no whole request arriving, nothing sent and no answer being made for `idleTimeout` is closed,
///   as Hummingbird closes it (bytes trickling in without ever making a request do not keep it open).
final class FrontAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    private let replay: AnswerReplay
    private let ledger: ConnectionLedger
    private let idleTimeout: TimeAmount?
    /// Request heads given to NIO's parser.
    private var passedOn = 0
    /// The start of a request head that has not all arrived.
    private var partial: ByteBuffer?
    /// Set once the connection's bytes all go to NIO's parser.
    private var handedOver = false
    /// When a whole request head last arrived here, or anything was last sent by the normal path.
    private var lastActive = NIODeadline.now()
    private var idleCheck: Scheduled<Void>?

    init(replay: AnswerReplay, ledger: ConnectionLedger, idleTimeout: TimeAmount?) {
        self.replay = replay
        self.ledger = ledger
        self.idleTimeout = idleTimeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let start = ContinuousClock.now
        if handedOver {
            context.fireChannelRead(data)
            return
        }
        var bytes = unwrapInboundIn(data)
        if var earlier = partial {
            partial = nil
            earlier.writeBuffer(&bytes)
            bytes = earlier
        }
        var answered = false
        reading: while bytes.readableBytes > 0 {
            switch bytes.withUnsafeReadableBytes({ RequestHeadScanner.scan($0) }) {
            case .incomplete:
                partial = bytes
                break reading
            case .unreadable:
                handOver(bytes, context: context)
                break reading
            case .head(let head):
                guard head.leavesConnectionAsItWas else {
                    handOver(bytes, context: context)
                    break reading
                }
                let request = bytes.readSlice(length: head.length)!
                lastActive = .now()
                if passedOn == ledger.answersWritten, context.channel.isWritable,
                    let answer = replay.answer(to: head, allocator: context.channel.allocator)
                {
                    context.write(wrapOutboundOut(.byteBuffer(answer.head)), promise: nil)
                    if let file = answer.file, let region = file.file.region(file.range, on: context.eventLoop) {
                        // The file stays open until the kernel has sent the region.
                        let sent = context.eventLoop.makePromise(of: Void.self)
                        sent.futureResult.whenComplete { _ in withExtendedLifetime(file.file) {} }
                        context.write(wrapOutboundOut(.fileRegion(region)), promise: sent)
                    } else if let body = answer.body {
                        context.write(wrapOutboundOut(.byteBuffer(body)), promise: nil)
                    }
                    replay.log(answer, elapsed: .now - start)
                    answered = true
                } else {
                    passedOn += 1
                    context.fireChannelRead(wrapInboundOut(request))
                }
            }
        }
        if answered { context.flush() }
    }

    /// From here on the connection's bytes, `bytes` first, all go to NIO's parser.
    private func handOver(_ bytes: ByteBuffer, context: ChannelHandlerContext) {
        handedOver = true
        context.fireChannelRead(wrapInboundOut(bytes))
    }

    /// A head that had not all arrived goes to NIO's parser before the input ends, which then answers as it does.
    private func passOnPartial(context: ChannelHandlerContext) {
        if let partial {
            self.partial = nil
            handOver(partial, context: context)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed { passOnPartial(context: context) }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        passOnPartial(context: context)
        idleCheck?.cancel()
        idleCheck = nil
        context.fireChannelInactive()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        lastActive = .now()
        context.write(data, promise: promise)
    }

    // MARK: The idle time-out

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { scheduleIdleCheck(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        idleCheck?.cancel()
        idleCheck = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        scheduleIdleCheck(context: context)
        context.fireChannelActive()
    }

    private func scheduleIdleCheck(context: ChannelHandlerContext) {
        guard let idleTimeout, idleCheck == nil else { return }
        let deadline = lastActive + idleTimeout
        idleCheck = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.idleCheck = nil
            // A request being answered keeps the connection, however long the answer takes. Requests that went to
            // NIO's parser are seen by the ledger.
            self.lastActive = max(self.lastActive, self.ledger.lastRead)
            if !self.ledger.isAnswering, NIODeadline.now() >= self.lastActive + idleTimeout {
                context.close(promise: nil)
            } else {
                if self.ledger.isAnswering { self.lastActive = .now() }
                self.scheduleIdleCheck(context: context)
            }
        }
    }
}

@available(*, unavailable)
extension FrontAnswerHandler: Sendable {}
