import Foundation
public import Hummingbird
import NIOCore

/// JSON answers of the API and of plugin routes, encoded by ``Foundation/JSONEncoder/stable(pretty:)``.
public enum JSONResponse {
    /// The `Content-Type` of every JSON answer.
    public static let contentType = "application/json; charset=utf-8"

    /// A response whose body is `value` as compact, sorted JSON.
    /// - Parameters:
    ///   - status: The status (200 unless told).
    ///   - etag: A quoted ETag to send, or `nil`.
    ///   - location: A `Location` header (for 201), or `nil`.
    ///   - headers: Further headers, such as `Cache-Control`.
    /// - Throws: What encoding `value` throws.
    public static func make(
        _ value: some Encodable, status: HTTPResponse.Status = .ok, etag: String? = nil, location: String? = nil,
        headers extra: HTTPFields = [:]
    ) throws -> Response {
        make(
            bytes: try JSONEncoder.stable().encode(value), status: status, etag: etag, location: location,
            headers: extra)
    }

    /// A response whose body is JSON already written (by a writer that gives ``Foundation/JSONEncoder/stable(pretty:)``'s
    /// bytes, faster), with the headers of ``make(_:status:etag:location:headers:)``.
    public static func make(
        bytes: some Sequence<UInt8>, status: HTTPResponse.Status = .ok, etag: String? = nil, location: String? = nil,
        headers extra: HTTPFields = [:]
    ) -> Response {
        var headers: HTTPFields = [.contentType: contentType]
        if let etag { headers[.eTag] = etag }
        if let location { headers[.location] = location }
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
