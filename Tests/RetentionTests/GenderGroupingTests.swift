import Foundation
import Kernel
import KernelTesting
import Testing

@testable import Retention

/// Issue 13, item 10: self-descriptions are grouped after normalising them, in the network's languages, and an
/// organization's own mapping comes first.
@Suite("Gender grouping")
struct GenderGroupingTests {
    @Test(
        "Case, punctuation, diacritics, spacing and a leading article do not change the group",
        arguments: [
            ("Woman.", GenderGroup.women), ("une femme", .women), ("Mwanamke", .women), ("  FEMALE ", .women),
            ("Féminin", .women), ("Mulher", .women), ("امرأة", .women), ("أنثى", .women), ("I am a woman", .women),
            ("ni mwanamke", .women), ("Homme", .men), ("mwanaume", .men), ("Male!", .men), ("Masculino", .men),
            ("رجل", .men), ("non-binary", .anotherGender), ("Prefer not to say.", .notStated), ("", .notStated),
            ("Je préfère ne pas répondre", .notStated),
        ])
    func normalised(text: String, group: GenderGroup) {
        #expect(GenderGroup(selfDescribed: text) == group)
    }

    @Test("The organization's mapping is read before the built-in words, whatever the spelling of its key")
    func organizationMapping() throws {
        var settings = RetentionSettings.defaults
        settings.genderGroups = ["Femme trans": "women", "woman": "anotherGender"]
        #expect(GenderGroup(selfDescribed: "femme-trans.") == .anotherGender)
        #expect(GenderGroup(selfDescribed: "femme-trans.", mapping: settings.genderMapping) == .women)
        #expect(GenderGroup(selfDescribed: "Woman", mapping: settings.genderMapping) == .anotherGender)
    }

    @Test("A mapping to a group that does not exist is refused")
    func badMapping() throws {
        let json = """
            {"attendedPercent": 50, "minimumGroupSize": 5, "channels": [], "walkInChannel": "",
             "genderGroups": {"woman": "female"}}
            """
        let refusal = #expect(throws: SettingRefusal.self) {
            try JSONDecoder().decode(RetentionSettings.self, from: Data(json.utf8))
        }
        #expect(refusal?.key == "genderGroups")
    }
}

/// Issue 13, item 11: women's figures fall back to women / everyone else before everything is hidden.
@Suite("Women's figures before hiding everything")
struct WomenFallbackTests {
    /// 20 women, 22 men and 2 people of another gender enrolled; 8 women, 10 men and 1 other came to session 1.
    static func network() -> String {
        var people: [String] = []
        var enrolments: [String] = []
        var attendance: [String] = []
        for (gender, count, came) in [("woman", 20, 8), ("man", 22, 10), ("non-binary", 2, 1)] {
            for index in 0..<count {
                let email = "\(gender)-\(index)@example.org"
                people.append(
                    "    - {email: \(email), name: Person \(gender) \(index), consent: true, gender: \(gender)}")
                enrolments.append("            - {person: \(email), at: 2023-06-01T08:00:00Z, channel: newsletter}")
                if index < came {
                    attendance.append("                - {person: \(email), status: present, minutes: 60}")
                }
            }
        }
        return """
            format: indaba/1
            network:
              slug: fallback
              name: Fallback Network
              country: ZW
              timeZone: Africa/Harare
              people:
            \(people.joined(separator: "\n"))
              programmes:
                - slug: webinars
                  title: Webinars
                  series:
                    - slug: seed
                      title: Seed
                      status: completed
                      timeZone: Africa/Harare
                      enrolments:
            \(enrolments.joined(separator: "\n"))
                      sessions:
                        - slug: one
                          title: One
                          kind: live
                          starts: 2023-06-21T14:00
                          ends: 2023-06-21T15:00
                          attendance:
            \(attendance.joined(separator: "\n"))
            """
    }

    @Test("Women's figures are shown beside everyone else where the other groups are too small, and the page says why")
    func fallback() async throws {
        let harness = try PluginHarness(plugins: [RetentionPlugin.self])
        try await harness.importText(Self.network())
        let series = try await harness.workspace.read { db in try Lookup.series("fallback/webinars/seed", in: db) }
        let now = harness.clock.now
        let report = try await harness.workspace.read { db in
            SeriesReport(
                progress: try SeriesProgress(series: series, now: now, in: db), settings: .defaults, targets: [])
        }
        #expect(report.gender.cells[0] == [20, nil, nil, nil])
        #expect(report.gender.cells[1] == [8, nil, nil, nil])
        #expect(report.gender.everyoneElse.prefix(2) == [24, 11])
        let page = "\(DashboardMarkup(report: report).body)"
        #expect(page.contains("shown together as everyone else (24)"))
        #expect(page.contains("Why hidden"))
    }
}

@Suite("Recruitment channels read in the page's language")
struct ChannelLabelTests {
    @Test("a default label and 'Not said' are translated; an organization's own label stays as written")
    func labels() throws {
        var translations = Translations()
        try translations.add(Translations.kernelCatalogues, module: Translations.kernelModule)
        try translations.add(RetentionPlugin.translationCatalogues, module: RetentionPlugin.id.catalogueModule)
        let french = translations.localizer(for: .french)
        var settings = RetentionSettings.defaults
        #expect(settings.label(ofChannel: "partner-org", in: french) == "Une organisation partenaire")
        #expect(settings.label(ofChannel: "not-said", in: french) == "Non précisé")
        #expect(settings.label(ofChannel: "partner-org", in: .english) == "A partner organization")
        settings.channelLabels["partner-org"] = "Partenaires du réseau"
        #expect(settings.label(ofChannel: "partner-org", in: french) == "Partenaires du réseau")
        #expect(settings.label(ofChannel: "radio-ad", in: french) == "Radio ad")
        for (channel, label) in RetentionSettings.defaults.channelLabels where channel != "whatsapp" {
            #expect(RetentionSettings.defaultLabel(ofChannel: channel, .english) == label, "\(channel)")
        }
    }

    @Test("the kind of report a file was read as is named in the uploader's language")
    func reportNames() throws {
        var translations = Translations()
        try translations.add(RetentionPlugin.translationCatalogues, module: RetentionPlugin.id.catalogueModule)
        let french = translations.localizer(for: .french)
        #expect(MeetingPlatform.teams.reportName(french) == "rapport de présence Microsoft Teams")
        #expect(MeetingPlatform.teams.reportName == "Microsoft Teams attendance report")
        #expect(
            AttendanceFileError.unrecognized(expected: .meet).worded(french).contains("rapport de présence Google Meet")
        )
    }
}
