public import NIOCore

/// Tells the ``RequestGuard`` when a connection's client has gone away, so the work for its request stops.
///
/// A client that closes its side (or the whole connection) while its request is being answered has given up, as
/// nginx assumes too: the server accepts half-closed connections, so the end of the input is the signal, before
/// the connection itself closes.
public final class ClientDisconnectHandler: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    public typealias InboundIn = NIOAny

    private let requestGuard: RequestGuard

    public init(requestGuard: RequestGuard) {
        self.requestGuard = requestGuard
    }

    public func handlerAdded(context: ChannelHandlerContext) {
        requestGuard.connectionOpened(ObjectIdentifier(context.channel))
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        requestGuard.connectionClosed(ObjectIdentifier(context.channel))
    }

    public func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            requestGuard.clientWentAway(ObjectIdentifier(context.channel))
        }
        context.fireUserInboundEventTriggered(event)
    }

    public func channelInactive(context: ChannelHandlerContext) {
        requestGuard.clientWentAway(ObjectIdentifier(context.channel))
        context.fireChannelInactive()
    }
}
