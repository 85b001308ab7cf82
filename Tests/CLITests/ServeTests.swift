import Foundation
import KernelTesting
import ServerTesting
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
        #expect(try indaba.run("plugin", "enable", "feeds", "--org", "asknet").status == 0)

        let output = indaba.directory.appendingPathComponent("serve.out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let log = indaba.directory.appendingPathComponent("serve.err")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = IndabaBinary.executable
        process.arguments = ["serve", "--port", "0", "--db", indaba.database]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: log)
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

        // The series' calendar, polled as a calendar app polls it (the headers URLSession sends, `Connection:
        // keep-alive` among them; no cookies). The first poll on a connection takes the normal path and is
        // remembered; polls right behind it on a new connection are replayed from the connection's bytes, and
        // write their access log line straight into the log's buffer. Remembered answers last a second: on a busy
        // machine the polls go in rounds until the log (flushed every 200 ms) shows a replayed one, at most five.
        let text = String(decoding: page, as: UTF8.self)
        let feedRange = try #require(
            text.range(of: #"/public/orgs/\d+/feeds/series/3/calendar\.ics"#, options: .regularExpression))
        let port = try #require(Int(url.split(separator: ":").last ?? ""))
        let poll = Array(
            ("GET \(text[feedRange]) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: */*\r\n"
                + "Accept-Encoding: deflate, gzip, br, zstd\r\nConnection: keep-alive\r\n"
                + "User-Agent: calendar\r\nAccept-Language: en\r\n\r\n").utf8)
        var polls = 0
        for _ in 0..<5 {
            let first = try await LiveServer.exchange(port: port, pieces: [poll], answers: [false])
            let next = try await LiveServer.exchange(
                port: port, pieces: [Array([[UInt8]](repeating: poll, count: 4).joined())],
                answers: [false, false, false, false])
            polls += 5
            for answer in first + next {
                #expect(String(decoding: answer.prefix(15), as: UTF8.self) == "HTTP/1.1 200 OK")
            }
            try await Task.sleep(for: .milliseconds(400))
            if !Self.replayedFeedLines(try String(contentsOf: log, encoding: .utf8)).isEmpty { break }
        }

        process.terminate()  // SIGTERM
        for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning, "the server did not stop within 10 s of SIGTERM")
        #expect(process.terminationStatus == 0)

        // The access log: one line a request, ids only; a replayed answer's line is the normal path's with
        // Hummingbird's id being the answer's own.
        let written = try String(contentsOf: log, encoding: .utf8)
        #expect(Self.feedLines(written).count == polls)
        let replayed = Self.replayedFeedLines(written)
        #expect(!replayed.isEmpty, "no feed request was answered from the connection: \(Self.feedLines(written))")
        for line in replayed {
            #expect(line.contains(" info indaba: duration.ms="))
            #expect(line.contains(" http.method=GET "))
            #expect(line.contains(" http.status=200 principal=anonymous request.id="))
            #expect(line.hasSuffix(" Request"))
        }
    }

    /// The access log's lines of the series feed's route.
    static func feedLines(_ log: String) -> [Substring] {
        log.split(separator: "\n").filter {
            $0.contains(" http.route=/public/orgs/{org}/feeds/series/{series}/calendar.ics ")
        }
    }

    /// Those of them answered from the connection: Hummingbird never saw the request, so its id is the answer's.
    static func replayedFeedLines(_ log: String) -> [Substring] {
        feedLines(log).filter { line in
            let fields = Dictionary(
                line.split(separator: " ").compactMap { part -> (String, String)? in
                    let pair = part.split(separator: "=", maxSplits: 1)
                    return pair.count == 2 ? (String(pair[0]), String(pair[1])) : nil
                }, uniquingKeysWith: { first, _ in first })
            return fields["hb.request.id"] == fields["request.id"]
        }
    }
}
