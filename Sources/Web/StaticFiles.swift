import Hummingbird
import Kernel
import PluginKit

/// The stylesheet and the one small script, same-origin, cacheable for an hour.
struct StaticFiles {
    func add(to router: Router<IndabaRequestContext>) {
        router.get("static/indaba.css") { _, _ in
            Self.response(Stylesheet.css, type: "text/css; charset=utf-8")
        }
        router.get("static/local-time.js") { _, _ in
            Self.response(Stylesheet.localTime, type: "text/javascript; charset=utf-8")
        }
    }

    private static func response(_ text: String, type: String) -> Response {
        var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: text)))
        response.headers[.contentType] = type
        response.headers[.cacheControl] = "public, max-age=3600"
        return response
    }
}
