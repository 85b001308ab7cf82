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
        var headers: HTTPFields = [.contentType: contentType]
        if let etag { headers[.eTag] = etag }
        if let location { headers[.location] = location }
        headers.append(contentsOf: extra)
        return Response(
            status: status, headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder.stable().encode(value))))
    }
}
