import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@testable import Certificates

@Suite("Verification address: the server's base URL by default; never loopback when the server is not")
struct VerificationAddressTests {
    @Test("enabling the plugin stores no address: QR codes follow the server's base URL")
    func followsTheServer() async throws {
        #expect(CertificatesSettings.defaults.verificationBaseURL == "")
        let fixture = try await CertificatesFixture()
        let registry = fixture.harness.workspace.registry
        try await fixture.harness.workspace.write(as: AuditActor("test")) {
            try $0.changeSettings(
                of: "certificates", for: fixture.organization, ["verificationBaseURL": ""], registry: registry)
        }
        _ = try await fixture.plugin.issue(
            series: "certnet/webinars/inclusive", organization: fixture.organization, actor: AuditActor("test"),
            dryRun: false, server: "https://certs.example.net/")
        let certificates = try await fixture.certificates()
        #expect(!certificates.isEmpty)
        #expect(certificates.allSatisfy { $0.verificationURL.hasPrefix("https://certs.example.net/verify/") })
    }

    @Test("a loopback address is refused when the server is reached elsewhere, and nothing is issued")
    func loopbackRefused() async throws {
        let fixture = try await CertificatesFixture()
        let registry = fixture.harness.workspace.registry
        try await fixture.harness.workspace.write(as: AuditActor("test")) {
            try $0.changeSettings(
                of: "certificates", for: fixture.organization, ["verificationBaseURL": "http://127.0.0.1:8080"],
                registry: registry)
        }
        await #expect(
            throws: CertificatesError.loopbackVerificationAddress(
                "http://127.0.0.1:8080", server: "https://indaba.example.org")
        ) {
            try await fixture.plugin.issue(
                series: "certnet/webinars/inclusive", organization: fixture.organization, actor: AuditActor("test"),
                dryRun: false, server: "https://indaba.example.org")
        }
        #expect(try await fixture.certificates().isEmpty)
        // A server on loopback itself (a test or a laptop) may print loopback addresses.
        let local = try await fixture.plugin.issue(
            series: "certnet/webinars/inclusive", organization: fixture.organization, actor: AuditActor("test"),
            dryRun: false, server: "http://localhost:8080")
        #expect(!local.issued.isEmpty)
    }

    @Test(
        "resolving: the setting wins; empty means the server; unknown means refused",
        arguments: [
            ("", "https://a.example.org", "https://a.example.org"),
            ("https://b.example.org", "https://a.example.org", "https://b.example.org"),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080", "http://127.0.0.1:8080"),
            ("https://b.example.org", nil, "https://b.example.org"),
        ] as [(String, String?, String)])
    func resolving(setting: String, server: String?, expected: String) throws {
        #expect(try VerificationAddress.resolve(setting: setting, server: server) == expected)
    }

    @Test("loopback addresses are recognised; no address at all is refused")
    func loopback() {
        for url in ["http://127.0.0.1:8080", "http://localhost", "http://[::1]:80", "http://0.0.0.0:8080"] {
            #expect(VerificationAddress.isLoopback(url), "\(url)")
        }
        #expect(!VerificationAddress.isLoopback("https://indaba.example.org"))
        #expect(throws: CertificatesError.noVerificationAddress) {
            try VerificationAddress.resolve(setting: "", server: nil)
        }
    }
}
