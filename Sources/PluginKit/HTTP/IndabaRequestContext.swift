public import Foundation
public import Hummingbird
public import Kernel
import NIOCore
import Synchronization

/// The request context of every Indaba route, kernel and plugin alike.
///
/// The server's authentication middleware sets ``access``; for plugin routes, the plugin gate sets
/// ``organization`` after checking that the caller may see it and that the plugin is enabled there.
public struct IndabaRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who is calling. Anonymous until authentication says otherwise.
    public var access: Access = .anonymous
    /// The organization named in a plugin route's URL.
    public var organization: Organization?
    /// The participant signed in to their own pages (`/me`), apart from ``access`` (which is staff access).
    public var participant: Person.ID?
    /// The language the signed-in participant chose, if any (pages follow it unless the visitor picks another
    /// with the language switcher).
    public var language: Language?
    /// What speaks the language of the page being answered. The web interface sets it before a plugin's page
    /// handler runs (switcher, preference, `Accept-Language`, the organization's default); English elsewhere.
    public var localizer: Localizer = .english
    /// A random id for this request, sent back as `X-Request-Id` and put in every log line about it.
    public let requestId: String
    /// Facts learnt while handling the request that the outer middleware (the access log) reports.
    public let trace = RequestTrace()
    /// The server's public URL (`--base-url`), for absolute links such as `Location` headers and feed URLs.
    public var baseURL = ""
    /// The peer's IP address (for rate limits; never logged with personal data), or `nil` when unknown.
    public let remoteAddress: String?
    /// The client's IP address: the peer's, unless the peer is a trusted reverse proxy (`--trusted-proxy`) that
    /// named the client in `Forwarded` or `X-Forwarded-For`. What rate limits count against.
    public var clientAddress: String?
    /// The connection the request came on: the server stops the work of a request whose client went away.
    public let connection: ObjectIdentifier

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        connection = ObjectIdentifier(source.channel)
        requestId = Self.newRequestId()
        remoteAddress = source.channel.remoteAddress?.ipAddress
        clientAddress = remoteAddress
    }

    /// A random request id, as ``requestId`` is made (the server's fast answers make theirs the same way).
    public static func newRequestId() -> String {
        String(UInt64.random(in: .min ... .max), radix: 16)
    }

    /// Bodies above this size are refused with 413 before they are read further.
    public var maxUploadSize: Int { 1 << 20 }

    /// What the caller may read and change.
    public var scope: Scope { Scope(access) }

    /// Who the audit log names for changes this request makes.
    public var actor: AuditActor { AuditActor(access) }

    /// How a route's `Encodable` result becomes JSON: the same stable bytes as ``JSONResponse``.
    public var responseEncoder: JSONEncoder { .stable() }
}

/// What inner middleware learns about a request for outer middleware: shared by every copy of one context.
public final class RequestTrace: Sendable {
    private struct State {
        var principal = "anonymous"
        var replay: ReplayOffer?
        /// The earliest end middleware set to a replay (see ``limitReplay(until:)``); `nil` for none.
        var until: ContinuousClock.Instant?
        var refused = false
    }

    private let state = Mutex(State())

    public init() {}

    /// Who made the request, as a log label (`anonymous`, `token:12`).
    public var principal: String {
        get { state.withLock { $0.principal } }
        set { state.withLock { $0.principal = newValue } }
    }

    /// Says that the answer to this request may be sent again to identical requests (see ``ReplayOffer``).
    public func offerReplay(_ offer: ReplayOffer) {
        state.withLock { $0.replay = offer }
    }

    /// Ends any replay of this request's answer at `instant`, when a middleware's own remembered decision (such as
    /// the plugin gate's) stops being used as it is; `nil` forbids a replay (the decision is not remembered).
    public func limitReplay(until instant: ContinuousClock.Instant?) {
        state.withLock { state in
            if let instant { state.until = min(state.until ?? instant, instant) } else { state.refused = true }
        }
    }

    /// The route's offer, ending no later than every limit middleware set; `nil` when the route made none or a
    /// middleware forbade it.
    public var replay: ReplayOffer? {
        state.withLock { state in
            guard let offer = state.replay, !state.refused else { return nil }
            guard let limit = state.until else { return offer }
            return ReplayOffer(
                body: offer.body, varyingOn: offer.varyingOn, until: min(offer.until ?? limit, limit),
                isCurrent: offer.isCurrent)
        }
    }
}
