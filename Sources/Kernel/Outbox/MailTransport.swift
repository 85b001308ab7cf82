public import Foundation

/// Hands a rendered message to whatever delivers mail. Indaba never speaks SMTP itself.
public protocol MailTransport: Sendable {
    /// A name for logs and the start-up line (`sendmail /usr/sbin/sendmail`, `files var/outbox`).
    var description: String { get }
    /// Hands over one message; `message` is a complete RFC 5322 message with CRLF line ends.
    func send(_ message: Data, id: OutboxMessage.ID) async -> DeliveryOutcome
}

/// What a transport says about one message.
public enum DeliveryOutcome: Sendable, Equatable {
    /// Accepted for delivery.
    case accepted
    /// Not now; try again later (sendmail's exit 75, EX_TEMPFAIL).
    case temporaryFailure(String)
    /// Refused for good.
    case permanentFailure(String)
}

/// Hands each message to a sendmail-compatible program (`sendmail -t -i`, as installed by msmtp-mta, postfix or
/// opensmtpd): recipients are read from the headers, a line holding a single dot is not the end.
///
/// Exit 0 is accepted, 75 (EX_TEMPFAIL) a temporary failure, anything else permanent; a program that cannot be
/// started, or is killed, counts as temporary, since the fault is ours and the message should not be lost.
public struct SendmailTransport: MailTransport {
    public let program: String

    public init(program: String) {
        self.program = program
    }

    public var description: String { "sendmail-compatible program \(program)" }

    public func send(_ message: Data, id: OutboxMessage.ID) async -> DeliveryOutcome {
        let program = program
        // The program takes as long as its mail server does.
        return await ThreadOfItsOwn.run { Self.run(program, message) }
    }

    private static func run(_ program: String, _ message: Data) -> DeliveryOutcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["-t", "-i"]
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return .temporaryFailure("could not start \(program): \(error.localizedDescription)")
        }
        // Read standard error while writing, so a chatty program cannot block on a full pipe.
        let collected = CollectedOutput()
        let reader = Thread { collected.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        // A program that exits without reading everything closes the pipe: its exit status then tells what
        // happened (the executable ignores SIGPIPE, so the write fails instead of killing it).
        try? input.fileHandleForWriting.write(contentsOf: message)
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        let said = collected.wait()
        let words = String(decoding: said.prefix(2000), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if process.terminationReason == .uncaughtSignal {
            return .temporaryFailure("\(program) was killed by signal \(process.terminationStatus)")
        }
        switch process.terminationStatus {
        case 0: return .accepted
        case 75: return .temporaryFailure("exit 75: \(words)")
        default: return .permanentFailure("exit \(process.terminationStatus): \(words)")
        }
    }
}

/// The bytes a reader thread collected, handed to the waiting thread.
private final class CollectedOutput: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    func set(_ data: Data) {
        self.data = data
        done.signal()
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

/// Development transport: writes each message as `<id>.eml` into a folder (what `make run` uses), where any mail
/// program opens it. Nothing leaves the machine.
public struct DirectoryTransport: MailTransport {
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    public var description: String { "files in \(folder.path)" }

    public func send(_ message: Data, id: OutboxMessage.ID) async -> DeliveryOutcome {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent("\(id.rawValue).eml")
            try message.write(to: file, options: .atomic)
            return .accepted
        } catch {
            return .temporaryFailure("could not write into \(folder.path): \(error.localizedDescription)")
        }
    }
}
