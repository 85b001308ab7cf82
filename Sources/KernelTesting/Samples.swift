import Foundation
import GRDB
public import Kernel

/// A small definition file for tests, built so that each test changes one thing of a valid network.
public enum Samples {
    /// A network with one member, three people and one series of three sessions (live, offline exercise, feedback).
    public static let network = """
        format: indaba/1
        network:
          slug: testnet
          name: Test Network
          country: ZW
          timeZone: Africa/Harare
          people:
            - email: facilitator@example.org
              name: Test Facilitator
            - email: Participant.One@example.org
              name: Participant One
              consent: true
              gender: woman
          members:
            - slug: lagos-member
              name: Lagos Member
              country: NG
              timeZone: Africa/Lagos
              people:
                - email: participant.two@example.org
                  name: Participant Two
          programmes:
            - slug: webinars
              title: Webinars
              series:
                - slug: series-one
                  title: Series One
                  status: published
                  timeZone: Africa/Harare
                  objectives:
                    - Learn
                  roles:
                    - person: facilitator@example.org
                      role: facilitator
                  enrolments:
                    - person: participant.one@example.org
                      at: 2023-06-01T08:00:00Z
                      channel: newsletter
                    - person: participant.two@example.org
                      at: 2023-06-02T08:00:00Z
                      channel: partner-org
                  sessions:
                    - slug: intro
                      title: Introduction
                      kind: live
                      starts: 2023-06-21T14:00
                      ends: 2023-06-21T15:00
                      joinUrl: https://meet.example.org/one
                      attendance:
                        - person: participant.one@example.org
                          status: present
                          minutes: 55
                    - slug: homework
                      title: Homework
                      kind: offlineExercise
                      starts: 2023-06-21T15:00+02:00
                      ends: 2023-06-28T15:00+02:00
                      submissions:
                        - person: participant.two@example.org
                          at: 2023-06-27T10:00:00Z
                          link: https://example.org/work
                    - slug: feedback
                      title: Feedback
                      kind: feedback
                      starts: 2023-06-30T14:00
                      ends: 2023-06-30T15:30
        """

    /// The sample with `old` replaced by `new` (which must occur exactly once).
    public static func network(replacing old: String, with new: String) -> String {
        // A test whose replacement does not apply gets the unchanged sample and fails on its expectations.
        guard network.components(separatedBy: old).count == 2 else { return "'\(old)' does not occur exactly once" }
        return network.replacingOccurrences(of: old, with: new)
    }

    /// The sample as a second, separate network: slug `othernet`, every address at `example.net`.
    public static let otherNetwork =
        network
        .replacingOccurrences(of: "slug: testnet", with: "slug: othernet")
        .replacingOccurrences(of: "@example.org", with: "@example.net")
        .replacingOccurrences(of: "Participant.One@example.net", with: "participant.one@example.net")

    /// Counts rows of every kernel table: equal counts before and after mean nothing was written.
    public static func rowCounts(_ workspace: Workspace) async throws -> [String: Int] {
        try await workspace.read { db in
            var counts: [String: Int] = [:]
            for table in [
                "organization", "programme", "webinarSeries", "session", "person", "seriesRole", "enrolment",
                "attendance", "exerciseSubmission", "pluginEnablement", "auditLog",
            ] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")
            }
            return counts
        }
    }
}
