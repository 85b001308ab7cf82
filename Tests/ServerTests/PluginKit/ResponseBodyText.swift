import Foundation
import Hummingbird

extension Response {
    /// The whole body, read by writing it out.
    var bodyData: Data {
        get async throws {
            let collector = BodyCollector()
            try await body.write(collector)
            return collector.data
        }
    }
}

/// Gathers a response body.
private final class BodyCollector: ResponseBodyWriter, @unchecked Sendable {
    // Only the awaiting test task writes to it, and it is read after `write` returns: no lock is needed.
    private(set) var data = Data()

    func write(_ buffer: ByteBuffer) async throws {
        data.append(contentsOf: buffer.readableBytesView)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
