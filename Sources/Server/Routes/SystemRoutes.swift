import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `GET /healthz` (is the database answering?) and `GET /api/v1/openapi.json`.
struct SystemRoutes {
    let workspace: Workspace
    let openAPI: String

    /// `GET /healthz`, added before the request guard: a health check never waits in line behind the pages, and asks
    /// the database on a connection of its own, so busy readers cannot hold it up either.
    static func addHealth(to router: Router<IndabaRequestContext>, workspace: Workspace) {
        let own: DatabaseQueue? = workspace.store.path.flatMap { path in
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(5)
            return try? DatabaseQueue(path: path, configuration: configuration)
        }
        let reader: any DatabaseReader = own ?? workspace.store.writer
        router.get("healthz") { _, _ in
            _ = try await reader.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
            return try JSONResponse.make(["status": "ok"])
        }
    }

    func add(to router: Router<IndabaRequestContext>) {
        router.get("api/v1/openapi.json") { [openAPI] _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: openAPI)))
        }
    }
}
