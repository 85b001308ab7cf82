import Foundation
import Testing

@Suite("indaba certificates: the real binary on the demo network")
struct CertificatesCommandTests {
    static let rule =
        #"rules=[{"series": "asknet/webinars/inclusive-spaces", "minimumSessions": 3, "requiredKinds": ["feedback", "offlineExercise"]}]"#

    @Test("eligibility, dry run, issue once, list, revoke, verify says revoked, rotate keys")
    func lifecycle() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        #expect(try indaba.run("plugin", "enable", "certificates", "--org", "asknet", "--set", Self.rule).status == 0)
        let series = "asknet/webinars/inclusive-spaces"

        let eligibility = try indaba.run("certificates", "eligibility", series, "--org", "asknet")
        #expect(eligibility.status == 0)
        #expect(eligibility.stdout.contains("not eligible: missed session"))
        #expect(eligibility.stdout.contains("eligible: completed 4 of 4 sessions"))

        let dry = try indaba.run("certificates", "issue", series, "--org", "asknet", "--dry-run")
        #expect(dry.stdout.contains("Dry run: nothing was written."), "\(dry.stderr)")
        let out = indaba.directory.appendingPathComponent("out")
        let issued = try indaba.run("certificates", "issue", series, "--org", "asknet", "--out", out.path)
        #expect(issued.status == 0, "\(issued.stderr)")
        #expect(issued.stderr.isEmpty, "no progress bar when standard error is not a terminal")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(files.contains("certificate-1.pdf") && files.contains("certificate-1.jwt"))
        let again = try indaba.run("certificates", "issue", series, "--org", "asknet", "--json")
        let outcome = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any]
        #expect((outcome?["issued"] as? [Any])?.isEmpty == true)

        let list = try indaba.run("certificates", "list", series, "--org", "asknet", "--json")
        let certificates = try #require(
            try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let code = try #require(certificates.first?["code"] as? String)
        #expect(try indaba.run("certificates", "verify", code, "--org", "asknet").stdout.hasPrefix("valid"))

        let revoke = try indaba.run("certificates", "revoke", "1", "--org", "asknet", "--reason", "issued in error")
        #expect(revoke.status == 0, "\(revoke.stderr)")
        let verify = try indaba.run("certificates", "verify", code, "--org", "asknet")
        #expect(verify.stdout.hasPrefix("revoked on"))
        let unknown = try indaba.run("certificates", "verify", "AAAA-BBBB-CCCC-DDDD", "--org", "asknet")
        #expect(unknown.status != 0 && unknown.stderr.contains("No certificate has this code"))

        #expect(try indaba.run("certificates", "rotate-key", "--org", "asknet").status == 0)
        let keys = try indaba.run("certificates", "jwks", "--org", "asknet")
        let set = try JSONSerialization.jsonObject(with: Data(keys.stdout.utf8)) as? [String: Any]
        #expect((set?["keys"] as? [Any])?.count == 2)
        let keyFolder = indaba.database + ".keys/org-1"
        #expect(FileManager.default.fileExists(atPath: keyFolder))
    }

    @Test("a bad rule is refused, naming the setting")
    func badRule() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        let result = try indaba.run(
            "plugin", "enable", "certificates", "--org", "asknet", "--set",
            #"rules=[{"series": "asknet/webinars/inclusive-spaces", "minimumSessions": 0}]"#)
        #expect(result.status != 0)
        #expect(result.stderr.contains("rules.[0].minimumSessions"), "\(result.stderr)")
    }

    @Test("issuing for a series without a rule says how to add one")
    func noRule() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        #expect(try indaba.run("plugin", "enable", "certificates", "--org", "asknet").status == 0)
        let result = try indaba.run("certificates", "issue", "asknet/webinars/inclusive-spaces", "--org", "asknet")
        #expect(result.status != 0)
        #expect(result.stderr.contains("has no certificate rule"), "\(result.stderr)")
    }
}
