import Foundation
import KernelTesting
import Testing

/// Every command that prints a link reads one base-URL setting: --base-url, then INDABA_BASE_URL, then the URL
/// recorded for the database (`make run` records its own), then http://127.0.0.1:8080.
@Suite struct BaseURLCommandTests {
    private func loginLink(_ indaba: IndabaBinary, _ extra: [String] = [], environment: String = "") throws -> String {
        let result = try indaba.run(
            ["user", "login-link", "--org", "asknet", "--role", "networkCoordinator"] + extra,
            environment: ["INDABA_BASE_URL": environment])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test("login links and feed addresses follow the recorded URL; the environment and the flag come first")
    func oneSetting() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        #expect(try indaba.run("plugin", "enable", "feeds", "--org", "asknet").status == 0)
        #expect(try loginLink(indaba).hasPrefix("http://127.0.0.1:8080/sign-in?link="))
        let recorded = try indaba.run(["base-url", "http://127.0.0.1:9090/"], environment: ["INDABA_BASE_URL": ""])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.stdout == "http://127.0.0.1:9090\n")
        #expect(recorded.stderr.contains("recorded for the database"))
        #expect(try loginLink(indaba).hasPrefix("http://127.0.0.1:9090/sign-in?link="))
        let feeds = try indaba.run(["feeds", "urls", "--org", "asknet"], environment: ["INDABA_BASE_URL": ""])
        #expect(feeds.stdout.contains("webcal://127.0.0.1:9090/public/orgs/"), "\(feeds.stderr)")
        #expect(!feeds.stdout.contains("8080"))
        #expect(
            try loginLink(indaba, environment: "https://env.example.org").hasPrefix("https://env.example.org/sign-in"))
        #expect(
            try loginLink(indaba, ["--base-url", "https://flag.example.org"], environment: "https://env.example.org")
                .hasPrefix("https://flag.example.org/sign-in"))
        #expect(try indaba.run(["base-url", "--forget"], environment: ["INDABA_BASE_URL": ""]).status == 0)
        #expect(try loginLink(indaba).hasPrefix("http://127.0.0.1:8080/sign-in?link="))
    }

    @Test("links in mailed messages (a staff invitation) follow the recorded URL too")
    func mailedLinks() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        let clean = ["INDABA_BASE_URL": "", "INDABA_SENDMAIL": ""]
        #expect(try indaba.run(["base-url", "https://indaba.example.org"], environment: clean).status == 0)
        let invited = try indaba.run(
            ["user", "invite", "--org", "asknet", "--role", "networkCoordinator", "--email", "staff@example.org"],
            environment: clean)
        #expect(invited.status == 0, "\(invited.stderr)")
        let folder = indaba.directory.appendingPathComponent("mail")
        let delivered = try indaba.run(["outbox", "deliver", "--mail-directory", folder.path], environment: clean)
        #expect(delivered.status == 0, "\(delivered.stderr)")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        let mail = try files.map { try String(contentsOf: $0, encoding: .utf8) }.joined()
        #expect(mail.contains("https://indaba.example.org/sign-in?link="))
        #expect(!mail.contains("127.0.0.1:8080"))
    }

    @Test("a URL that is not absolute http(s) is refused with a sentence naming where it came from")
    func refusals() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        let bad = try indaba.run(["base-url", "ftp://example.org"], environment: ["INDABA_BASE_URL": ""])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("not an absolute http(s) URL"))
        let environment = try indaba.run(
            ["user", "login-link", "--org", "asknet", "--role", "networkCoordinator"],
            environment: ["INDABA_BASE_URL": "example.org"])
        #expect(environment.status != 0)
        #expect(environment.stderr.contains("INDABA_BASE_URL"))
    }
}
