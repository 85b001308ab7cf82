import App
import Foundation
import Hummingbird
public import Kernel
public import Logging
import NIOCore
import NIOPosix
public import Server

/// The whole application listening on a free loopback port, as `indaba serve` runs it (fast answers included), for
/// tests that must see the bytes a client receives.
public final class LiveServer: Sendable {
    public let port: Int
    /// Where the server keeps the answers it replays.
    public let replay: AnswerReplay
    private let task: Task<Void, any Error>

    private init(port: Int, replay: AnswerReplay, task: Task<Void, any Error>) {
        self.port = port
        self.replay = replay
        self.task = task
    }

    /// Starts the application on `workspace`; `logger` receives its log (the access log among it).
    public static func start(
        workspace: Workspace, baseURL: String? = nil, logger: Logger = Logger(label: "test")
    ) async throws -> LiveServer {
        let configuration = ServerConfiguration(port: 0, baseURL: baseURL)
        let replay = AnswerReplay(counter: workspace.writes, serverName: "indaba", logger: logger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = IndabaApp.application(
            workspace: workspace, configuration: configuration, logger: logger, replay: replay
        ) { port in continuation.yield(port) }
        let task = Task { try await application.run() }
        guard let port = await ports.first(where: { _ in true }) else {
            task.cancel()
            throw CancellationError()
        }
        return LiveServer(port: port, replay: replay, task: task)
    }

    /// Stops the server.
    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    /// Sends `request` (the whole text of an HTTP/1.1 request) on a new connection and returns the bytes of the one
    /// answer that comes back (its head only when `headOnly`: the answer to a `HEAD`).
    public func exchange(raw request: String, headOnly: Bool = false) async throws -> [UInt8] {
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.next().makePromise(of: [UInt8].self)
        let port = port
        let channel = try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        AnswerCollector(promise: promise, headOnly: headOnly))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        try await channel.writeAndFlush(ByteBuffer(string: request))
        let bytes = try await promise.futureResult.get()
        try? await channel.close()
        return bytes
    }

    /// A `GET` (or `method`) of `target` with `headers`, as a client sends it.
    public func exchange(_ target: String, method: String = "GET", headers: [String] = []) async throws -> [UInt8] {
        try await exchange(
            raw: ([method + " " + target + " HTTP/1.1", "Host: 127.0.0.1:\(port)"] + headers).joined(separator: "\r\n")
                + "\r\n\r\n", headOnly: method == "HEAD")
    }
}

/// Reads one HTTP/1.1 answer: its head, then `Content-Length` bytes of body (none for a 304, or when `headOnly`).
private final class AnswerCollector: ChannelInboundHandler, @unchecked Sendable {
    // Used on its channel's event loop only.
    typealias InboundIn = ByteBuffer

    private let promise: EventLoopPromise<[UInt8]>
    private var bytes: [UInt8] = []
    private let headOnly: Bool
    private var done = false

    init(promise: EventLoopPromise<[UInt8]>, headOnly: Bool) {
        self.promise = promise
        self.headOnly = headOnly
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        bytes += buffer.readBytes(length: buffer.readableBytes) ?? []
        if let length = Self.completeLength(bytes, headOnly: headOnly) {
            finish(Array(bytes.prefix(length)))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(bytes)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !done {
            done = true
            promise.fail(error)
        }
        context.close(promise: nil)
    }

    private func finish(_ answer: [UInt8]) {
        guard !done else { return }
        done = true
        promise.succeed(answer)
    }

    /// The length of the whole answer once it has all arrived.
    static func completeLength(_ bytes: [UInt8], headOnly: Bool) -> Int? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard bytes.count >= 4,
            let end = (0...(bytes.count - 4)).first(where: { Array(bytes[$0..<($0 + 4)]) == separator })
        else { return nil }
        let head = String(decoding: bytes[..<end], as: UTF8.self).lowercased()
        let bodiless = headOnly || head.hasPrefix("http/1.1 304")
        let length =
            head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        let total = end + 4 + (bodiless ? 0 : length)
        return bytes.count >= total ? total : nil
    }
}
