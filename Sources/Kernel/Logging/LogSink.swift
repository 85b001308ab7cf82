public import Foundation
public import Logging
import Synchronization

/// Where the server's log lines go: standard error, written in batches.
///
/// The access log writes a line per request; writing each one at once costs a third of the server's throughput.
/// Lines below `warning` are collected and written every 200 ms (or every 32 KiB); warnings and errors flush
/// everything at once, and so does the end of the process.
public final class LogSink: Sendable {
    private let pending = Mutex<[UInt8]>([])
    private let flushing = Mutex(())
    /// Where the lines go: standard error, or a test's buffer.
    private let output: @Sendable (Data) -> Void
    /// The timestamp of the lines of the current second.
    private let timestamp = SecondText { $0.formatted(.iso8601) }

    public init(output: @escaping @Sendable (Data) -> Void = { FileHandle.standardError.write($0) }) {
        self.output = output
        Thread.detachNewThread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 0.2)
                flush()
            }
        }
    }

    /// Adds the line `timestamp level label: key=value … message`, its fields as `writeFields` appends them (each
    /// ` key=value`, sorted by key) to the pending bytes, under the sink's lock: it must only append.
    public func writeLine(
        level: Logger.Level, label: String, message: String, _ writeFields: (inout [UInt8]) -> Void
    ) {
        let stamp = timestamp.now()
        let full = pending.withLock { line in
            line.append(contentsOf: stamp.utf8)
            line.append(UInt8(ascii: " "))
            line.append(contentsOf: level.rawValue.utf8)
            line.append(UInt8(ascii: " "))
            line.append(contentsOf: label.utf8)
            line.append(UInt8(ascii: ":"))
            writeFields(&line)
            line.append(UInt8(ascii: " "))
            line.append(contentsOf: message.utf8)
            line.append(UInt8(ascii: "\n"))
            return line.count >= 32 * 1024
        }
        if level >= .warning || full { flush() }
    }

    /// Writes the pending lines out now.
    public func flush() {
        // One flush at a time, from taking the bytes to writing them: two at once (the timer's and the end of the
        // process) could write their chunks out of order, or the process end before the timer's chunk is out.
        flushing.withLock { _ in
            let bytes = pending.withLock { buffer in
                let bytes = buffer
                buffer.removeAll(keepingCapacity: true)
                return bytes
            }
            if !bytes.isEmpty { output(Data(bytes)) }
        }
    }
}

extension [UInt8] {
    /// Appends the log field ` key=value`.
    @inlinable
    public mutating func appendLogField(_ key: String, _ value: String) {
        append(UInt8(ascii: " "))
        append(contentsOf: key.utf8)
        append(UInt8(ascii: "="))
        append(contentsOf: value.utf8)
    }
}
