import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@Suite("An organization read column by column")
struct OrganizationRowTests {
    @Test("every field comes back as stored: a network and a member, with and without website and language")
    func roundTrip() async throws {
        let harness = try PluginHarness()
        try await harness.importText(Samples.network)
        let member = try await harness.workspace.read { db in try Lookup.organization("testnet/lagos-member", in: db) }
        try await harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.db.execute(
                sql: "UPDATE organization SET website = ?, defaultLanguage = ? WHERE id = ?",
                arguments: ["https://example.org/é", "fr", member.id!.rawValue])
        }
        // Compared in the read (rows stay on the database's thread): the names of the fields that differ.
        let (organizations, differences) = try await harness.workspace.read { db in
            let organizations = try Organization.order(Column("id")).fetchAll(db)
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM organization ORDER BY id")
            var differences: [String] = rows.count == organizations.count ? [] : ["count"]
            for (organization, row) in zip(organizations, rows) {
                let same: [(String, Bool)] = [
                    ("id", organization.id?.rawValue == row["id"]),
                    ("parentId", organization.parentId?.rawValue == row["parentId"]),
                    ("name", organization.name == row["name"]), ("slug", organization.slug == row["slug"]),
                    ("country", organization.country == row["country"]),
                    ("timeZone", organization.timeZone == row["timeZone"]),
                    ("website", organization.website == row["website"]),
                    ("defaultLanguage", organization.defaultLanguage == row["defaultLanguage"]),
                    ("createdAt", organization.createdAt == row["createdAt"]),
                    ("updatedAt", organization.updatedAt == row["updatedAt"]),
                ]
                differences += same.filter { !$0.1 }.map(\.0)
            }
            return (organizations, differences)
        }
        #expect(differences.isEmpty, "\(differences)")
        #expect(organizations.count >= 2)
        let read = try #require(organizations.first { $0.id == member.id })
        #expect(read.website == "https://example.org/é" && read.language == Language(tag: "fr"))
        #expect(read.parentId != nil && organizations.contains { $0.parentId == nil })
        // The same value as the import wrote, dates to the millisecond.
        #expect(abs(read.createdAt.timeIntervalSince(member.createdAt)) < 0.001)
    }
}
