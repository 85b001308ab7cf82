import Foundation
import KernelTesting
import Testing

@Suite("indaba user login-link")
struct UserCommandTests {
    @Test("prints a one-time sign-in URL on the base URL and stores only its hash")
    func loginLink() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        let result = try indaba.run(
            "user", "login-link", "--org", "asknet", "--role", "networkCoordinator", "--base-url",
            "https://indaba.example.org/")
        #expect(result.status == 0, "\(result.stderr)")
        let url = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(url.hasPrefix("https://indaba.example.org/sign-in?link=indaba_"))
        #expect(result.stderr.contains("works once"))
        let secret = String(url.split(separator: "=", maxSplits: 1)[1])
        let stored = try indaba.run("token", "list")  // link secrets are nowhere in the token list either
        #expect(!stored.stdout.contains(secret))
        for file in [indaba.database, indaba.database + "-wal"] where FileManager.default.fileExists(atPath: file) {
            let bytes = try String(decoding: Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
            #expect(!bytes.contains(secret), "\(file) holds the secret")
        }
    }

    @Test("a role that does not fit the organization, or an unknown role, is refused with a sentence")
    func refusals() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        let member = try indaba.run(
            "user", "login-link", "--org", "asknet/msasa-media-lab", "--role", "networkCoordinator")
        #expect(member.status != 0)
        #expect(member.stderr.contains("must be a network"))
        let facilitator = try indaba.run("user", "login-link", "--org", "asknet", "--role", "facilitator")
        #expect(facilitator.status != 0)
        #expect(facilitator.stderr.contains("--person"))
        let unknown = try indaba.run("user", "login-link", "--org", "asknet", "--role", "owner")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("--role must be one of"))
    }
}

@Suite("indaba user invite and indaba outbox")
struct OutboxCommandTests {
    @Test("an invitation is queued, listed, delivered as a .eml file, and its link is not kept once sent")
    func inviteAndDeliver() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        let invite = try indaba.run(
            "user", "invite", "--org", "asknet", "--role", "networkCoordinator", "--email", "coordinator@example.org",
            "--base-url", "https://indaba.example.org")
        #expect(invite.status == 0, "\(invite.stderr)")
        let list = try indaba.run("outbox", "list", "--org", "asknet", "--state", "queued")
        #expect(list.stdout.contains("kernel.staff-invitation"), "\(list.stdout)")
        let unconfigured = try indaba.run("outbox", "deliver")
        #expect(unconfigured.status != 0 && unconfigured.stderr.contains("--sendmail"))
        let folder = indaba.database + "-mail"
        let deliver = try indaba.run("outbox", "deliver", "--mail-directory", folder)
        #expect(deliver.status == 0, "\(deliver.stderr)")
        #expect(deliver.stdout.contains("Sent 1"))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.count == 1)
        let mail = try String(contentsOfFile: folder + "/" + files[0], encoding: .utf8)
        let secret = try #require(mail.firstMatch(of: /sign-in\?link=3D(indaba_[A-Za-z0-9_-]+)/)).1
        #expect(mail.contains("To: coordinator@example.org"))
        #expect(mail.contains("From: \"#ASKnet\" <indaba@indaba.example.org>"))
        let bytes = try String(decoding: Data(contentsOf: URL(fileURLWithPath: indaba.database)), as: UTF8.self)
        #expect(!bytes.contains(String(secret)))
        let again = try indaba.run("outbox", "deliver", "--mail-directory", folder)
        #expect(again.stdout.contains("Sent 0"))
        let bad = try indaba.run("outbox", "list", "--org", "asknet", "--state", "lost")
        #expect(bad.status != 0 && bad.stderr.contains("is not a state"))
    }
}

@Suite("indaba outbox deliver: reminders")
struct OutboxReminderCommandTests {
    @Test("one run queues the reminders that fell due and delivers them (not only at the next run)")
    func remindersInOneRun() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        #expect(try indaba.run("plugin", "enable", "feeds", "--org", "asknet").status == 0)
        #expect(try indaba.run("plugin", "enable", "messages", "--org", "asknet").status == 0)
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "yyyy-MM-dd'T'HH:mm"
        let moved = try indaba.run(
            "session", "reschedule", "asknet/webinars/data-storytelling/finding-data", "--time-zone", "UTC",
            "--starts", format.string(from: Date().addingTimeInterval(23 * 3600)),
            "--ends", format.string(from: Date().addingTimeInterval(24 * 3600)))
        #expect(moved.status == 0, "\(moved.stderr)")
        let folder = indaba.database + "-mail"
        let first = try indaba.run("outbox", "deliver", "--mail-directory", folder)
        #expect(first.status == 0, "\(first.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        let reminders = try files.filter {
            try String(contentsOfFile: folder + "/" + $0, encoding: .utf8).contains("Subject: Reminder:")
        }
        #expect(!reminders.isEmpty)
        let second = try indaba.run("outbox", "deliver", "--mail-directory", folder)
        #expect(second.stdout.contains("Sent 0"), "\(second.stdout)")
    }
}
