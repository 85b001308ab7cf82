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
    /// The gzip variant's ETag: a different representation needs a different strong validator.
    let gzipETag: String
    /// Both validators, as `If-None-Match` compares them.
    private let etags: [String]
    let lastModified: Date
    let contentType: String
    let maxAge: Int
    /// The headers of each answer, built once: a cached feed is served many times a second.
    private let headers: Headers

    private struct Headers: Sendable {
        let notModified: HTTPFields
        let notModifiedGzip: HTTPFields
        let ok: HTTPFields
        let okGzip: HTTPFields
    }

    /// - Parameter isPrivate: A personal feed: no shared cache may keep it (it carries join links).
    init(text: String, contentType: String, lastModified: Date, maxAge: Int, isPrivate: Bool = false) throws {
        let body = ByteBuffer(string: text)
        self.body = body
        // Compressing reads the buffer it is given: a copy, so that `body` keeps its bytes.
        var input = body
        let gzipped = try input.compress(with: .gzip())
        self.gzipped = gzipped
        let etag = "\"\(Digest.sha256Hex(text, bytes: 16))\""
        self.etag = etag
        self.lastModified = lastModified
        self.contentType = contentType
        self.maxAge = maxAge
        let validators = { (tag: String) -> HTTPFields in
            [
                .eTag: tag,
                .lastModified: HTTPDate.format(lastModified),
                .cacheControl: "\(isPrivate ? "private" : "public"), max-age=\(maxAge)",
                .vary: "Accept-Encoding",
            ]
        }
        let content = { (tag: String, payload: ByteBuffer, gzip: Bool) -> HTTPFields in
            var fields = validators(tag)
            fields[.contentType] = contentType
            if let disposition = Self.disposition(contentType: contentType, download: false) {
                fields[.contentDisposition] = disposition
            }
            if gzip { fields[.contentEncoding] = "gzip" }
            fields[.contentLength] = String(payload.readableBytes)
            return fields
        }
        let gzipTag = String(etag.dropLast()) + "-gz\""
        gzipETag = gzipTag
        etags = [etag, gzipTag]
        headers = Headers(
            notModified: validators(etag), notModifiedGzip: validators(gzipTag),
            ok: content(etag, body, false), okGzip: content(gzipTag, gzipped, true))
    }

    /// Answers `request`: 304 when its validators match, gzip when it accepts gzip, no body for HEAD.
    /// `now` is the server's clock: it dates a two-digit If-Modified-Since year, and a date after it is ignored.
    func response(to request: Request, now: Date) -> Response {
        answer(to: request, now: now).response
    }

    /// ``response(to:now:)`` with the body it carries (`nil` for none), for a ``ReplayOffer``.
    func answer(to request: Request, now: Date) -> (response: Response, body: ByteBuffer?) {
        let gzip = Self.acceptsGzip(request.headers[.acceptEncoding])
        if Self.notModified(request, etags: etags, lastModified: lastModified, now: now) {
            return (Response(status: .notModified, headers: gzip ? headers.notModifiedGzip : headers.notModified), nil)
        }
        var fields = gzip ? headers.okGzip : headers.ok
        // Only a query string can ask for a download (`?download`): most polls have none.
        if request.uri.query != nil, request.uri.queryParameters["download"] != nil,
            let disposition = Self.disposition(contentType: contentType, download: true)
        {
            fields[.contentDisposition] = disposition
        }
        if request.method == .head { return (Response(status: .ok, headers: fields), nil) }
        let payload = gzip ? gzipped : body
        return (Response(status: .ok, headers: fields, body: .init(byteBuffer: payload)), payload)
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
    static func disposition(contentType: String, download: Bool) -> String? {
        guard contentType.hasPrefix("text/calendar") else { return nil }
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
