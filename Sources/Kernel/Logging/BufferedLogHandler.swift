public import Logging

/// A log handler writing `timestamp level label: metadata message` lines, like swift-log's stream handler, to a
/// ``LogSink``.
public struct BufferedLogHandler: LogHandler {
    public let label: String
    /// Where the lines go; code that writes lines of its own straight there (the server's replayed answers) takes
    /// it from the handler.
    public let sink: LogSink
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]

    public init(label: String, sink: LogSink, logLevel: Logger.Level) {
        self.label = label
        self.sink = sink
        self.logLevel = logLevel
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        // The fields sorted by key, the event's metadata winning over the handler's. They are gathered in an array
        // rather than merged into a dictionary: hashing every key again was the largest part of a line's cost.
        let extra = event.metadata ?? [:]
        var fields: [(key: String, value: Logger.Metadata.Value)] = []
        fields.reserveCapacity(metadata.count + extra.count)
        for (key, value) in metadata where extra[key] == nil { fields.append((key, value)) }
        for (key, value) in extra { fields.append((key, value)) }
        fields.sort { $0.key < $1.key }
        // Written straight into the sink's bytes: no string of the whole line in between.
        sink.writeLine(level: event.level, label: label, message: event.message.description) { line in
            for field in fields {
                if case .string(let text) = field.value {
                    line.appendLogField(field.key, text)
                } else {
                    line.appendLogField(field.key, field.value.description)
                }
            }
        }
    }
}
