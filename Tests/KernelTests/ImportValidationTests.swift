import Foundation
import Kernel
import KernelTesting
import Testing

@Suite("Import validation: every bad input is located precisely and nothing is written")
struct ImportValidationTests {
    struct BadInput: CustomTestStringConvertible, Sendable {
        let name: String
        let old: String
        let new: String
        let line: Int
        let field: String
        let message: String

        var testDescription: String { name }
    }

    static let badInputs: [BadInput] = [
        BadInput(
            name: "unknown IANA zone", old: "timeZone: Africa/Lagos", new: "timeZone: Africa/Lagoss", line: 18,
            field: "network.members[0].timeZone", message: "'Africa/Lagoss' is not an IANA time zone"),
        BadInput(
            name: "session ending before it starts", old: "ends: 2023-06-21T15:00\n", new: "ends: 2023-06-21T13:00\n",
            line: 47, field: "network.programmes[0].series[0].sessions[0].ends", message: "must be after starts"),
        BadInput(
            name: "unknown key", old: "      title: Webinars", new: "      title: Webinars\n      colour: blue",
            line: 25, field: "network.programmes[0].colour", message: "is not a known key here"),
        BadInput(
            name: "duplicate slug", old: "- slug: feedback", new: "- slug: intro", line: 62,
            field: "network.programmes[0].series[0].sessions[2]", message: "duplicate session slug"),
        BadInput(
            name: "bad e-mail", old: "- email: facilitator@example.org", new: "- email: facilitator.example.org",
            line: 8, field: "network.people[0].email", message: "is not a valid e-mail address"),
        BadInput(
            name: "duplicate e-mail, in another case", old: "participant.two@example.org\n          name:",
            new: "PARTICIPANT.ONE@example.org\n          name:", line: 20,
            field: "network.members[0].people[0]", message: "duplicate e-mail"),
        BadInput(
            name: "gender without consent", old: "      consent: true\n", new: "", line: 10,
            field: "network.people[1].consent", message: "only with consent: true"),
        BadInput(
            name: "country that is not ISO 3166", old: "country: NG", new: "country: Nigeria", line: 17,
            field: "network.members[0].country", message: "is not an ISO 3166-1 alpha-2 country code"),
        BadInput(
            name: "unknown status", old: "status: published", new: "status: live", line: 28,
            field: "network.programmes[0].series[0].status", message: "'live' is not one of draft, published"),
        BadInput(
            name: "offset that the zone does not have", old: "starts: 2023-06-21T15:00+02:00",
            new: "starts: 2023-06-21T15:00+03:00", line: 56,
            field: "network.programmes[0].series[0].sessions[1].starts", message: "offset that Africa/Harare does not"),
        BadInput(
            name: "attendance on an offline exercise", old: "              submissions:",
            new: "              attendance:\n                - person: participant.two@example.org\n"
                + "                  status: present\n              submissions:",
            line: 58, field: "network.programmes[0].series[0].sessions[1].attendance",
            message: "an offline exercise takes submissions, not attendance"),
        BadInput(
            name: "minutes out of range", old: "minutes: 55", new: "minutes: 5000", line: 52,
            field: "network.programmes[0].series[0].sessions[0].attendance[0].minutes",
            message: "is not a whole number from 0 to 1440"),
        BadInput(
            name: "missing required field", old: "      title: Webinars\n", new: "", line: 23,
            field: "network.programmes[0].title", message: "is required"),
        BadInput(
            name: "malformed slug", old: "slug: series-one", new: "slug: Series One", line: 26,
            field: "network.programmes[0].series[0].slug", message: "is not a valid slug"),
        BadInput(
            name: "instant without a zone", old: "at: 2023-06-01T08:00:00Z", new: "at: 2023-06-01T08:00:00",
            line: 37, field: "network.programmes[0].series[0].enrolments[0].at", message: "has no time zone"),
        BadInput(
            name: "unknown plugin", old: "  timeZone: Africa/Harare\n  people:",
            new: "  timeZone: Africa/Harare\n  plugins:\n    - id: no-such-plugin\n  people:", line: 8,
            field: "network.plugins[0].id", message: "no installed plugin has the id 'no-such-plugin'"),
        BadInput(
            name: "repeated key", old: "      title: Webinars\n", new: "      title: Webinars\n      title: Again\n",
            line: 25, field: "(syntax)", message: "the key 'title' appears twice in one mapping"),
        BadInput(
            name: "YAML syntax error", old: "      title: Webinars", new: "      title: [Webinars", line: 25,
            field: "(syntax)", message: "is not valid YAML"),
    ]

    @Test("a bad input gives its precise error and writes nothing", arguments: badInputs)
    func badInputIsRefused(_ input: BadInput) async throws {
        let harness = try PluginHarness()
        let before = try await Samples.rowCounts(harness.workspace)
        let text = Samples.network(replacing: input.old, with: input.new)
        let error = await #expect(throws: ImportError.self) { try await harness.importText(text, file: "bad.yaml") }
        let issue = try #require(error?.issues.first)
        #expect(error?.issues.count == 1, "expected one issue, got: \(error?.issues ?? [])")
        #expect(issue.file == "bad.yaml")
        #expect(issue.line == input.line, "\(issue)")
        #expect(issue.field == input.field, "\(issue)")
        #expect(issue.message.contains(input.message), "\(issue)")
        #expect(try await Samples.rowCounts(harness.workspace) == before)
    }

    @Test("every problem in a file is reported at once")
    func everyProblemIsReported() async throws {
        let harness = try PluginHarness()
        let text = Samples.network(replacing: "timeZone: Africa/Lagos", with: "timeZone: Mars/Olympus")
            .replacingOccurrences(of: "country: NG", with: "country: ng")
            .replacingOccurrences(of: "status: published", with: "status: unknown")
        let error = await #expect(throws: ImportError.self) { try await harness.importText(text) }
        #expect(error?.issues.map(\.line) == [17, 18, 28])
        #expect(error?.description.contains("3 problems; nothing was imported") == true)
    }

    @Test("a person the file and the database do not know is refused inside the transaction, and nothing stays")
    func unknownPersonRollsBack() async throws {
        let harness = try PluginHarness()
        let text = Samples.network(
            replacing: "- person: facilitator@example.org\n              role: facilitator",
            with: "- person: nobody@example.org\n              role: facilitator")
        let error = await #expect(throws: ImportError.self) { try await harness.importText(text) }
        #expect(error?.issues.map(\.line) == [33])
        #expect(error?.issues.first?.message.contains("names nobody listed") == true)
        #expect(try await Samples.rowCounts(harness.workspace).values.allSatisfy { $0 == 0 })
    }

    @Test("error messages never repeat an e-mail address or a name")
    func errorsCarryNoPersonalData() async throws {
        let harness = try PluginHarness()
        let text = Samples.network(replacing: "- email: facilitator@example.org", with: "- email: Test Facilitator")
            .replacingOccurrences(
                of: "person: participant.one@example.org\n              at:",
                with:
                    "person: ghost@example.org\n              at:")
        let error = await #expect(throws: ImportError.self) { try await harness.importText(text) }
        let message = try #require(error?.description)
        for personal in ["Test Facilitator", "ghost@example.org", "participant", "Participant"] {
            #expect(!message.contains(personal), "\(message)")
        }
    }
}
