import Foundation
import HTTPTypes
import Kernel
import Logging
import NIOCore
import Synchronization
import Testing

@testable import Server

/// Replayed answers write their access log line straight into the log sink; it must be the very line the logger
/// writes for the same fields.
@Suite("The access log line written into the sink")
struct AccessLogLineTests {
    @Test(
        "the same bytes as through the logger, with and without Hummingbird's id",
        arguments: [nil, "hb-7"], [Duration.zero, .microseconds(1_250), .milliseconds(12_345)])
    func sameLine(hummingbirdRequestId: String?, elapsed: Duration) throws {
        let (sink, written) = Self.sink()
        let handler = BufferedLogHandler(label: "indaba", sink: sink, logLevel: .info)
        let logger = Logger(label: "indaba") { _ in handler }
        RequestLogMiddleware.log(
            to: logger, requestId: "abc123", method: .get, route: "/public/orgs/{org}/feeds/series/{id}/calendar.ics",
            status: .notModified, elapsed: elapsed, principal: "anonymous", hummingbirdRequestId: hummingbirdRequestId)
        RequestLogMiddleware.log(
            into: handler, requestId: "abc123", method: .get,
            route: "/public/orgs/{org}/feeds/series/{id}/calendar.ics", status: .notModified, elapsed: elapsed,
            principal: "anonymous", hummingbirdRequestId: hummingbirdRequestId)
        sink.flush()
        let lines = String(decoding: written.bytes.withLock { $0 }, as: UTF8.self).split(separator: "\n")
        try #require(lines.count == 2)
        // The timestamps are of the same second unless the clock ticked between the two lines.
        let withoutTime = lines.map { $0.drop { $0 != " " } }
        #expect(withoutTime[0] == withoutTime[1])
        #expect(withoutTime[0].hasPrefix(" info indaba: duration.ms="))
        #expect(withoutTime[0].contains(" http.status=304 principal=anonymous request.id=abc123 Request"))
    }

    @Test("no line when the logger is above info")
    func level() {
        let (sink, written) = Self.sink()
        RequestLogMiddleware.log(
            into: BufferedLogHandler(label: "indaba", sink: sink, logLevel: .notice), requestId: "abc123",
            method: .get, route: "/x", status: .ok, elapsed: .zero, principal: "anonymous")
        sink.flush()
        #expect(written.bytes.withLock { $0.isEmpty })
    }

    @Test("a replayed answer's line keeps the logger's own metadata: such a logger's lines go through swift-log")
    func loggerMetadata() throws {
        let (sink, written) = Self.sink()
        for metadata in [[:], ["deployment": "blue"]] as [Logger.Metadata] {
            var logger = Logger(label: "indaba") { BufferedLogHandler(label: $0, sink: sink, logLevel: .info) }
            for (key, value) in metadata { logger[metadataKey: key] = value }
            let replay = AnswerReplay(counter: WriteCounter(), serverName: "indaba", logger: logger)
            replay.log(
                AnswerReplay.Answer(
                    head: ByteBuffer(), body: nil, file: nil, status: .ok, route: "/x", requestId: "r1"),
                elapsed: .zero)
        }
        sink.flush()
        let lines = String(decoding: written.bytes.withLock { $0 }, as: UTF8.self).split(separator: "\n")
        try #require(lines.count == 2)
        #expect(
            lines[0].hasSuffix(
                " info indaba: duration.ms=0.0 hb.request.id=r1 http.method=GET http.route=/x "
                    + "http.status=200 principal=anonymous request.id=r1 Request"))
        #expect(lines[1].contains(" info indaba: deployment=blue duration.ms=0.0 hb.request.id=r1 "))
    }

    /// What a sink wrote.
    final class Written: Sendable {
        let bytes = Mutex(Data())
    }

    static func sink() -> (LogSink, Written) {
        let written = Written()
        return (LogSink { data in written.bytes.withLock { $0.append(data) } }, written)
    }
}
