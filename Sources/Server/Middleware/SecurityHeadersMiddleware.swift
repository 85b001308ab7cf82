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

    /// The headers every answer carries unless its route set its own, built once: this runs for every request.
    let defaults: [HTTPField]

    init(baseURL: String) {
        let https = baseURL.lowercased().hasPrefix("https://")
        defaults =
            (https ? [HTTPField(name: .strictTransportSecurity, value: "max-age=31536000; includeSubDomains")] : [])
            + [
                HTTPField(name: .contentSecurityPolicy, value: Self.defaultPolicy),
                HTTPField(name: HTTPField.Name("X-Frame-Options")!, value: "DENY"),
                HTTPField(name: .xContentTypeOptions, value: "nosniff"),
                HTTPField(name: HTTPField.Name("Referrer-Policy")!, value: "same-origin"),
                HTTPField(name: HTTPField.Name("Permissions-Policy")!, value: Self.permissions),
                HTTPField(name: HTTPField.Name("Cross-Origin-Opener-Policy")!, value: "same-origin"),
                HTTPField(name: HTTPField.Name("Cross-Origin-Resource-Policy")!, value: "same-origin"),
            ]
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        Self.apply(defaults, to: &response.headers, credentials: request.headers[.authorization] != nil)
        return response
    }

    static func apply(_ defaults: [HTTPField], to headers: inout HTTPFields, credentials: Bool) {
        for field in defaults where headers[field.name] == nil { headers.append(field) }
        if credentials, !(headers[.cacheControl] ?? "").contains("no-store") {
            headers[.cacheControl] = "private, no-store"
        }
    }
}
