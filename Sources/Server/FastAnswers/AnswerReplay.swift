import HTTPTypes
import Hummingbird
public import Kernel
public import Logging
import NIOCore
import PluginKit
import Synchronization

/// Answers the server gave through its normal path that a route offered to replay (a ``PluginKit/ReplayOffer``),
/// kept whole (status, every header the middleware added, body) and sent again to identical plain `GET`s straight
/// from the connection's bytes (``FrontAnswerHandler``), before NIO's HTTP parser, without the router, the
/// middleware or a Swift task. The head is kept as the bytes NIO's encoder wrote, cut where each answer's own values
/// go.
///
/// A replayed answer is byte for byte the one the normal path would give, but for its own `X-Request-Id` and `Date`,
/// and it writes the same access log line. An answer is replayed only while all of these hold: this process has
/// committed no write since it was recorded (the kernel's ``Kernel/WriteCounter``), at most `lifetime` has passed
/// (another process may have written), the offer's and the middleware's `until` has not come (the feed's state and
/// the plugin gate's answer are remembered that long), and the route's `isCurrent` still holds (nothing in the
/// feed cache changed: kernel events evict feeds).
/// Anything else, and every request that is not plain (``isPlain(_:)``), takes the normal path, which records anew.
public final class AnswerReplay: Sendable {
    /// A class: every request that looks one up takes a reference, not a copy of its arrays.
    final class Recorded: Sendable {
        let status: HTTPResponse.Status
        /// The answer's head as the normal path writes it, cut where this answer's own values go: before the
        /// `X-Request-Id` value, and before the `Date` value (the server's `Date` and `Server` come last).
        let beforeId: [UInt8]
        /// `nil` when the answer has no `X-Request-Id` (then `beforeId` runs up to the date).
        let beforeDate: [UInt8]?
        let closing: [UInt8]
        let body: ByteBuffer?
        /// Where a large body is kept in a ``ReplayBodyFile``, to be sent from there.
        let file: FileBody?
        let route: String
        /// The request headers the answer depends on (lower case), and the values it was recorded for.
        let varyingOn: [String]
        let values: [String?]
        let isCurrent: @Sendable () -> Bool
        let writes: UInt64
        let expires: ContinuousClock.Instant

        init(
            status: HTTPResponse.Status, beforeId: [UInt8], beforeDate: [UInt8]?, closing: [UInt8], body: ByteBuffer?,
            file: FileBody?, route: String, varyingOn: [String], values: [String?],
            isCurrent: @escaping @Sendable () -> Bool, writes: UInt64, expires: ContinuousClock.Instant
        ) {
            self.status = status
            self.beforeId = beforeId
            self.beforeDate = beforeDate
            self.closing = closing
            self.body = body
            self.file = file
            self.route = route
            self.varyingOn = varyingOn
            self.values = values
            self.isCurrent = isCurrent
            self.writes = writes
            self.expires = expires
        }

        func fits(_ head: RawRequestHead) -> Bool {
            varyingOn.indices.allSatisfy { head.value(of: varyingOn[$0]) == values[$0] }
        }
    }

    /// One replayed answer, ready to write, and what its access log line says.
    struct Answer {
        let head: ByteBuffer
        let body: ByteBuffer?
        /// Where the body is kept in a file, to be sent from there.
        let file: FileBody?
        let status: HTTPResponse.Status
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
    /// `logger`'s handler, when it is a ``Kernel/BufferedLogHandler`` with no metadata of its own: replayed answers'
    /// lines then go straight into its sink.
    private let bufferedLog: BufferedLogHandler?
    private let date = HTTPDateText()
    private let replayed = Atomic<Int>(0)
    private let requestIds = RequestIdSequence()
    private let fileBodies: Int?
    /// The file large bodies are added to now.
    private let bodyFile = Mutex<ReplayBodyFile?>(nil)

    /// A body's place in a ``ReplayBodyFile``.
    struct FileBody: Sendable {
        let range: Range<Int>
        let file: ReplayBodyFile
    }

    /// - Parameters:
    ///   - counter: The workspace's write counter.
    ///   - serverName: The `Server` header the application adds to every answer (its `serverName`).
    ///   - logger: The application's logger, which the access log of the normal path writes to.
    ///   - lifetime: How long an answer is replayed at most without being recorded again.
    ///   - capacity: How many request targets are kept; past it the store starts again empty.
    ///   - fileBodies: The size from which bodies are kept in a temporary file and sent with `sendfile`; `nil` keeps
    ///     every body in memory.
    public init(
        counter: WriteCounter, serverName: String?, logger: Logger, lifetime: Duration = .seconds(1),
        capacity: Int = 2_000, fileBodies: Int? = 16_384
    ) {
        // `indaba serve`'s logger: its lines are written without swift-log's metadata dictionary and sorting (a
        // fifth of a replayed poll's CPU went there). Any other handler, or one carrying metadata, gets them through
        // the logger.
        bufferedLog = (logger.handler as? BufferedLogHandler).flatMap {
            $0.metadata.isEmpty && $0.metadataProvider == nil ? $0 : nil
        }
        self.fileBodies = fileBodies
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
        .authorization, .cookie, .range, .ifRange, .expect, .transferEncoding, .upgrade, .ifMatch, .ifUnmodifiedSince,
    ]
    private static let unusualNames = Set(unusual.map(\.canonicalName))

    /// A `GET` with no credentials, cookies, range, body, preconditions other than `If-None-Match` /
    /// `If-Modified-Since`, or `Connection` header but `keep-alive` (which HTTP/1.1 does anyway).
    static func isPlain(_ head: HTTPRequest) -> Bool {
        guard head.method == .get, head.path != nil else { return false }
        let fields = head.headerFields
        if let length = fields[.contentLength], length != "0" { return false }
        return !unusual.contains { fields[$0] != nil }
            && fields[values: .connection].allSatisfy(RawRequestHead.isKeepAlive)
    }

    /// ``isPlain(_:)`` for a head read from the connection's bytes (HTTP/1.1 only: 1.0's connections end
    /// differently).
    static func isPlain(_ head: RawRequestHead) -> Bool {
        head.method == "GET" && head.isHTTP11 && head.isBodiless && head.onlyKeepsAlive
            && !head.fields.contains { unusualNames.contains($0.name) }
    }

    /// The write counter now: a recording is good only if nothing was written since the request began.
    var writes: UInt64 { counter.value }

    /// Keeps the answer the normal path gave to `head` under the route's `offer`.
    func record(
        _ head: HTTPRequest, response: Response, offer: ReplayOffer, route: String, writesAtStart: UInt64
    ) {
        // A body is replayed with its length: without one, NIO's encoder would frame it in chunks.
        guard Self.isPlain(head), let target = head.path, response.status == .ok || response.status == .notModified,
            writesAtStart == counter.value, Self.isBodiless(response.status) || response.headers[.contentLength] != nil
        else { return }
        let (beforeId, beforeDate, closing) = headBytes(status: response.status, fields: response.headers)
        let varyingOn = offer.varyingOn.map(\.canonicalName)
        let values = offer.varyingOn.map { head.headerFields[$0] }
        var file: FileBody?
        if let body = offer.body, let fileBodies, body.readableBytes >= fileBodies {
            // The answer this one replaces usually has the same body: its place in the file is kept.
            let earlier = entries.withLock { entries in
                entries[target]?.last { $0.varyingOn == varyingOn && $0.values == values && $0.body == body }?.file
            }
            file = earlier ?? fileBody(body)
        }
        let recorded = Recorded(
            status: response.status, beforeId: beforeId, beforeDate: beforeDate, closing: closing,
            body: offer.body, file: file, route: route, varyingOn: varyingOn, values: values,
            isCurrent: offer.isCurrent, writes: writesAtStart,
            expires: min(.now + lifetime, offer.until ?? .now + lifetime))
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

    /// `body` written to the current ``ReplayBodyFile`` (a new one when it is full); `nil` when no file can take it.
    private func fileBody(_ body: ByteBuffer) -> FileBody? {
        bodyFile.withLock { current in
            if let current, let range = current.append(body) { return FileBody(range: range, file: current) }
            guard let fresh = ReplayBodyFile(capacity: max(64 << 20, body.readableBytes)),
                let range = fresh.append(body)
            else { return nil }
            current = fresh
            return FileBody(range: range, file: fresh)
        }
    }

    /// Whether an answer of `status` never has a body (NIO's encoder then drops its framing headers).
    private static func isBodiless(_ status: HTTPResponse.Status) -> Bool {
        status.kind == .informational || status == .noContent || status == .notModified
    }

    /// The head of an answer with `fields`, as NIO's encoder writes it after Hummingbird added `Date` and
    /// `Server`, in three pieces around the request id's and the date's values. The encoder drops a bodiless
    /// answer's `Content-Length` and `Transfer-Encoding`, and `Transfer-Encoding` beside a `Content-Length`.
    private func headBytes(
        status: HTTPResponse.Status, fields: HTTPFields
    ) -> (beforeId: [UInt8], beforeDate: [UInt8]?, closing: [UInt8]) {
        var beforeId = Array("HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n".utf8)
        var beforeDate: [UInt8]?
        let bodiless = Self.isBodiless(status)
        for field in fields {
            if field.name == .transferEncoding || bodiless && field.name == .contentLength { continue }
            if field.name == RequestLogMiddleware.requestIdField, beforeDate == nil {
                beforeId += Array("\(field.name.rawName): ".utf8)
                beforeDate = Array("\r\n".utf8)
            } else if beforeDate != nil {
                beforeDate! += Array("\(field.name.rawName): \(field.value)\r\n".utf8)
            } else {
                beforeId += Array("\(field.name.rawName): \(field.value)\r\n".utf8)
            }
        }
        if beforeDate != nil { beforeDate! += Array("Date: ".utf8) } else { beforeId += Array("Date: ".utf8) }
        let closing = Array(("\r\n" + (serverName.map { "Server: \($0)\r\n" } ?? "") + "\r\n").utf8)
        return (beforeId, beforeDate, closing)
    }

    /// The answer to `head` if one was recorded for it and is still good, its head written with `allocator`.
    func answer(to head: RawRequestHead, allocator: ByteBufferAllocator) -> Answer? {
        guard Self.isPlain(head) else { return nil }
        let writes = counter.value
        let now = ContinuousClock.now
        guard let list = entries.withLock({ $0[head.target] }),
            let recorded = list.last(where: { $0.fits(head) }),
            recorded.writes == writes, recorded.expires > now, recorded.isCurrent()
        else { return nil }
        // The headers the normal path sends: the recorded ones with this request's id, then what Hummingbird's
        // application adds (`Date`, `Server`), set the same way.
        let requestId = requestIds.next()
        let date = date.now()
        var buffer = allocator.buffer(
            capacity: recorded.beforeId.count + (recorded.beforeDate?.count ?? 0) + recorded.closing.count + 64)
        buffer.writeBytes(recorded.beforeId)
        if let beforeDate = recorded.beforeDate {
            buffer.writeString(requestId)
            buffer.writeBytes(beforeDate)
        }
        buffer.writeString(date)
        buffer.writeBytes(recorded.closing)
        replayed.add(1, ordering: .relaxed)
        return Answer(
            head: buffer, body: recorded.body, file: recorded.file,
            status: recorded.status, route: recorded.route, requestId: requestId)
    }

    /// The access log line of a replayed answer: the normal path's fields. Hummingbird never saw the request, so its
    /// `hb.request.id` is the answer's own id (making one in Hummingbird's form cost 2% of a replayed poll).
    func log(_ answer: Answer, elapsed: Duration) {
        // The id goes with the line's own fields: setting it on a copy of the logger copied its metadata each time.
        RequestLogMiddleware.log(
            to: logger, directly: bufferedLog, requestId: answer.requestId, method: .get, route: answer.route,
            status: answer.status, elapsed: elapsed, principal: "anonymous", hummingbirdRequestId: answer.requestId)
    }
}
