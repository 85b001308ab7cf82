import CLI
import Foundation
import KernelTesting
import Testing

/// Command-line changes name a real actor (`--as NAME`, else the login name), and `indaba audit list` reads them.
@Suite struct AuditCommandTests {
    private let session = "asknet/webinars/community-media-safety/threat-modelling"

    @Test("the login name comes from USER, then LOGNAME, then the account, then the user id; never 'unknown'")
    func loginName() {
        #expect(CommandLineUser.login(environment: ["USER": "amina"], accountName: "root", userId: 0) == "amina")
        #expect(
            CommandLineUser.login(environment: ["USER": "", "LOGNAME": "kofi"], accountName: "", userId: 0) == "kofi")
        #expect(CommandLineUser.login(environment: [:], accountName: "operator", userId: 0) == "operator")
        #expect(CommandLineUser.login(environment: ["USER": " "], accountName: "", userId: 1000) == "uid1000")
    }

    @Test("--as names the actor of a change; without it the OS login; audit list filters and reads them")
    func actors() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        let described = try indaba.run(["session", "describe", session, "--text", "Threats first.", "--as", "amina"])
        #expect(described.status == 0, "\(described.stderr)")
        let cancelled = try indaba.run(["session", "cancel", session], environment: ["USER": "", "LOGNAME": "kofi"])
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        let all = try indaba.run(["audit", "list", "--org", "asknet"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.contains("amina (command line)") && all.stdout.contains("kofi (command line)"))
        #expect(all.stdout.contains("Session updated") && all.stdout.contains("Session cancelled"))
        #expect(all.stdout.contains("Network file import") && !all.stdout.contains("unknown"))
        let amina = try indaba.run(["audit", "list", "--org", "asknet", "--actor", "cli:amina", "--json"])
        let lines = try JSONSerialization.jsonObject(with: Data(amina.stdout.utf8)) as? [[String: Any]]
        #expect(lines?.map { $0["action"] as? String } == ["session.updated"])
        #expect(lines?.first?["actorName"] as? String == "amina (command line)")
        let areas = try indaba.run(["audit", "list", "--action", "session", "--limit", "1", "--json"])
        let newest = try JSONSerialization.jsonObject(with: Data(areas.stdout.utf8)) as? [[String: Any]]
        #expect(newest?.map { $0["action"] as? String } == ["session.cancelled"])
        let table = try indaba.run(["audit", "list", "--action", "session", "--limit", "1"])
        #expect(table.stderr.contains("More lines are older") && table.stdout.contains("Session cancelled"))
    }

    @Test("a hostile --as and an unreadable filter are refused, and nothing is written")
    func refused() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        let hostile = try indaba.run(["session", "cancel", session, "--as", "evil\u{1B}[2J"])
        #expect(hostile.status != 0 && hostile.stderr.contains("--as"))
        let lines = try indaba.run(["audit", "list", "--action", "session"])
        #expect(!lines.stdout.contains("Session cancelled"))
        let subject = try indaba.run(["audit", "list", "--subject", "person"])
        #expect(subject.status != 0 && subject.stderr.contains("--subject"))
        let since = try indaba.run(["audit", "list", "--since", "yesterday"])
        #expect(since.status != 0 && since.stderr.contains("--since"))
    }
}
