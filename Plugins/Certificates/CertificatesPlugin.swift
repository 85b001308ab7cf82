import ArgumentParser
import Foundation
public import Hummingbird
public import Kernel
public import PluginKit

/// Certificates of completion: eligibility rules per series, PDF certificates in every script with a QR code,
/// public verification at `/verify/{code}`, and each certificate as a signed Open Badges 3.0 credential.
///
/// See the plugin's README for settings (the rule format), commands, routes, and key storage.
public struct CertificatesPlugin: Plugin {
    public static let id: PluginID = "certificates"
    public static let name = PluginName("Certificates")
    public static var translationCatalogues: [String: String] { EmbeddedCatalogues.byLanguage }

    /// The certificates' wording in every shipped language, read once from the compiled-in catalogues (checked by
    /// the test suite like the templates).
    static let translations = Translations.compiledIn(EmbeddedCatalogues.byLanguage, module: "Plugins/Certificates")
    public static let version: SemanticVersion = "1.0.0"
    public static let settings: any PluginSettings.Type = CertificatesSettings.self
    public static let migrations = CertificatesSchema.migrations
    public static let commands: [any PluginCommand.Type] = [
        EligibilityCommand.self, IssueCommand.self, ListCommand.self, RevokeCommand.self, ReissueCommand.self,
        DownloadCommand.self, VerifyCommand.self, RotateKeyCommand.self, KeySetCommand.self, LogoCommand.self,
        BenchCommand.self,
    ]
    public static let apiDescription = CertificatesAPIDescription.description

    let context: PluginContext
    /// The signing keys, in `<database>.keys/` beside the database file (for an in-memory database, a private
    /// temporary folder removed with the plugin).
    let keys: KeyStore

    public init(context: PluginContext) {
        self.context = context
        if let path = context.store.path {
            keys = KeyStore(directory: URL(fileURLWithPath: path + ".keys"))
        } else {
            keys = KeyStore(
                directory: FileManager.default.temporaryDirectory.appendingPathComponent(
                    "indaba-keys-\(UUID().uuidString)"),
                temporary: true)
        }
    }

    public var eventHandlers: [EventHandler] { CertificateMerging.handlers + CertificateErasure.handlers }

    public func addRoutes(to routes: RouteCollection<IndabaRequestContext>) {
        CertificatesRoutes(plugin: self).add(to: routes)
    }

    public func addPublicRoutes(to routes: RouteCollection<IndabaRequestContext>) {
        IssuerRoutes(plugin: self).add(to: routes)
    }

    public func addSiteRoutes(to routes: RouteCollection<IndabaRequestContext>) {
        VerificationRoutes(plugin: self).add(to: routes)
    }

    func settings(for organization: Organization.ID) async throws -> CertificatesSettings {
        try await context.settings(CertificatesSettings.self, for: organization)
    }
}
