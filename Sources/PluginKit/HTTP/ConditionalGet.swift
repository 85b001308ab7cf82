import Foundation
public import Hummingbird

/// Conditional GET (RFC 9110 §13.1.2): a client that already holds the current version gets 304 and no body.
public enum ConditionalGet {
    /// Whether an `If-None-Match` header names one of `etags`, or `*`.
    ///
    /// The comparison is weak, as the RFC asks for `If-None-Match`: `W/"x"` matches `"x"`, on either side. The
    /// header may list several tags separated by commas.
    public static func ifNoneMatch(_ header: String, matchesAnyOf etags: [String]) -> Bool {
        let offered = header.split(separator: ",").map { opaque($0.trimmingCharacters(in: .whitespaces)) }
        let current = etags.map(opaque)
        return offered.contains("*") || offered.contains { current.contains($0) }
    }

    /// The 304 that answers a matching `If-None-Match`: no body, and the current ETag.
    public static func notModified(etag: String) -> Response {
        var headers = HTTPFields()
        headers[.eTag] = etag
        return Response(status: .notModified, headers: headers)
    }

    private static func opaque(_ tag: String) -> String {
        tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag
    }
}
