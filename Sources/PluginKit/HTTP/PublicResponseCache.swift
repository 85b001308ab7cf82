import Foundation
public import Hummingbird
public import Kernel
import NIOCore
import Synchronization

/// Public answers (pages and JSON lists anyone may read), rendered once and served with a strong validator until
/// something changes.
///
/// An entry is good while this process has committed no write since it was rendered (the kernel's
/// ``Kernel/WriteCounter`` moves with every committed change, so a rescheduled session or a new enrolment evicts
/// every page at once) and for at most `lifetime` (the command line may write to the same file without telling this
/// process). A revalidation whose `If-None-Match` names the current ETag gets 304 without rendering anything.
///
/// Only anonymous answers go through it: a signed-in visitor's pages carry their own header and form tokens.
public final class PublicResponseCache: Sendable {
    /// A rendered answer: what to send, and a strong ETag from its bytes.
    public struct Rendered: Sendable {
        let body: ByteBuffer
        public let contentType: String
        public let etag: String

        public init(text: String, contentType: String) {
            body = ByteBuffer(string: text)
            self.contentType = contentType
            etag = "\"" + Digest.sha256Hex(text, bytes: 16) + "\""
        }

        public init(bytes: [UInt8], contentType: String) {
            self.init(text: String(decoding: bytes, as: UTF8.self), contentType: contentType)
        }
    }

    private struct Entry {
        let rendered: Rendered
        let writes: UInt64
        let expires: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let counter: WriteCounter
    private let lifetime: Duration
    private let capacity: Int
    /// What shared caches (a CDN, a proxy) and browsers are told: how long they may reuse an answer unchecked.
    public let cacheControl: String

    /// - Parameters:
    ///   - counter: The workspace's write counter.
    ///   - lifetime: How long an entry is trusted without a write in this process (other processes may write).
    ///   - maxAge: The `max-age` (seconds) a shared cache may keep an answer before it revalidates it.
    ///   - capacity: How many answers are kept; past it the cache starts again empty.
    public init(counter: WriteCounter, lifetime: Duration = .seconds(5), maxAge: Int = 60, capacity: Int = 2_000) {
        self.counter = counter
        self.lifetime = lifetime
        self.capacity = capacity
        cacheControl = "public, max-age=\(maxAge), stale-if-error=600"
    }

    /// How many answers are held (for tests and diagnostics).
    public var count: Int { entries.withLock { $0.count } }

    /// Answers `request` from the entry for `key`, rendering it with `render` when there is none that is current.
    ///
    /// `render` returns `nil` for anything but a plain 200 (a missing series, a refused filter): those answers are
    /// never kept, and `fallback` produces them.
    public func respond(
        to request: Request, key: String, render: () async throws -> Rendered?,
        fallback: () async throws -> Response
    ) async throws -> Response {
        let writes = counter.value
        let now = ContinuousClock.now
        if let entry = entries.withLock({ $0[key] }), entry.writes == writes, entry.expires > now {
            return response(entry.rendered, to: request)
        }
        guard let rendered = try await render() else { return try await fallback() }
        let entry = Entry(rendered: rendered, writes: writes, expires: now + lifetime)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
        return response(rendered, to: request)
    }

    /// 304 when the request already holds these bytes, else 200 (no body for HEAD).
    private func response(_ rendered: Rendered, to request: Request) -> Response {
        var headers: HTTPFields = [
            .eTag: rendered.etag, .cacheControl: cacheControl, .vary: "Cookie, Authorization, Accept-Language",
        ]
        if let header = request.headers[.ifNoneMatch], ConditionalGet.ifNoneMatch(header, matchesAnyOf: [rendered.etag])
        {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = rendered.contentType
        headers[.contentLength] = String(rendered.body.readableBytes)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: rendered.body))
    }
}

/// Serves anonymous `GET` requests of the routes it wraps from a ``PublicResponseCache``, keyed by path and query
/// string: public JSON lists, which have no validator of their own. Requests with credentials, and answers that
/// already carry an ETag (single objects), pass straight through.
public struct PublicCacheMiddleware: RouterMiddleware {
    public typealias Context = IndabaRequestContext

    let cache: PublicResponseCache

    public init(cache: PublicResponseCache) {
        self.cache = cache
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .get, request.headers[.authorization] == nil,
            !context.access.isAuthenticated
        else { return try await next(request, context) }
        var uncached: Response?
        let response = try await cache.respond(
            to: request, key: request.uri.path + "?" + (request.uri.query ?? ""),
            render: {
                let response = try await next(request, context)
                // Objects carry their own validator (the one `If-Match` takes): they go through as they are.
                guard response.status == .ok, response.headers[.eTag] == nil,
                    let type = response.headers[.contentType]
                else {
                    uncached = response
                    return nil
                }
                let collector = BodyCollector()
                try await response.body.write(collector.writer)
                return PublicResponseCache.Rendered(bytes: collector.bytes.value, contentType: type)
            },
            fallback: { uncached! })
        return response
    }
}

/// Collects a response body's bytes.
private struct BodyCollector {
    final class Bytes: @unchecked Sendable {
        var value: [UInt8] = []
    }

    struct Writer: ResponseBodyWriter {
        let bytes: Bytes

        mutating func write(_ buffer: ByteBuffer) async throws {
            bytes.value.append(contentsOf: buffer.readableBytesView)
        }

        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }

    let bytes = Bytes()
    var writer: Writer { Writer(bytes: bytes) }
}
