import CLI
import Foundation
import Kernel
import Logging

// Logs go to standard error so that `--json` output and exports on standard output stay clean.
// INDABA_LOG_LEVEL chooses the level (trace … critical); by default the server writes its access log (info) and
// other commands keep the terminal quiet (notice).
let arguments = Array(CommandLine.arguments.dropFirst())
let defaultLevel: Logger.Level = arguments.first == "serve" ? .info : .notice
let level =
    ProcessInfo.processInfo.environment["INDABA_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? defaultLevel
// The server batches its (access) log lines; other commands write each line at once.
let sink = arguments.first == "serve" ? LogSink() : nil
LoggingSystem.bootstrap { label in
    if let sink { return BufferedLogHandler(label: label, sink: sink, logLevel: level) }
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = level
    return handler
}
// The database holds personal data, and exports, backups and tokens are as sensitive: files we create are
// readable by their owner only.
umask(0o077)
// Mail goes to a sendmail-compatible program through a pipe: if it exits early, writing fails with EPIPE and its
// exit status says what happened, instead of SIGPIPE ending this process.
signal(SIGPIPE, SIG_IGN)
// The audit log names command-line changes by the operating-system account (never "unknown" where USER is unset,
// as under cron or a container's root); `--as NAME` overrides it per command.
let user = CommandLineUser.login(
    environment: ProcessInfo.processInfo.environment, accountName: ProcessInfo.processInfo.userName,
    userId: getuid())
let runner = CommandRunner<InstalledPlugins>(logger: Logger(label: "indaba"), user: user)
let status = await runner.run(arguments)
sink?.flush()
exit(status)
