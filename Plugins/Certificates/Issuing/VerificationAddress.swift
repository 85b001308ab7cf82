import Foundation
import Kernel

/// Where verification links and QR codes point: the `verificationBaseURL` setting, or else the server's own base
/// URL. A loopback address is refused when the server itself is reached elsewhere: printed on paper, it would lead
/// every reader to their own machine.
enum VerificationAddress {
    /// The address to print for certificates issued now.
    /// - Parameter server: The base URL the server is reached at (the request's, or `$INDABA_BASE_URL` on the
    ///   command line); `nil` when unknown.
    static func resolve(setting: String, server: String?) throws -> String {
        var server = server
        while server?.hasSuffix("/") == true { server?.removeLast() }
        guard let address = setting.isEmpty ? server : setting else { throw CertificatesError.noVerificationAddress }
        if isLoopback(address), let server, !isLoopback(server) {
            throw CertificatesError.loopbackVerificationAddress(address, server: server)
        }
        return address
    }

    /// The server's address as the command line knows it, as every command does: `$INDABA_BASE_URL`, or else the
    /// address `indaba serve` listens at by default.
    static var commandLineServer: String {
        ProcessInfo.processInfo.environment["INDABA_BASE_URL"] ?? "http://127.0.0.1:8080"
    }

    /// Whether `url` names this machine only: `localhost`, `127.0.0.0/8`, `::1` or `0.0.0.0`.
    static func isLoopback(_ url: String) -> Bool {
        guard let host = URL(string: url)?.host?.lowercased() else { return false }
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return bare == "localhost" || bare.hasSuffix(".localhost") || bare.hasPrefix("127.") || bare == "::1"
            || bare == "0.0.0.0"
    }
}

extension CertificatesPlugin {
    /// The organization's settings with the verification address resolved (see ``VerificationAddress``).
    func issuingSettings(for organization: Organization.ID, server: String?) async throws -> CertificatesSettings {
        var settings = try await settings(for: organization)
        settings.verificationBaseURL = try VerificationAddress.resolve(
            setting: settings.verificationBaseURL, server: server)
        return settings
    }
}
