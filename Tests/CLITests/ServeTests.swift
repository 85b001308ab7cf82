import Foundation
import KernelTesting
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("indaba serve, started for real and reached over HTTP")
struct ServeTests {
    @Test("serves the demo on a free port, answers HTTP, and stops cleanly on SIGTERM")
    func serveOverHTTP() async throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        let token = try indaba.run("token", "create", "--role", "networkCoordinator", "--org", "asknet").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("indaba_"))

        let output = indaba.directory.appendingPathComponent("serve.out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = IndabaBinary.executable
        process.arguments = ["serve", "--port", "0", "--db", indaba.database]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var base: String?
        for _ in 0..<100 where base == nil {
            try await Task.sleep(for: .milliseconds(100))
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression) {
                base = String(text[range])
            }
        }
        let url = try #require(base, "the server did not say where it listens")

        let (health, healthResponse) = try await URLSession.shared.data(from: URL(string: url + "/healthz")!)
        #expect((healthResponse as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: health, as: UTF8.self) == #"{"status":"ok"}"#)

        var request = URLRequest(url: URL(string: url + "/api/v1/series?status=completed")!)
        let (_, anonymous) = try await URLSession.shared.data(for: request)
        #expect((anonymous as? HTTPURLResponse)?.statusCode == 200)
        request = URLRequest(url: URL(string: url + "/api/v1/people?limit=5")!)
        let (_, refused) = try await URLSession.shared.data(for: request)
        #expect((refused as? HTTPURLResponse)?.statusCode == 401)
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let (people, allowed) = try await URLSession.shared.data(for: request)
        #expect((allowed as? HTTPURLResponse)?.statusCode == 200)
        let items = (try JSONSerialization.jsonObject(with: people) as? [String: Any])?["items"] as? [Any]
        #expect(items?.count == 5)

        // The web interface, from the deployed binary: its templates are compiled in, not read from a folder.
        let (page, pageResponse) = try await URLSession.shared.data(from: URL(string: url + "/series/3")!)
        #expect((pageResponse as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: page, as: UTF8.self).contains("<h1>Creating Inclusive Spaces for Women in Tech"))

        process.terminate()  // SIGTERM
        for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning, "the server did not stop within 10 s of SIGTERM")
        #expect(process.terminationStatus == 0)
    }
}
