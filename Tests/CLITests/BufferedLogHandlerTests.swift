import Foundation
import Kernel
import Logging
import Synchronization
import Testing

/// The server's log lines: `timestamp level label: key=value … message`, fields sorted by key, a line's own fields
/// winning over the logger's.
@Suite("The server's log lines")
struct BufferedLogHandlerTests {
    @Test("fields sorted by key, the event's over the logger's, values as written")
    func line() throws {
        let written = Mutex(Data())
        let sink = LogSink { data in written.withLock { $0.append(data) } }
        var logger = Logger(label: "Server") { BufferedLogHandler(label: $0, sink: sink, logLevel: .info) }
        logger[metadataKey: "shared"] = "from the logger"
        logger[metadataKey: "hb.request.id"] = .stringConvertible(42)
        logger.info("Request", metadata: ["shared": "from the line", "a.first": .string("1"), "z": .array(["x"])])
        logger.debug("not written below the level")
        sink.flush()
        let text = String(decoding: written.withLock { $0 }, as: UTF8.self)
        let line = try #require(text.split(separator: "\n").first.map(String.init))
        #expect(text.split(separator: "\n").count == 1)
        #expect(line.hasSuffix(" info Server: a.first=1 hb.request.id=42 shared=from the line z=[\"x\"] Request"))
        // The timestamp first, as ISO 8601.
        #expect(line.prefix(4).allSatisfy(\.isNumber) && line.contains("T"))
    }
}
