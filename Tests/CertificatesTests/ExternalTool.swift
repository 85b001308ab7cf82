import Foundation

/// Runs a command-line tool from Debian (poppler-utils, zbar-tools) on files the tests wrote.
enum ExternalTool {
    /// Whether `name` is on the PATH; tests that need it are skipped, saying so, when it is not.
    static func available(_ name: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
        }
    }

    /// Whether fontconfig knows a font of `family` (Debian packages the tests need are in scripts/system-packages.txt).
    static func fontInstalled(_ family: String) -> Bool {
        (try? run("fc-list", [":family=\(family)", "family"]).text.isEmpty == false) ?? false
    }

    struct Output {
        let status: Int32
        let text: String
    }

    /// Runs `name ARGUMENTS` and returns its standard output (standard error is appended on failure).
    @discardableResult
    static func run(_ name: String, _ arguments: [String], input: Data? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let error = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var text = String(decoding: data, as: UTF8.self)
        if process.terminationStatus != 0 { text += String(decoding: error, as: UTF8.self) }
        return Output(status: process.terminationStatus, text: text)
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("certificates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Text from `pdftotext`, made comparable: bidi marks dropped and every run of white space made one space.
///
/// pdftotext wraps right-to-left runs in directional marks and breaks wrapped lines; neither is part of a name.
func comparableText(_ text: String) -> String {
    let marks: Set<Unicode.Scalar> = [
        "\u{200E}", "\u{200F}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}",
        "\u{2068}", "\u{2069}",
    ]
    let kept = String(String.UnicodeScalarView(text.unicodeScalars.filter { !marks.contains($0) }))
    return kept.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}
