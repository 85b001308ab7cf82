import CompressNIO
import Foundation
import Hummingbird
import Kernel
import PluginKit

/// One rendered feed, ready to serve: identity and gzip bodies, a strong ETag from the bytes, Last-Modified.
struct FeedRepresentation: Sendable {
    let body: ByteBuffer
    let gzipped: ByteBuffer
    /// A strong validator of the identity body: it changes exactly when the bytes change.
    let etag: String
    let lastModified: Date
    let contentType: String
    let maxAge: Int
    /// Header values, formatted once: a cached feed is served many times a second.
    private let lastModifiedText: String
    private let cacheControl: String

    /// - Parameter isPrivate: A personal feed: no shared cache may keep it (it carries join links).
    init(text: String, contentType: String, lastModified: Date, maxAge: Int, isPrivate: Bool = false) throws {
        var body = ByteBuffer(string: text)
        self.body = body
        gzipped = try body.compress(with: .gzip())
        let digest = Digest.sha256Hex(text, bytes: 16)
        etag = "\"\(digest)\""
        self.lastModified = lastModified
        self.contentType = contentType
        self.maxAge = maxAge
        lastModifiedText = HTTPDate.format(lastModified)
        cacheControl = "\(isPrivate ? "private" : "public"), max-age=\(maxAge)"
    }

    /// The gzip variant's ETag: a different representation needs a different strong validator.
    var gzipETag: String { String(etag.dropLast()) + "-gz\"" }

    /// Answers `request`: 304 when its validators match, gzip when it accepts gzip, no body for HEAD.
    /// `now` is the server's clock: it dates a two-digit If-Modified-Since year, and a date after it is ignored.
    func response(to request: Request, now: Date) -> Response {
        let gzip = Self.acceptsGzip(request.headers[.acceptEncoding])
        let tag = gzip ? gzipETag : etag
        var headers: HTTPFields = [
            .eTag: tag,
            .lastModified: lastModifiedText,
            .cacheControl: cacheControl,
            .vary: "Accept-Encoding",
        ]
        if Self.notModified(request, etags: [etag, gzipETag], lastModified: lastModified, now: now) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        if let disposition = Self.disposition(contentType: contentType, request: request) {
            headers[.contentDisposition] = disposition
        }
        if gzip { headers[.contentEncoding] = "gzip" }
        let payload = gzip ? gzipped : body
        headers[.contentLength] = String(payload.readableBytes)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: payload))
    }

    /// RFC 9110 §13.1.2 and §13.1.3: If-None-Match (weak comparison, lists, `*`) wins over If-Modified-Since,
    /// which may come in any of the three HTTP date formats.
    static func notModified(_ request: Request, etags: [String], lastModified: Date, now: Date) -> Bool {
        if let header = request.headers[.ifNoneMatch] {
            return ConditionalGet.ifNoneMatch(header, matchesAnyOf: etags)
        }
        guard let header = request.headers[.ifModifiedSince] else { return false }
        return ConditionalGet.unmodified(since: header, lastModified: lastModified, now: now)
    }

    /// An iCalendar file is named `calendar.ics`; with `?download` (the page's Download link) it is an attachment,
    /// which browsers save instead of handing to whatever opens `text/calendar`. Subscriptions are unaffected.
    static func disposition(contentType: String, request: Request) -> String? {
        guard contentType.hasPrefix("text/calendar") else { return nil }
        let download = request.uri.queryParameters["download"] != nil
        return (download ? "attachment" : "inline") + "; filename=\"calendar.ics\""
    }

    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { item in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard parts.first == "gzip" || parts.first == "x-gzip" else { return false }
            return !parts.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "") == "q=0" }
        }
    }
}

/// IMF-fixdate, the one HTTP date format a server sends (RFC 9110 §5.6.7).
enum HTTPDate {
    static func format(_ date: Date) -> String {
        formatter().string(from: date)
    }

    private static func formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }
}
