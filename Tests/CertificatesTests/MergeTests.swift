import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@testable import Certificates

@Suite("Certificates follow their person when two records are merged")
struct MergeTests {
    @Test("the duplicate's certificate moves to the kept record and keeps its code")
    func moves() async throws {
        let fixture = try await CertificatesFixture()
        _ = try await fixture.issue()
        let (amina, facilitator) = (
            try await fixture.person("amina@example.org"), try await fixture.person("facilitator@example.org")
        )
        let before = try await fixture.certificates().first { $0.personId == amina }
        try await fixture.harness.workspace.write(as: AuditActor("test")) {
            try $0.mergePeople(keep: facilitator, duplicate: amina)
        }
        let after = try await fixture.certificates()
        #expect(after.count == 2)
        let moved = try #require(after.first { $0.code == before?.code })
        #expect(moved.personId == facilitator && moved.status == .valid)
    }

    @Test("where both records hold a valid certificate for the series, the duplicate's is revoked, then moved")
    func conflict() async throws {
        let fixture = try await CertificatesFixture()
        _ = try await fixture.issue()
        let (amina, zoe) = (try await fixture.person("amina@example.org"), try await fixture.person("zoe@example.org"))
        try await fixture.harness.workspace.write(as: AuditActor("test")) {
            try $0.mergePeople(keep: amina, duplicate: zoe)
        }
        let after = try await fixture.certificates()
        #expect(after.count == 2 && after.allSatisfy { $0.personId == amina })
        #expect(after.filter { $0.status == .valid }.count == 1)
        #expect(after.contains { $0.status == .revoked && $0.revokedReason?.contains("Merged") == true })
    }
}
