import Foundation
import Hummingbird
import NIOCore
import PluginKit

/// Response builders shared by the plugin's routes: nothing it answers may be cached (certificates carry names).
enum Replies {
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        try JSONResponse.make(value, status: status, headers: [.cacheControl: "no-store"])
    }

    static func bytes(
        _ data: Data, type: String, status: HTTPResponse.Status = .ok, file: String? = nil
    ) -> Response {
        var headers: HTTPFields = [.contentType: type, .cacheControl: "no-store"]
        if let file { headers[.contentDisposition] = "attachment; filename=\"\(file)\"" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
