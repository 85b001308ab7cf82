import App
public import Foundation
public import HTTPTypes
import Hummingbird
public import Kernel
public import Logging
import NIOCore
import NIOEmbedded
import PluginKit
public import Server

/// Calls the real router in process: every middleware and route, no sockets.
public struct TestClient: Sendable {
    /// A response, read whole.
    public struct Reply: Sendable {
        public let status: Int
        public let headers: HTTPFields
        public let body: Data

        public var text: String { String(decoding: body, as: UTF8.self) }

        /// The body as a JSON object (empty when it is not one).
        public var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:] }

        /// The ids of a page's items.
        public var ids: [Int] { (json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int } }

        /// The fields named by a problem's `errors`.
        public var problemFields: [String] {
            (json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
        }

        public func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }
    }

    let responder: RouterResponder<IndabaRequestContext>
    let logger: Logger

    public init(
        workspace: Workspace, configuration: ServerConfiguration = ServerConfiguration(),
        logger: Logger = Logger(label: "test")
    ) {
        // In process, nothing is cut off by time: a test machine busy with other tests is not an overloaded server
        // (the request guard's own tests build their own router with short deadlines).
        var configuration = configuration
        configuration.requestGuard = RequestGuard(
            limits: .init(concurrentRequests: 1_000, queuedRequests: 10_000, deadline: .seconds(3_600)))
        responder = IndabaApp.router(workspace: workspace, configuration: configuration).buildResponder()
        self.logger = logger
    }

    public func request(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, headers: [String: String] = [:],
        json: String? = nil, contentType: String? = "application/json", peer: String? = nil
    ) async throws -> Reply {
        var fields = HTTPFields()
        if let token { fields[.authorization] = "Bearer \(token)" }
        if json != nil, let contentType { fields[.contentType] = contentType }
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        let head = HTTPRequest(method: method, scheme: "http", authority: "localhost", path: path, headerFields: fields)
        let request = Request(head: head, body: .init(buffer: ByteBuffer(string: json ?? "")))
        let channel = EmbeddedChannel()
        // The TCP peer the server sees (a client, or a reverse proxy in front of it).
        if let peer { channel.remoteAddress = try SocketAddress(ipAddress: peer, port: 40_000) }
        let context = IndabaRequestContext(source: .init(channel: channel, logger: logger))
        let response = try await responder.respond(to: request, context: context)
        let collector = BodyCollector()
        try await response.body.write(collector)
        return Reply(status: Int(response.status.code), headers: response.headers, body: collector.data)
    }

    public func get(_ path: String, token: String? = nil) async throws -> Reply {
        try await request(.get, path, token: token)
    }
}

/// Gathers a response body.
private final class BodyCollector: ResponseBodyWriter, @unchecked Sendable {
    // Only the responder's single task writes to it, and it is read after `finish`: no lock is needed.
    private(set) var data = Data()

    func write(_ buffer: ByteBuffer) async throws {
        data.append(contentsOf: buffer.readableBytesView)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
