import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

/// The kernel refuses hostile characters in people's names and e-mails whichever surface sends them (API, web,
/// YAML import, plugins), stores both in NFC, and escapes what is printed to a terminal.
@Suite struct HostileCharacterTests {
    private func save(_ name: String, _ email: String) async throws -> Person {
        let harness = try PluginHarness()
        try await harness.importText(Samples.network)
        return try await harness.workspace.write(as: AuditActor("test")) { transaction in
            let organization = try Lookup.organization("testnet", in: transaction.db).id!
            return try transaction.save(
                Person(
                    organizationId: organization, displayName: name, email: email, createdAt: transaction.now,
                    updatedAt: transaction.now))
        }
    }

    @Test(
        "saving a person refuses control characters and bidi overrides in the name",
        arguments: [
            "Eve\u{1B}[31m", "Ding\u{07}", "Nul\u{0}", "Two\nlines", "Ada \u{202E}nimda", "Iso\u{2067}late", "C1\u{9B}",
        ])
    func hostileNames(name: String) async throws {
        await #expect(throws: KernelError.self) { try await save(name, "x@example.org") }
    }

    @Test(
        "saving a person refuses invisible characters in the e-mail",
        arguments: [
            "a\u{200B}b@example.org", "ab\u{200D}@example.org", "\u{FEFF}ab@example.org", "a\u{00AD}b@example.org",
            "ab@exa\u{2060}mple.org",
        ])
    func invisibleEmails(email: String) async throws {
        await #expect(throws: KernelError.self) { try await save("Ada", email) }
    }

    @Test("names and e-mails are stored in NFC, so both spellings of é are one person")
    func normalization() async throws {
        let person = try await save("Zoe\u{308} Ade\u{301}", "Jose\u{301}@Example.org")
        #expect(person.displayName == "Zo\u{EB} Ad\u{E9}")
        #expect(person.displayName.unicodeScalars.count == 7)
        #expect(person.emailKey == "jos\u{E9}@example.org")
        #expect(FieldRules.emailKey("jos\u{E9}@example.org") == FieldRules.emailKey("JOSE\u{301}@example.org"))
    }

    @Test("YAML import reports a hostile name at its line and field")
    func importRefuses() async throws {
        let harness = try PluginHarness()
        let text = Samples.network.replacingOccurrences(of: "name: Participant One", with: "name: \"Eve\\e[2J\"")
        #expect(text != Samples.network)
        await #expect(throws: (any Error).self) { try await harness.importText(text) }
    }

    @Test("terminal escaping shows control, bidi and format characters and keeps text, new lines and joiners")
    func terminalEscaping() {
        #expect(HostileCharacters.escapedForTerminal("Eve\u{1B}[2J") == "Eve\\u{1b}[2J")
        #expect(HostileCharacters.escapedForTerminal("a\u{202E}b\u{200B}c\u{7}") == "a\\u{202e}b\\u{200b}c\\u{7}")
        #expect(HostileCharacters.escapedForTerminal("Zoë\nमनोज\u{200D}\tok") == "Zoë\nमनोज\u{200D}\tok")
    }
}
