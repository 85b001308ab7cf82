import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@testable import Certificates

@Suite("Eligibility rules are validated data, explained per person")
struct EligibilityTests {
    @Test("each participant's verdict is explained in words")
    func explanations() async throws {
        let fixture = try await CertificatesFixture()
        let settings = try await fixture.plugin.settings(for: fixture.organization)
        let organization = fixture.organization
        let lines = try await fixture.harness.workspace.read { db in
            try CertificateQueries.eligibility(
                series: "certnet/webinars/inclusive", organization: organization, settings: settings, in: db)
        }
        let byName = Dictionary(uniqueKeysWithValues: lines.map { ($0.name, $0) })
        let rule = "the rule asks for at least 3 of 4 sessions, including the feedback session and the offline exercise"
        #expect(byName["Amina Yusuf"]?.explanation == "eligible: completed 4 of 4 sessions")
        #expect(byName["Zoë Ndlovu"]?.explanation == "eligible: completed 3 of 4 sessions; missed session 2")
        #expect(
            byName["ብርቱካን አለሙ"]?.explanation
                == "not eligible: missed session 2; exercise not submitted (completed 2 of 4 sessions; \(rule))")
        #expect(
            byName["أمينة حسن"]?.explanation
                == "not eligible: missed sessions 2 and 4; exercise not submitted (completed 1 of 4 sessions; \(rule))")
        #expect(
            byName["王秀英"]?.explanation == "not eligible: missed session 4 (completed 3 of 4 sessions; \(rule))")
        // Submitted after the exercise's deadline: the kernel's Completion rule does not count it.
        #expect(
            byName["Late Submitter"]?.explanation
                == "not eligible: exercise not submitted (completed 3 of 4 sessions; \(rule))")
        #expect(lines.filter(\.eligible).count == 2)
    }

    @Test(
        "bad rules are refused naming the setting and what is wrong",
        arguments: [
            (#"[{"series": "a/b/c", "minimumSessions": 0}]"#, "rules.[0].minimumSessions"),
            (#"[{"series": "a/b/c", "minimumSessions": 2, "requiredKinds": ["party"]}]"#, "rules.[0].requiredKinds"),
            (#"[{"series": "a/b/c", "minimumSessions": 2, "minimum": 3}]"#, "rules.[0].series"),
            (#"[{"series": "a/b/c", "minimumSessions": 2}, {"series": "a/b/c", "minimumSessions": 3}]"#, "rules"),
            (#"[{"minimumSessions": 2}]"#, "rules.[0].series"),
        ])
    func badRules(_ json: String, _ key: String) throws {
        let value = JSONValue(commandLine: json)
        #expect {
            _ = try SettingsCodec.merge(
                ["rules": value], onto: nil, for: CertificatesSettings.self, plugin: CertificatesPlugin.id)
        } throws: { error in
            guard case let SettingsError.invalidValue(_, found, _) = error else { return false }
            return found == key
        }
    }

    @Test("other settings are checked too: colours, base URL, logo path")
    func badBranding() throws {
        for (key, value) in [
            ("primaryColour", "blue"), ("verificationBaseURL", "ftp://x"), ("verificationBaseURL", "https://x/"),
            ("logoPath", "logo.png"),
        ] {
            #expect(throws: SettingsError.self) {
                _ = try SettingsCodec.merge(
                    [key: .string(value)], onto: nil, for: CertificatesSettings.self, plugin: CertificatesPlugin.id)
            }
        }
    }

    @Test("a rule asking for more sessions than the series has is refused when used")
    func ruleDoesNotFit() async throws {
        let fixture = try await CertificatesFixture()
        let registry = fixture.harness.workspace.registry
        let organization = fixture.organization
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.changeSettings(
                of: "certificates", for: organization,
                ["rules": JSONValue(commandLine: #"[{"series": "certnet/webinars/inclusive", "minimumSessions": 5}]"#)],
                registry: registry)
        }
        await #expect(throws: CertificatesError.self) { try await fixture.issue() }
    }

    @Test("the plugin passes the shared conformance checks")
    func conformance() async throws {
        #expect(try await PluginConformance.problems(of: CertificatesPlugin.self).isEmpty)
    }
}
