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

    /// Starts the application on `workspace`; `logger` receives its log (the access log among it). Connections
    /// left idle for `idleTimeout` are closed; replayed bodies from `fileBodies` bytes are sent from a file.
    public static func start(
        workspace: Workspace, baseURL: String? = nil, idleTimeout: Duration = .seconds(30),
        fileBodies: Int? = 16_384, logger: Logger = Logger(label: "test")
    ) async throws -> LiveServer {
        let configuration = ServerConfiguration(port: 0, baseURL: baseURL, idleTimeout: idleTimeout)
        let replay = AnswerReplay(
            counter: workspace.writes, serverName: "indaba", logger: logger, fileBodies: fileBodies)
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
        try await exchange(pieces: [Array(request.utf8)], answers: [headOnly])[0]
    }

    /// Sends `pieces` on a new connection, one write each, `pause` apart (several requests in one piece, or one
    /// request over several), and returns the answers that come back, one for each of `answers` (`true` for the
    /// answer to a `HEAD`: a head only). Fewer come back when the server closes the connection; the client closes
    /// it after 30 seconds.
    public func exchange(
        pieces: [[UInt8]], answers: [Bool], pause: Duration = .milliseconds(5)
    ) async throws -> [[UInt8]] {
        try await Self.exchange(port: port, pieces: pieces, answers: answers, pause: pause)
    }

    /// ``exchange(pieces:answers:pause:)`` with any server listening on `port` of 127.0.0.1 (one started as its
    /// own process, for example).
    public static func exchange(
        port: Int, pieces: [[UInt8]], answers: [Bool], pause: Duration = .milliseconds(5)
    ) async throws -> [[UInt8]] {
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.next().makePromise(of: [[UInt8]].self)
        let channel = try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        AnswerCollector(promise: promise, headOnly: answers))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        let limit = channel.eventLoop.scheduleTask(in: .seconds(30)) { channel.close(promise: nil) }
        defer { limit.cancel() }
        for (index, piece) in pieces.enumerated() {
            if index > 0 { try await Task.sleep(for: pause) }
            try await channel.writeAndFlush(ByteBuffer(bytes: piece))
        }
        let received = try await promise.futureResult.get()
        try? await channel.close()
        return received
    }

    /// A `GET` (or `method`) of `target` with `headers`, as a client sends it.
    public func exchange(_ target: String, method: String = "GET", headers: [String] = []) async throws -> [UInt8] {
        try await exchange(
            raw: ([method + " " + target + " HTTP/1.1", "Host: 127.0.0.1:\(port)"] + headers).joined(separator: "\r\n")
                + "\r\n\r\n", headOnly: method == "HEAD")
    }
}

/// Reads HTTP/1.1 answers, each a head, then `Content-Length` bytes of body (none for a 304, or for a `HEAD`'s).
private final class AnswerCollector: ChannelInboundHandler, @unchecked Sendable {
    // Used on its channel's event loop only.
    typealias InboundIn = ByteBuffer

    private let promise: EventLoopPromise<[[UInt8]]>
    private var bytes: [UInt8] = []
    private var answers: [[UInt8]] = []
    /// For each answer awaited, whether it is a head only.
    private let headOnly: [Bool]
    private var done = false

    init(promise: EventLoopPromise<[[UInt8]]>, headOnly: [Bool]) {
        self.promise = promise
        self.headOnly = headOnly
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        bytes += buffer.readBytes(length: buffer.readableBytes) ?? []
        while answers.count < headOnly.count,
            let length = Self.completeLength(bytes, headOnly: headOnly[answers.count])
        {
            answers.append(Array(bytes.prefix(length)))
            bytes.removeFirst(length)
        }
        if answers.count == headOnly.count { finish() }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !bytes.isEmpty { answers.append(bytes) }
        finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !done {
            done = true
            promise.fail(error)
        }
        context.close(promise: nil)
    }

    private func finish() {
        guard !done else { return }
        done = true
        promise.succeed(answers)
    }

    /// The length of the first answer in `bytes` once it has all arrived.
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
