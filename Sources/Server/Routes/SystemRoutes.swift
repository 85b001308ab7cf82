import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `GET /healthz` (is the database answering?) and `GET /api/v1/openapi.json`.
struct SystemRoutes {
    let workspace: Workspace
    let openAPI: String

    func add(to router: Router<IndabaRequestContext>) {
        router.get("healthz") { _, _ in
            _ = try await workspace.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
            return try JSONResponse.make(["status": "ok"])
        }
        router.get("api/v1/openapi.json") { [openAPI] _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: openAPI)))
        }
    }
}
