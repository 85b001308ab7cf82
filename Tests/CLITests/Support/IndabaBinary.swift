import Foundation
import KernelTesting

/// Runs the real `indaba` executable built beside the tests, on its own temporary database.
struct IndabaBinary {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    let directory: URL
    var database: String { directory.appendingPathComponent("indaba.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("indaba-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The executable: next to the test bundle when SwiftPM runs the tests, else in `.build/debug`.
    static var executable: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("indaba")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return Fixtures.repositoryRoot.appendingPathComponent(".build/debug/indaba")
    }

    /// Runs `indaba ARGUMENTS` with `INDABA_DB` pointing at this instance's database.
    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["INDABA_DB"] = database
        environment.merge(extra) { $1 }
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read before waiting, so a large output cannot fill the pipe and block the child.
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    func run(_ arguments: String...) throws -> Result {
        try run(arguments)
    }

    /// Imports the demo network.
    func importDemo() throws {
        let result = try run("import", Fixtures.url("asknet/asknet.yaml").path)
        precondition(result.status == 0, result.stderr)
    }
}
