import HTTPTypes
import Hummingbird
public import Kernel
public import Logging
import NIOCore
import PluginKit
import Synchronization

/// Answers the server gave through its normal path that a route offered to replay (a ``PluginKit/ReplayOffer``),
/// kept whole (status, every header the middleware added, body) and sent again to identical plain `GET`s straight
/// from the connection (``FastAnswerHandler``), without the router, the middleware or a Swift task.
///
/// A replayed answer is byte for byte the one the normal path would give, but for its own `X-Request-Id` and `Date`,
/// and it writes the same access log line. An answer is replayed only while all of these hold: this process has
/// committed no write since it was recorded (the kernel's ``Kernel/WriteCounter``), at most `lifetime` has passed
/// (another process may have written), and the route's and the middleware's conditions still hold (the feed is
/// still in the plugin's cache, kernel events evict it; the plugin gate's remembered answer is still current).
/// Anything else, and every request that is not plain (``isPlain(_:)``), takes the normal path, which records anew.
public final class AnswerReplay: Sendable {
    struct Recorded: Sendable {
        let status: HTTPResponse.Status
        /// The headers as the middleware left them (`X-Request-Id` included), before the server's `Date` and `Server`.
        let fields: HTTPFields
        let body: ByteBuffer?
        let route: String
        let varyingOn: [HTTPField.Name]
        let values: [String?]
        let isCurrent: @Sendable () -> Bool
        let writes: UInt64
        let expires: ContinuousClock.Instant

        func fits(_ fields: HTTPFields) -> Bool {
            varyingOn.indices.allSatisfy { fields[varyingOn[$0]] == values[$0] }
        }
    }

    /// One replayed answer, ready to write, and what its access log line says.
    struct Answer {
        let head: HTTPResponse
        let body: ByteBuffer?
        let route: String
        let requestId: String
    }

    private let entries = Mutex<[String: [Recorded]]>([:])
    private let counter: WriteCounter
    private let lifetime: Duration
    private let capacity: Int
    private let serverName: String?
    /// The server's log (the access log line of each replayed answer).
    let logger: Logger
    private let date = HTTPDateText()
    private let replayed = Atomic<Int>(0)

    /// - Parameters:
    ///   - counter: The workspace's write counter.
    ///   - serverName: The `Server` header the application adds to every answer (its `serverName`).
    ///   - logger: The application's logger, which the access log of the normal path writes to.
    ///   - lifetime: How long an answer is replayed at most without being recorded again.
    ///   - capacity: How many request targets are kept; past it the store starts again empty.
    public init(
        counter: WriteCounter, serverName: String?, logger: Logger, lifetime: Duration = .seconds(1),
        capacity: Int = 2_000
    ) {
        self.counter = counter
        self.serverName = serverName
        self.logger = logger
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// How many requests were answered by replay (for tests and diagnostics).
    public var replayedCount: Int { replayed.load(ordering: .relaxed) }

    /// How many answers are kept (for tests and diagnostics).
    public var count: Int { entries.withLock { $0.values.reduce(0) { $0 + $1.count } } }

    /// Forgets every answer (the next request of each takes the normal path).
    public func removeAll() {
        entries.withLock { $0.removeAll() }
    }

    /// The request headers that make a request other than plain: the normal path decides those.
    private static let unusual: [HTTPField.Name] = [
        .authorization, .cookie, .range, .ifRange, .connection, .expect, .transferEncoding, .upgrade,
        .ifMatch, .ifUnmodifiedSince,
    ]

    /// A `GET` with no credentials, cookies, range, body, preconditions other than `If-None-Match` /
    /// `If-Modified-Since`, or `Connection` header.
    static func isPlain(_ head: HTTPRequest) -> Bool {
        guard head.method == .get, head.path != nil else { return false }
        let fields = head.headerFields
        if let length = fields[.contentLength], length != "0" { return false }
        return !unusual.contains { fields[$0] != nil }
    }

    /// The write counter now: a recording is good only if nothing was written since the request began.
    var writes: UInt64 { counter.value }

    /// Keeps the answer the normal path gave to `head` under the route's `offer`.
    func record(
        _ head: HTTPRequest, response: Response, offer: ReplayOffer, route: String, writesAtStart: UInt64
    ) {
        guard Self.isPlain(head), let target = head.path, response.status == .ok || response.status == .notModified,
            writesAtStart == counter.value
        else { return }
        let recorded = Recorded(
            status: response.status, fields: response.headers, body: offer.body, route: route,
            varyingOn: offer.varyingOn, values: offer.varyingOn.map { head.headerFields[$0] },
            isCurrent: offer.isCurrent, writes: writesAtStart, expires: .now + lifetime)
        entries.withLock { entries in
            if entries[target] == nil, entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            var list = entries[target, default: []].filter {
                $0.varyingOn != recorded.varyingOn || $0.values != recorded.values
            }
            // A few variants per address (identity, gzip, 304s): clients of one feed send the same few headers.
            if list.count >= 8 { list.removeFirst() }
            list.append(recorded)
            entries[target] = list
        }
    }

    /// The answer to `head` if one was recorded for it and is still good.
    func answer(to head: HTTPRequest) -> Answer? {
        guard Self.isPlain(head), let target = head.path else { return nil }
        let writes = counter.value
        let now = ContinuousClock.now
        guard let list = entries.withLock({ $0[target] }),
            let recorded = list.last(where: { $0.fits(head.headerFields) }),
            recorded.writes == writes, recorded.expires > now, recorded.isCurrent()
        else { return nil }
        // The headers the normal path sends: the recorded ones with this request's id, then what Hummingbird's
        // application adds (`Date`, `Server`), set the same way.
        let requestId = IndabaRequestContext.newRequestId()
        var fields = HTTPFields()
        fields.reserveCapacity(recorded.fields.count + 2)
        for field in recorded.fields {
            if field.name == RequestLogMiddleware.requestIdField {
                fields.append(HTTPField(name: field.name, value: requestId))
            } else {
                fields.append(field)
            }
        }
        fields[.date] = date.now()
        if let serverName { fields[.server] = serverName }
        replayed.add(1, ordering: .relaxed)
        return Answer(
            head: HTTPResponse(status: recorded.status, headerFields: fields), body: recorded.body,
            route: recorded.route, requestId: requestId)
    }

    /// The access log line of a replayed answer: the normal path's, with the request id Hummingbird gives each
    /// request's logger.
    func log(_ answer: Answer, elapsed: Duration) {
        // The id goes with the line's own fields: setting it on a copy of the logger copied its metadata each time.
        RequestLogMiddleware.log(
            to: logger, requestId: answer.requestId, method: .get, route: answer.route, status: answer.head.status,
            elapsed: elapsed, principal: "anonymous", hummingbirdRequestId: RequestID().description)
    }
}
