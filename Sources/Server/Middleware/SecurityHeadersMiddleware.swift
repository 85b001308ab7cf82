import HTTPTypes
import Hummingbird
import Kernel
import PluginKit

/// The one place that sets the security headers of every answer (pages, API, plugin routes, errors alike).
///
/// A route may set a stricter or more specific value first (a page's own `Content-Security-Policy`); what it left
/// out is filled in here. Answers to a request that carried credentials (`Authorization`, which only the API reads)
/// may hold personal data and are never stored by a cache.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = IndabaRequestContext

    /// Sent when the route set none: nothing but this origin, never inside a frame.
    static let defaultPolicy = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    /// No powerful browser feature is used anywhere.
    static let permissions =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=(), browsing-topics=()"

    /// Whether the public URL is https: then browsers are told to use nothing else (HSTS).
    let https: Bool

    init(baseURL: String) {
        https = baseURL.lowercased().hasPrefix("https://")
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        Self.apply(to: &response.headers, https: https, credentials: request.headers[.authorization] != nil)
        return response
    }

    static func apply(to headers: inout HTTPFields, https: Bool, credentials: Bool) {
        func setIfMissing(_ name: String, _ value: String) {
            let field = HTTPField.Name(name)!
            if headers[field] == nil { headers[field] = value }
        }
        if https { setIfMissing("Strict-Transport-Security", "max-age=31536000; includeSubDomains") }
        setIfMissing("Content-Security-Policy", defaultPolicy)
        setIfMissing("X-Frame-Options", "DENY")
        setIfMissing("X-Content-Type-Options", "nosniff")
        setIfMissing("Referrer-Policy", "same-origin")
        setIfMissing("Permissions-Policy", permissions)
        setIfMissing("Cross-Origin-Opener-Policy", "same-origin")
        setIfMissing("Cross-Origin-Resource-Policy", "same-origin")
        if credentials, !(headers[.cacheControl] ?? "").contains("no-store") {
            headers[.cacheControl] = "private, no-store"
        }
    }
}
