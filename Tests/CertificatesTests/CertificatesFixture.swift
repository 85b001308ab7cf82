import Foundation
import GRDB
import Kernel
import KernelTesting

@testable import Certificates

/// A network whose series of four sessions (two live, an offline exercise, feedback) has participants in several
/// scripts with known attendance, and the certificates plugin enabled with the rule "at least 3 of 4, including the
/// feedback session and the exercise".
struct CertificatesFixture {
    static let network = """
        format: indaba/1
        network:
          slug: certnet
          name: Certificate Test Network
          country: ZW
          timeZone: Africa/Harare
          people:
            - {email: facilitator@example.org, name: Kudzai Mubaiwa}
            - {email: amina@example.org, name: Amina Yusuf}
            - {email: zoe@example.org, name: Zoë Ndlovu}
            - {email: birtukan@example.org, name: ብርቱካን አለሙ}
            - {email: arabic@example.org, name: أمينة حسن}
            - {email: han@example.org, name: 王秀英}
            - {email: late@example.org, name: Late Submitter}
          programmes:
            - slug: webinars
              title: Webinars
              series:
                - slug: inclusive
                  title: Creating Inclusive Spaces
                  status: completed
                  timeZone: Africa/Harare
                  roles:
                    - {person: facilitator@example.org, role: facilitator}
                  enrolments:
                    - {person: amina@example.org, at: 2023-06-01T08:00:00Z, channel: newsletter}
                    - {person: zoe@example.org, at: 2023-06-01T08:00:00Z, channel: newsletter}
                    - {person: birtukan@example.org, at: 2023-06-01T08:00:00Z, channel: newsletter}
                    - {person: arabic@example.org, at: 2023-06-01T08:00:00Z, channel: newsletter}
                    - {person: han@example.org, at: 2023-06-01T08:00:00Z, channel: newsletter}
                    - {person: late@example.org, at: 2023-06-01T08:00:00Z, channel: newsletter}
                  sessions:
                    - slug: intro
                      title: Introduction
                      kind: live
                      starts: 2023-06-21T14:00
                      ends: 2023-06-21T15:00
                      attendance:
                        - {person: amina@example.org, status: present}
                        - {person: zoe@example.org, status: present}
                        - {person: birtukan@example.org, status: present}
                        - {person: arabic@example.org, status: present}
                        - {person: han@example.org, status: present}
                        - {person: late@example.org, status: present}
                    - slug: case-study
                      title: Case study
                      kind: live
                      starts: 2023-06-22T14:00
                      ends: 2023-06-22T15:00
                      attendance:
                        - {person: amina@example.org, status: present}
                        - {person: han@example.org, status: present}
                        - {person: late@example.org, status: present}
                        - {person: zoe@example.org, status: absent}
                    - slug: homework
                      title: Homework
                      kind: offlineExercise
                      starts: 2023-06-22T15:00
                      ends: 2023-06-29T15:00
                      submissions:
                        - {person: amina@example.org, at: 2023-06-25T10:00:00Z}
                        - {person: zoe@example.org, at: 2023-06-26T10:00:00Z}
                        - {person: han@example.org, at: 2023-06-27T10:00:00Z}
                        - {person: late@example.org, at: 2023-07-02T10:00:00Z}
                    - slug: feedback
                      title: Feedback
                      kind: feedback
                      starts: 2023-06-30T14:00
                      ends: 2023-06-30T15:00
                      attendance:
                        - {person: amina@example.org, status: present}
                        - {person: zoe@example.org, status: present}
                        - {person: birtukan@example.org, status: present}
                        - {person: late@example.org, status: present}
        """

    static let rule: JSONValue = .array([
        .object([
            "series": "certnet/webinars/inclusive", "minimumSessions": 3,
            "requiredKinds": .array(["feedback", "offlineExercise"]),
        ])
    ])

    let harness: PluginHarness
    let organization: Organization.ID
    let series: WebinarSeries

    init() async throws {
        harness = try PluginHarness(plugins: [CertificatesPlugin.self])
        try await harness.importText(Self.network)
        let (organization, series) = try await harness.workspace.read { db in
            (try Lookup.organization("certnet", in: db).id!, try Lookup.series("certnet/webinars/inclusive", in: db))
        }
        self.organization = organization
        self.series = series
        let registry = harness.workspace.registry
        try await harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.enable(
                "certificates", for: organization,
                settings: ["rules": Self.rule, "verificationBaseURL": "https://indaba.example.org"], registry: registry)
        }
    }

    var plugin: CertificatesPlugin { harness.workspace.plugin("certificates") as! CertificatesPlugin }

    func person(_ email: String) async throws -> Person.ID {
        try await harness.workspace.read { db in try Lookup.person(email, in: db).id! }
    }

    func issue(dryRun: Bool = false) async throws -> IssueOutcome {
        try await plugin.issue(
            series: "certnet/webinars/inclusive", organization: organization, actor: AuditActor("test"),
            dryRun: dryRun)
    }

    func certificates() async throws -> [Certificate] {
        try await harness.workspace.read { db in try Certificate.order(Column("id")).fetchAll(db) }
    }
}
