import Foundation
import Hummingbird
import NIOCore

/// Response builders shared by the plugin's routes.
enum Replies {
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return bytes(try encoder.encode(value), type: "application/json; charset=utf-8", status: status)
    }

    static func bytes(
        _ data: Data, type: String, status: HTTPResponse.Status = .ok, file: String? = nil
    ) -> Response {
        var headers: HTTPFields = [.contentType: type, .cacheControl: "no-store"]
        if let file { headers[.contentDisposition] = "attachment; filename=\"\(file)\"" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
