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
}
