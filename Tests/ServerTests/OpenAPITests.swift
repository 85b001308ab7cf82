import Foundation
import Hummingbird
import Kernel
import KernelTesting
import Server
import ServerTesting
import Testing

@Suite("The OpenAPI document describes exactly the routes the kernel server registers")
struct OpenAPITests {
    private func served() async throws -> (text: String, json: [String: Any]) {
        let client = TestClient(workspace: try TestStore.inMemory())
        let reply = try await client.get("/api/v1/openapi.json")
        #expect(reply.status == 200)
        return (reply.text, reply.json)
    }

    @Test("every registered route is documented, and every documented route is registered")
    func routesMatchDocument() async throws {
        // The web interface's HTML pages are not part of the API; routeList leaves them out.
        let registered = Set(IndabaServer.routeList(workspace: try TestStore.inMemory()))
        let paths = try #require(try await served().json["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        #expect(
            registered.subtracting(documented).isEmpty, "undocumented: \(registered.subtracting(documented).sorted())")
        #expect(
            documented.subtracting(registered).isEmpty, "not registered: \(documented.subtracting(registered).sorted())"
        )
        #expect(registered.count > 25)
    }

    @Test("every operation behind the request guard may answer 503 with Retry-After; the health check never does")
    func busyAnswers() async throws {
        let paths = try #require(try await served().json["paths"] as? [String: [String: Any]])
        var operations = 0
        for (path, item) in paths {
            for (method, operation) in item {
                guard let responses = (operation as? [String: Any])?["responses"] as? [String: Any] else { continue }
                let busy = responses["503"] as? [String: Any]
                if path == "/healthz" {
                    #expect(busy == nil, "\(method) \(path)")
                    continue
                }
                operations += 1
                let headers = busy?["headers"] as? [String: Any]
                let content = busy?["content"] as? [String: Any]
                #expect(headers?["Retry-After"] != nil, "\(method) \(path)")
                #expect(content?["application/problem+json"] != nil, "\(method) \(path)")
            }
        }
        #expect(operations > 25)
    }

    @Test("the document passes openapi-spec-validator (OpenAPI 3.1)")
    func validates() throws {
        let url = Fixtures.repositoryRoot.appendingPathComponent("docs/openapi.json")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "openapi_spec_validator", url.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(
            process.terminationStatus == 0,
            "openapi-spec-validator failed (install it with scripts/install-deps.sh): \(text)")
        #expect(text.contains("OK"), "\(text)")
    }
}
