public import HTTPTypes
public import NIOCore

/// A route's word that its answer may be sent again, byte for byte, to an identical `GET` without running the route
/// (or any middleware) while ``isCurrent`` holds and until ``until``: what lets the server answer a cached feed poll
/// straight from the connection.
///
/// The server keeps the whole answer (status and every header the middleware added), keyed by the request target
/// and the values of ``varyingOn``; it drops it when this process writes to the database, after a second (another
/// process may have written), at ``until``, or as soon as ``isCurrent`` says no. Only plain requests are answered this way:
/// no credentials, cookies, ranges, bodies or `Connection` header; everything else takes the normal path.
public struct ReplayOffer: Sendable {
    /// The body that was sent (`nil` for none).
    public let body: ByteBuffer?
    /// The request headers the answer depends on (such as `Accept-Encoding` or `If-None-Match`).
    public let varyingOn: [HTTPField.Name]
    /// Whether what the answer was made from is still what the route would use: checked before every replay, so
    /// it should cost little more than reading a number.
    public let isCurrent: @Sendable () -> Bool
    /// When what the answer was made from stops being used as it is, even if nothing is written (a remembered
    /// value's end); `nil` for no such end.
    public let until: ContinuousClock.Instant?

    public init(
        body: ByteBuffer?, varyingOn: [HTTPField.Name], until: ContinuousClock.Instant? = nil,
        isCurrent: @escaping @Sendable () -> Bool
    ) {
        self.body = body
        self.varyingOn = varyingOn
        self.until = until
        self.isCurrent = isCurrent
    }
}
