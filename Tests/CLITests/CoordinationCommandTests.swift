import Foundation
import Testing

@Suite("CLI: series roles, series clone and person merge on the demo network")
struct CoordinationCommandTests {
    @Test("series role add, list and remove; removing a role nobody holds fails with a hint")
    func roles() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        let series = "asknet/webinars/inclusive-spaces"
        let added = try indaba.run(
            "series", "role", "add", series, "--person", "kudzai.mubaiwa@example.org", "--role", "guestSpeaker")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("is now guestSpeaker of series"))
        let again = try indaba.run(
            "series", "role", "add", series, "--person", "kudzai.mubaiwa@example.org", "--role", "guestSpeaker")
        #expect(again.stdout.contains("nothing changed"))
        let list = try indaba.run("series", "role", "list", series)
        #expect(list.status == 0 && list.stdout.contains("Kudzai M. Mubaiwa") && list.stdout.contains("guestSpeaker"))
        let removed = try indaba.run(
            "series", "role", "remove", series, "--person", "kudzai.mubaiwa@example.org", "--role", "guestSpeaker")
        #expect(removed.status == 0, "\(removed.stderr)")
        let twice = try indaba.run(
            "series", "role", "remove", series, "--person", "kudzai.mubaiwa@example.org", "--role", "guestSpeaker")
        #expect(twice.status != 0 && twice.stderr.contains("indaba series role list"))
        let participant = try indaba.run(
            "series", "role", "add", series, "--person", "kudzai.mubaiwa@example.org", "--role", "participant")
        #expect(participant.status == 64 && participant.stderr.contains("facilitator or guestSpeaker"))
    }

    @Test("series clone makes a draft with the sessions on the new dates; a bad day is refused with an example")
    func clone() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        let cloned = try indaba.run(
            "series", "clone", "asknet/webinars/inclusive-spaces", "--slug", "inclusive-spaces-2027", "--starts",
            "2027-06-09", "--with-roles")
        #expect(cloned.status == 0, "\(cloned.stderr)")
        #expect(cloned.stdout.contains("(draft) with 4 sessions"))
        #expect(cloned.stdout.contains("2027"))
        let shown = try indaba.run("series", "show", "asknet/webinars/inclusive-spaces-2027")
        #expect(shown.stdout.contains("Enrolled: 0"))
        #expect(!shown.stdout.contains("Facilitators: none yet"))
        let bad = try indaba.run(
            "series", "clone", "asknet/webinars/inclusive-spaces", "--slug", "again", "--starts", "9 June")
        #expect(bad.status == 64 && bad.stderr.contains("YYYY-MM-DD"))
        let taken = try indaba.run(
            "series", "clone", "asknet/webinars/inclusive-spaces", "--slug", "inclusive-spaces-2027", "--starts",
            "2027-06-09")
        #expect(taken.status != 0 && taken.stderr.contains("already exists"))
    }

    @Test("person merge moves the duplicate's records and deletes it")
    func merge() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        let merged = try indaba.run("person", "merge", "kudzai.mubaiwa@example.org", "soneni.mafu@example.org")
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("Merged person"))
        let gone = try indaba.run("person", "show", "soneni.mafu@example.org")
        #expect(gone.status != 0)
        let itself = try indaba.run("person", "merge", "kudzai.mubaiwa@example.org", "kudzai.mubaiwa@example.org")
        #expect(itself.status != 0 && itself.stderr.contains("duplicate"))
    }
}
