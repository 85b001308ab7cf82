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
        #expect(byName["Amina Yusuf"]?.explanation.description == "eligible: completed 4 of 4 sessions")
        #expect(
            byName["Zoë Ndlovu"]?.explanation.description == "eligible: completed 3 of 4 sessions; missed session 2")
        #expect(
            byName["ብርቱካን አለሙ"]?.explanation.description
                == "not eligible: missed session 2; exercise not handed in on time (completed 2 of 4 sessions; \(rule))"
        )
        #expect(
            byName["أمينة حسن"]?.explanation.description
                == "not eligible: missed sessions 2 and 4; exercise not handed in on time (completed 1 of 4 sessions; \(rule))"
        )
        #expect(
            byName["王秀英"]?.explanation.description
                == "not eligible: missed session 4 (completed 3 of 4 sessions; \(rule))")
        // Submitted after the exercise's deadline: the kernel's Completion rule does not count it.
        #expect(
            byName["Late Submitter"]?.explanation.description
                == "not eligible: exercise not handed in on time (completed 3 of 4 sessions; \(rule))")
        #expect(lines.filter(\.eligible).count == 2)
    }

    @Test("the certificates page explains each verdict in its own language, plurals and lists included")
    func explanationsInTheLanguage() throws {
        var translations = Translations()
        try translations.add(CertificatesPlugin.translationCatalogues, module: CertificatesPlugin.id.catalogueModule)
        let rule = EligibilityRule(
            series: "a/b/c", minimumSessions: 3, requiredKinds: [.feedback], requiredSessions: [])
        let explanation = VerdictExplanation(
            eligible: false, completedCount: 1, sessionCount: 4, missedLive: [2, 4], missedExercises: [3],
            severalExercises: false, rule: rule)
        #expect(
            explanation.description
                == "not eligible: missed sessions 2 and 4; exercise not handed in on time (completed 1 of 4 sessions; the rule "
                + "asks for at least 3 of 4 sessions, including the feedback session)")
        for language in [Language.french, .portuguese, .arabic, .swahili] {
            let worded = explanation.worded(translations.localizer(for: language))
            for english in ["missed", "exercise", "completed", "rule", "eligible", "asks", " and "] {
                #expect(!worded.contains(english), "\(language): \(worded)")
            }
        }
        let french = explanation.worded(translations.localizer(for: .french))
        #expect(french.contains("2 et 4"), "\(french)")
        let arabic = explanation.worded(translations.localizer(for: .arabic))
        #expect(arabic.contains("الجلستين"), "two missed sessions take Arabic's dual: \(arabic)")
        #expect(arabic.contains("؛"), "Arabic's own semicolon: \(arabic)")
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

    @Test("two rules for one series are refused when one names it by id and the other by slug path")
    func oneSeriesNamedTwoWays() async throws {
        let fixture = try await CertificatesFixture()
        let (registry, organization, id) = (
            fixture.harness.workspace.registry, fixture.organization, fixture.series.id!.rawValue
        )
        let before = try await fixture.plugin.context.settings(CertificatesSettings.self, for: organization)
        let twice =
            #"[{"series": "\#(id)", "minimumSessions": 1}, {"series": "certnet/webinars/inclusive", "minimumSessions": 4}]"#
        let refused = await #expect(throws: SettingsError.self) {
            try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
                try transaction.changeSettings(
                    of: "certificates", for: organization, ["rules": JSONValue(commandLine: twice)], registry: registry)
            }
        }
        #expect(
            refused?.description
                == "Setting 'rules.[1].series' of plugin certificates is invalid: series 'certnet/webinars/inclusive' is "
                + "the series of rule 1 ('\(id)'): give each series one rule.")
        #expect(try await fixture.plugin.context.settings(CertificatesSettings.self, for: organization) == before)
        // A series the organization does not run, or that does not exist (yet), is named alike: kept, applying to
        // nothing.
        let elsewhere = #"[{"series": "9999", "minimumSessions": 1}, {"series": "9999", "minimumSessions": 2}]"#
        let saved = #"[{"series": "nowhere/x/y", "minimumSessions": 1}, {"series": "\#(id)", "minimumSessions": 4}]"#
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.changeSettings(
                of: "certificates", for: organization, ["rules": JSONValue(commandLine: saved)], registry: registry)
        }
        await #expect(throws: SettingsError.self) {  // the same text twice: refused without looking
            try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
                try transaction.changeSettings(
                    of: "certificates", for: organization, ["rules": JSONValue(commandLine: elsewhere)],
                    registry: registry)
            }
        }
    }

    @Test(
        "settings saved faulty before the check (two rules for one series) still let the plugin be changed and disabled"
    )
    func faultyStoredSettingsDoNotBlock() async throws {
        let fixture = try await CertificatesFixture()
        let (registry, organization, id) = (
            fixture.harness.workspace.registry, fixture.organization, fixture.series.id!.rawValue
        )
        let twice =
            #"[{"series": "\#(id)", "minimumSessions": 1}, {"series": "certnet/webinars/inclusive", "minimumSessions": 4}]"#
        // As an older build saved them, without the check.
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            var stored = try #require(
                try PluginEnablementRecord.filter(
                    Column("organizationId") == organization && Column("pluginId") == "certificates"
                )
                .fetchOne(transaction.db))
            var object = stored.settingsObject
            object["rules"] = JSONValue(commandLine: twice)
            stored.settings = String(decoding: try JSONEncoder().encode(JSONValue.object(object)), as: UTF8.self)
            try stored.update(transaction.db)
        }
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.changeSettings(
                of: "certificates", for: organization, ["primaryColour": "#000000"], registry: registry)
            try transaction.disable("certificates", for: organization, registry: registry)
            try transaction.enable("certificates", for: organization, registry: registry)
        }
        // A change that adds a fault of its own is still refused.
        let three =
            #"[{"series": "certnet/webinars/inclusive", "minimumSessions": 2}, {"series": "\#(id)", "minimumSessions": 1}]"#
        await #expect(throws: SettingsError.self) {
            try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
                try transaction.changeSettings(
                    of: "certificates", for: organization, ["rules": JSONValue(commandLine: three)], registry: registry)
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
        await #expect {
            try await fixture.issue()
        } throws: { error in
            (error as? CertificatesError)?.description
                == "The certificate rule for series 1 does not fit it: it asks for more sessions (5) than the series "
                + "has (4); correct the rule in the settings."
        }
    }

    @Test("the plugin passes the shared conformance checks")
    func conformance() async throws {
        #expect(try await PluginConformance.problems(of: CertificatesPlugin.self).isEmpty)
    }
}
