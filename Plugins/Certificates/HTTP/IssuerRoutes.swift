import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// The organization as an Open Badges issuer, at stable public addresses under `/public/orgs/{org}/certificates`:
/// its `Profile` (linking every key), each key as a JWK at its own URL (the credentials' `kid`), the JWK set, and
/// the Bitstring Status List of revocations.
struct IssuerRoutes {
    let plugin: CertificatesPlugin

    func add(to routes: RouteCollection<IndabaRequestContext>) {
        routes.get("issuer") { _, context in
            let organization = context.organization!
            let urls = try await urls(context)
            let keys = try plugin.keys.publicKeys(for: organization.id!.rawValue)
            let profile: JSONValue = .object([
                "@context": .array([
                    "https://www.w3.org/ns/credentials/v2",
                    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
                ]),
                "id": .string(urls.profile), "type": .array(["Profile"]), "name": .string(organization.name),
                "url": .string(urls.baseURL),
                // Every key credentials may name, each at the URL their `kid` gives.
                "verificationMethod": .array(
                    keys.map { key in
                        .object([
                            "id": .string(urls.key(key.kid)), "type": "JsonWebKey", "controller": .string(urls.profile),
                            "publicKeyJwk": JWK.object(key, kid: urls.key(key.kid)),
                        ])
                    }),
            ])
            return Replies.bytes(Data(profile.canonicalJSON.utf8), type: "application/json; charset=utf-8")
        }
        routes.get("keys/:kid") { _, context in
            let kid = try context.parameters.require("kid")
            let urls = try await urls(context)
            let keys = try plugin.keys.publicKeys(for: context.organization!.id!.rawValue)
            guard let key = keys.first(where: { $0.kid == kid }) else {
                throw PluginProblem(.notFound, of: CertificatesPlugin.id) { t in t("There is no such key here.") }
            }
            return Replies.bytes(
                Data(JWK.object(key, kid: urls.key(key.kid)).canonicalJSON.utf8), type: "application/jwk+json")
        }
        routes.get("jwks.json") { _, context in
            let urls = try await urls(context)
            let keys = try plugin.keys.publicKeys(for: context.organization!.id!.rawValue)
            // Each key under its URL (what credentials name now) and its bare thumbprint (what earlier ones named).
            let entries = keys.flatMap { [JWK.object($0, kid: urls.key($0.kid)), JWK.object($0, kid: $0.kid)] }
            let set: JSONValue = .object(["keys": .array(entries)])
            return Replies.bytes(Data(set.canonicalJSON.utf8), type: "application/jwk-set+json")
        }
        routes.get("status/:kid") { _, context in
            let organization = context.organization!.id!
            let kid = try context.parameters.require("kid")
            guard let key = try plugin.keys.signingKey(kid, for: organization.rawValue) else {
                throw PluginProblem(.notFound, of: CertificatesPlugin.id) { t in t("There is no such status list here.")
                }
            }
            let urls = try await urls(context)
            let payload = try await plugin.context.store.read { db in
                try RevocationStatusList.payload(organization: organization, issuer: urls, kid: kid, in: db)
            }
            let token = try OpenBadgeCredential.sign(payload, with: key, kid: urls.key(key.kid))
            return Replies.bytes(Data(token.utf8), type: "application/vc+jwt")
        }
    }

    /// The issuer's addresses as credentials name them: under the verification address (the setting, or else the
    /// server's own).
    private func urls(_ context: IndabaRequestContext) async throws -> OpenBadgeCredential.IssuerURLs {
        let organization = context.organization!.id!
        let settings = try await plugin.settings(for: organization)
        let address =
            (try? VerificationAddress.resolve(setting: settings.verificationBaseURL, server: context.baseURL))
            ?? context.baseURL
        return OpenBadgeCredential.IssuerURLs(baseURL: address, organization: organization.rawValue)
    }
}
