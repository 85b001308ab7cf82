import Foundation
import KernelTesting
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A flag threads read and one task sets.
private final class Flag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}

@Suite("indaba serve under load, for real over HTTP")
struct HealthUnderLoadTests {
    /// Starts `indaba serve` on a free port; returns the process and its base URL.
    private func serve(_ indaba: IndabaBinary, log: URL) async throws -> (Process, String) {
        let output = indaba.directory.appendingPathComponent("serve.out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = IndabaBinary.executable
        process.arguments = ["serve", "--port", "0", "--db", indaba.database]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        for _ in 0..<300 {
            try await Task.sleep(for: .milliseconds(100))
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression) {
                return (process, String(text[range]))
            }
        }
        process.terminate()
        throw CancellationError()
    }

    @Test("/healthz answers while 64 clients hammer the heaviest public page and give up on it")
    func healthUnderLoad() async throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        let file = indaba.directory.appendingPathComponent("crowd.yaml")
        try Samples.crowdedNetwork(series: 600, sessionsInFirst: 200).write(to: file, atomically: true, encoding: .utf8)
        let imported = try indaba.run("import", file.path)
        #expect(imported.status == 0, "\(imported.stderr)")
        let log = indaba.directory.appendingPathComponent("serve.log")
        let (process, base) = try await serve(indaba, log: log)
        defer { if process.isRunning { process.terminate() } }

        let port = Int(base.split(separator: ":").last!)!
        // 64 clients, each on its own thread, asking for pages of the home page in every combination of filters (so
        // most are not in the page cache) and for the series with the most sessions, each giving up after 50 ms,
        // until the health checks are done.
        let done = Flag()
        let crowd = (0..<64).map { client in
            let thread = Thread {
                var round = 0
                while !done.isSet {
                    round += 1
                    let page = (client * 7 + round) % 30 + 1
                    let path =
                        round % 3 == 0
                        ? "/series/1?tz=Etc/GMT-\(round % 12)"
                        : "/?page=\(page)&status=\(round % 2 == 0 ? "open" : "completed")&upcoming=\(client % 2)"
                    _ = RawHTTP.get(port: port, path: path, patience: 0.05, close: false)
                }
            }
            thread.start()
            return thread
        }
        // Meanwhile the health check answers, every time (a patient client: up to 10 s each).
        try await Task.sleep(for: .milliseconds(500))
        var answers: [String?] = []
        for _ in 0..<5 {
            answers.append(RawHTTP.get(port: port, path: "/healthz", patience: 10))
            try await Task.sleep(for: .milliseconds(200))
        }
        done.set()
        while crowd.contains(where: { $0.isExecuting }) { try await Task.sleep(for: .milliseconds(50)) }
        for answer in answers {
            #expect(answer?.hasPrefix("HTTP/1.1 200") == true)
            #expect(answer?.hasSuffix(#"{"status":"ok"}"#) == true)
        }
        let checker = URLSession(configuration: .ephemeral)

        // Once the crowd has gone, the page itself answers again, bounded.
        let (page, response) = try await checker.data(from: URL(string: base + "/")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: page, as: UTF8.self).components(separatedBy: "<li class=\"card\">").count - 1 == 20)
        process.terminate()
        for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning)
    }
}
