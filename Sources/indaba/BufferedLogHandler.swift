import Foundation
import Logging
import Synchronization

/// Where the server's log lines go: standard error, written in batches.
///
/// The access log writes a line per request; writing each one at once costs a third of the server's throughput.
/// Lines below `warning` are collected and written every 200 ms (or every 32 KiB); warnings and errors flush
/// everything at once, and so does the end of the process.
final class LogSink: Sendable {
    private let pending = Mutex<[UInt8]>([])
    /// Where the lines go: standard error, or a test's buffer.
    private let output: @Sendable (Data) -> Void
    /// The timestamp text of the current second, formatted once a second rather than once a line.
    private let stamp = Mutex<(second: Int, text: String)>((-1, ""))

    func timestamp() -> String {
        let now = Date()
        let second = Int(now.timeIntervalSince1970)
        return stamp.withLock { stamp in
            if stamp.second != second { stamp = (second, now.formatted(.iso8601)) }
            return stamp.text
        }
    }

    init(output: @escaping @Sendable (Data) -> Void = { FileHandle.standardError.write($0) }) {
        self.output = output
        Thread.detachNewThread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 0.2)
                flush()
            }
        }
    }

    /// Adds a line, which `write` appends to the pending bytes (under the sink's lock: it must only append).
    func write(urgent: Bool, _ write: (inout [UInt8]) -> Void) {
        let full = pending.withLock { buffer in
            write(&buffer)
            return buffer.count >= 32 * 1024
        }
        if urgent || full { flush() }
    }

    func flush() {
        let bytes = pending.withLock { buffer in
            let bytes = buffer
            buffer.removeAll(keepingCapacity: true)
            return bytes
        }
        if !bytes.isEmpty { output(Data(bytes)) }
    }
}

/// A log handler writing `timestamp level label: metadata message` lines, like swift-log's stream handler, to a
/// ``LogSink``.
struct BufferedLogHandler: LogHandler {
    let label: String
    let sink: LogSink
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        // One string built in place (the access log calls this for every request): fields sorted by key, the
        // event's metadata winning over the handler's. The fields are gathered in an array rather than merged into
        // a dictionary: hashing every key again was the largest part of a line's cost.
        let extra = event.metadata ?? [:]
        var fields: [(key: String, value: Logger.Metadata.Value)] = []
        fields.reserveCapacity(metadata.count + extra.count)
        for (key, value) in metadata where extra[key] == nil { fields.append((key, value)) }
        for (key, value) in extra { fields.append((key, value)) }
        fields.sort { $0.key < $1.key }
        let (timestamp, message) = (sink.timestamp(), event.message.description)
        // Written straight into the sink's bytes: no string of the whole line in between.
        sink.write(urgent: event.level >= .warning) { line in
            line.append(contentsOf: timestamp.utf8)
            line.append(UInt8(ascii: " "))
            line.append(contentsOf: event.level.rawValue.utf8)
            line.append(UInt8(ascii: " "))
            line.append(contentsOf: label.utf8)
            line.append(UInt8(ascii: ":"))
            for field in fields {
                line.append(UInt8(ascii: " "))
                line.append(contentsOf: field.key.utf8)
                line.append(UInt8(ascii: "="))
                if case .string(let text) = field.value {
                    line.append(contentsOf: text.utf8)
                } else {
                    line.append(contentsOf: field.value.description.utf8)
                }
            }
            line.append(UInt8(ascii: " "))
            line.append(contentsOf: message.utf8)
            line.append(UInt8(ascii: "\n"))
        }
    }
}
