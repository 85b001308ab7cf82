import Foundation
import KernelTesting
import Testing

@Suite("indaba person sign-in-link and person erase")
struct PersonSelfServiceCommandTests {
    @Test("a participant's sign-in link is printed on the base URL; only its hash is stored; bad input is refused")
    func signInLink() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        let result = try indaba.run(
            "person", "sign-in-link", "chukwudi.anozie@example.com", "--base-url", "https://indaba.example.org")
        #expect(result.status == 0, "\(result.stderr)")
        let url = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(url.hasPrefix("https://indaba.example.org/me/sign-in/"))
        let secret = String(url.split(separator: "/").last ?? "")
        #expect(secret.count == 43)
        for file in [indaba.database, indaba.database + "-wal"] where FileManager.default.fileExists(atPath: file) {
            let bytes = String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
            #expect(!bytes.contains(secret), "\(file) holds the secret")
        }
        let unknown = try indaba.run("person", "sign-in-link", "nobody@example.org")
        #expect(unknown.status != 0)
        #expect(!unknown.stderr.isEmpty)
        let hours = try indaba.run("person", "sign-in-link", "chukwudi.anozie@example.com", "--hours", "500")
        #expect(hours.status != 0)
        #expect(hours.stderr.contains("--hours"))
    }

    @Test("erasing from the command line keeps the series figures and removes the name from show and export")
    func erase() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        func figures() throws -> [Substring] {
            try indaba.run("series", "show", "asknet/webinars/inclusive-spaces").stdout.split(separator: "\n")
                .filter { $0.contains("Enrolled:") || $0.contains(" present") || $0.contains(" submitted") }
        }
        let before = try figures()
        #expect(before.count >= 4)
        #expect(try indaba.run("export", "asknet").stdout.contains("Chukwudi Anozie"))
        let erased = try indaba.run("person", "erase", "chukwudi.anozie@example.com")
        #expect(erased.status == 0, "\(erased.stderr)")
        #expect(try figures() == before)
        let export = try indaba.run("export", "asknet").stdout
        #expect(!export.contains("Chukwudi Anozie"))
        #expect(!export.contains("chukwudi.anozie@example.com"))
        let again = try indaba.run("person", "erase", "chukwudi.anozie@example.com")
        #expect(again.status != 0)
    }
}
