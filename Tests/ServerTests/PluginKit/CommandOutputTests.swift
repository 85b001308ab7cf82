import Foundation
import PluginKit
import Testing

@Suite("PluginKit command output: results on one stream, notes on another, exact bytes")
struct CommandOutputTests {
    /// Runs `body` with an output whose streams are pipes, and returns what each received.
    func captured(_ body: (CommandOutput) throws -> Void) rethrows -> (results: String, notes: String) {
        let (results, notes) = (Pipe(), Pipe())
        try body(CommandOutput(results: results.fileHandleForWriting, notes: notes.fileHandleForWriting))
        try? results.fileHandleForWriting.close()
        try? notes.fileHandleForWriting.close()
        return (
            String(decoding: results.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
            String(decoding: notes.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        )
    }

    @Test("text ends with one new line, lines each end with one, raw text gets none")
    func text() {
        let written = captured { output in
            output.print("one")
            output.print(lines: ["two", "three"])
            output.print(lines: [])
            output.write("raw")
        }
        #expect(written.results == "one\ntwo\nthree\n\nraw")
        #expect(written.notes == "")
    }

    @Test("JSON is pretty, sorted, with ISO 8601 dates and unescaped slashes, and ends with a new line")
    func json() throws {
        struct Value: Encodable {
            let url = "https://example.org/x"
            let at = Date(timeIntervalSince1970: 0)
        }
        let written = try captured { try $0.printJSON(Value()) }
        #expect(
            written.results == "{\n  \"at\" : \"1970-01-01T00:00:00Z\",\n  \"url\" : \"https://example.org/x\"\n}\n")
    }

    @Test("notes go to the notes stream only")
    func notes() {
        let written = captured { $0.note("Wrote out.txt.") }
        #expect(written.results == "")
        #expect(written.notes == "Wrote out.txt.\n")
    }

    @Test("printed lines and notes show control and bidi characters as escapes; JSON stays JSON")
    func escapes() throws {
        let written = try captured { output in
            output.print("Eve\u{1B}[2J\u{1B}]0;owned\u{07}\nAda\u{202E}nimda")
            output.note("unknown person 'x\u{1B}[31m'")
            try output.printJSON(["name": "Eve\u{1B}[2J"])
            output.write("raw\u{1B}[2J")  // into a pipe, not a terminal: bytes unchanged
        }
        #expect(written.results.hasPrefix("Eve\\u{1b}[2J\\u{1b}]0;owned\\u{7}\nAda\\u{202e}nimda\n"))
        #expect(written.results.contains(#""name" : "Eve\u001b[2J""#))
        #expect(written.results.hasSuffix("raw\u{1B}[2J"))
        #expect(written.notes == "unknown person 'x\\u{1b}[31m'\n")
    }
}
