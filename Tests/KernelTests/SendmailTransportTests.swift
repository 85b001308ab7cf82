import Foundation
import KernelTesting
import Testing

@testable import Kernel

/// The sendmail transport runs a real program (a shell script here) and reads its exit status.
@Suite("Sendmail transport")
struct SendmailTransportTests {
    static let message = Data("To: 7@example.org\r\nSubject: test\r\n\r\nbody\r\n".utf8)

    @Test(
        "each exit status means what sendmail says it means",
        arguments: [
            ("exit 0", DeliveryOutcome.accepted),
            ("exit 75", .temporaryFailure("exit 75: try later")),
            ("exit 67", .permanentFailure("exit 67: try later")),
            ("kill -9 $$", .temporaryFailure("PROGRAM was killed by signal 9")),
        ])
    func exitStatus(ending: String, expected: DeliveryOutcome) async throws {
        try await Self.withScripts { folder in
            let program = try Self.script(in: folder, "cat > /dev/null\necho 'try later' >&2\n\(ending)")
            let outcome = await SendmailTransport(program: program).send(Self.message, id: OutboxMessage.ID(1))
            switch expected {
            case .temporaryFailure(let words):
                #expect(outcome == .temporaryFailure(words.replacingOccurrences(of: "PROGRAM", with: program)))
            default:
                #expect(outcome == expected)
            }
        }
    }

    @Test("the program reads the whole message on its standard input")
    func messageOnStandardInput() async throws {
        try await Self.withScripts { folder in
            let copy = folder.appendingPathComponent("received.eml")
            let program = try Self.script(in: folder, "cat > '\(copy.path)'")
            let outcome = await SendmailTransport(program: program).send(Self.message, id: OutboxMessage.ID(1))
            #expect(outcome == .accepted)
            #expect(try Data(contentsOf: copy) == Self.message)
        }
    }

    static func script(in folder: URL, _ body: String) throws -> String {
        let url = folder.appendingPathComponent("sendmail-\(UUID().uuidString)")
        try Data("#!/bin/sh\n\(body)\n".utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url.path
    }

    static func withScripts(_ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sendmail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder)
    }
}

/// The transport beside other tasks: run by `make test` in a process of its own (``TestsAlone``).
@Suite("Sendmail transport, in a process of its own")
struct SendmailTransportAloneTests {
    /// A program waits as long as its mail server does. Run on a thread of Dispatch's global pool, which Swift's
    /// tasks share on Linux, it holds one of the pool's threads (one for each processor) all that time: with more slow
    /// deliveries than processors, every task of the process stops until Dispatch adds threads (the first some two to
    /// three seconds later). Here the programs wait for a file that a task writes a fifth of a second after they
    /// start, and give up (exit 75) after five seconds: ample for a task that is not held up, too short for one queued
    /// behind six deliveries more than the processors (it failed so, in 5.4 s, before the transport had a thread).
    @Test(
        "programs that take their time do not hold up the process's tasks",
        .enabled(if: TestsAlone.enabled, "needs a process of its own: make test runs it with INDABA_TESTS_ALONE=1"))
    func slowProgramsLeaveTasksRunning() async throws {
        try await SendmailTransportTests.withScripts { folder in
            let flag = folder.appendingPathComponent("go")
            let program = try SendmailTransportTests.script(
                in: folder,
                """
                cat > /dev/null
                i=0
                while [ ! -f '\(flag.path)' ]; do i=$((i + 1)); [ $i -gt 50 ] && exit 75; sleep 0.1; done
                """)
            let transport = SendmailTransport(program: program)
            let deliveries = ProcessInfo.processInfo.activeProcessorCount + 6
            let outcomes = await withTaskGroup(of: DeliveryOutcome.self) { group in
                for index in 0..<deliveries {
                    group.addTask {
                        await transport.send(SendmailTransportTests.message, id: OutboxMessage.ID(Int64(index)))
                    }
                }
                // Once the programs run, a task of the same priority writes the file they wait for.
                group.addTask {
                    try? await Task.sleep(for: .milliseconds(200))
                    _ = FileManager.default.createFile(atPath: flag.path, contents: Data())
                    return .accepted
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes == Array(repeating: .accepted, count: deliveries + 1))
        }
    }
}
