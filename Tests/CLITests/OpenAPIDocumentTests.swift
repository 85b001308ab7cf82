import Foundation
import KernelTesting
import Testing

@Suite("The build's OpenAPI document (kernel and installed plugins)")
struct OpenAPIDocumentTests {
    @Test("docs/openapi.json is what `indaba openapi` prints (RECORD_GOLDEN=1 rewrites it)")
    func committedDocumentIsCurrent() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        let printed = try indaba.run("openapi")
        #expect(printed.status == 0)
        let url = Fixtures.repositoryRoot.appendingPathComponent("docs/openapi.json")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try printed.stdout.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == printed.stdout, "run RECORD_GOLDEN=1 make test")
        #expect(!FileManager.default.fileExists(atPath: indaba.database), "describing the API created a database")
    }

    @Test("every route the real server registers is documented, and every documented route is registered")
    func routesMatch() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        let registered = Set(try indaba.run("openapi", "--routes").stdout.split(separator: "\n").map(String.init))
        let document = try JSONSerialization.jsonObject(with: Data(try indaba.run("openapi").stdout.utf8))
        let paths = try #require((document as? [String: Any])?["paths"] as? [String: [String: Any]])
        let methods = ["get", "head", "post", "put", "patch", "delete"]
        let documented = Set(
            paths.flatMap { path, item in
                item.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" }
            })
        #expect(
            registered.subtracting(documented).isEmpty, "undocumented: \(registered.subtracting(documented).sorted())")
        #expect(
            documented.subtracting(registered).isEmpty, "not registered: \(documented.subtracting(registered).sorted())"
        )
        #expect(registered.contains("GET /public/orgs/{org}/feeds/network/calendar.ics"))
    }

    @Test("public operations need no token, and the review queue and JWK set have the schemas they answer with")
    func schemasMatchAnswers() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        let document = try JSONSerialization.jsonObject(with: Data(try indaba.run("openapi").stdout.utf8))
        let paths = try #require((document as? [String: Any])?["paths"] as? [String: [String: Any]])
        func operation(_ path: String) -> [String: Any] { paths[path]?["get"] as? [String: Any] ?? [:] }
        func schema(_ path: String, _ type: String) -> String? {
            let responses = operation(path)["responses"] as? [String: Any]
            let ok = responses?["200"] as? [String: Any]
            let content = (ok?["content"] as? [String: Any])?[type] as? [String: Any]
            return (content?["schema"] as? [String: Any])?["type"] as? String
        }
        for path in [
            "/public/orgs/{org}/certificates/issuer", "/public/orgs/{org}/certificates/jwks.json", "/verify/{code}",
        ] {
            let security = operation(path)["security"] as? [[String: Any]]
            #expect(security?.contains { $0.isEmpty } == true, "\(path) is marked as needing a token")
        }
        #expect(schema("/api/v1/orgs/{org}/retention/attendance/unmatched", "application/json") == "array")
        #expect(schema("/public/orgs/{org}/certificates/jwks.json", "application/jwk-set+json") == "object")
    }
}
