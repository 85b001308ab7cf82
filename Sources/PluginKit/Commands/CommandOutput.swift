public import Foundation
import Kernel

/// Where a command writes: results to standard output (text lines, raw text or pretty JSON), notes to standard error.
///
/// Scripts parse standard output, so progress and hints go to ``note(_:)``. JSON is pretty-printed by
/// ``Foundation/JSONEncoder/stable(pretty:)``: sorted keys and ISO 8601 dates, so equal results print equal bytes.
public struct CommandOutput: Sendable {
    private let results: FileHandle
    private let notes: FileHandle

    /// - Parameters:
    ///   - results: Where results go (standard output unless told; tests pass a pipe).
    ///   - notes: Where notes go (standard error unless told).
    public init(results: FileHandle = .standardOutput, notes: FileHandle = .standardError) {
        self.results = results
        self.notes = notes
    }

    /// Prints one line of text (a new line is added). Control characters, bidi overrides and other format
    /// characters in it are shown as `\u{…}` escapes (``Kernel/HostileCharacters``): names typed on a public form
    /// must not be able to rewrite the operator's terminal.
    public func print(_ text: String) {
        results.write(Data((HostileCharacters.escapedForTerminal(text) + "\n").utf8))
    }

    /// Prints lines of text, each ending with a new line (an empty list prints one empty line).
    public func print(lines: [String]) {
        print(lines.joined(separator: "\n"))
    }

    /// Writes text as it is, adding nothing (a file's contents, CSV or SVG that ends with its own new line, or not).
    /// On a terminal, control characters other than new lines, carriage returns and tabs are escaped as by
    /// ``print(_:)``; into a file or a pipe the bytes go unchanged.
    public func write(_ text: String) {
        guard isatty(results.fileDescriptor) == 1 else { return results.write(Data(text.utf8)) }
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false).map {
            HostileCharacters.escapedForTerminal(String($0))
        }
        results.write(Data(lines.joined(separator: "\r\n").utf8))
    }

    /// Prints `value` as pretty JSON with sorted keys, then a new line.
    /// - Throws: What encoding `value` throws; nothing is printed then.
    public func printJSON(_ value: some Encodable) throws {
        results.write(try JSONEncoder.stable(pretty: true).encode(value) + Data("\n".utf8))
    }

    /// Writes a line to standard error: progress and hints that scripts should not parse (escaped as by
    /// ``print(_:)``).
    public func note(_ text: String) {
        notes.write(Data((HostileCharacters.escapedForTerminal(text) + "\n").utf8))
    }
}
