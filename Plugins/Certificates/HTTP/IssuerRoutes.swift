import Foundation
import Hummingbird
import Kernel
import PluginKit

/// The organization as an Open Badges issuer, at stable public addresses under
/// `/public/orgs/{org}/certificates`: its `Profile` and the JWK set of every key it ever signed with.
struct IssuerRoutes {
    let plugin: CertificatesPlugin

    func add(to routes: RouteCollection<IndabaRequestContext>) {
        routes.get("issuer") { _, context in
            let organization = context.organization!
            let settings = try await plugin.settings(for: organization.id!)
            let urls = OpenBadgeCredential.IssuerURLs(
                baseURL: settings.verificationBaseURL, organization: organization.id!.rawValue)
            let profile: JSONValue = .object([
                "@context": .array([
                    "https://www.w3.org/ns/credentials/v2",
                    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
                ]),
                "id": .string(urls.profile), "type": .array(["Profile"]), "name": .string(organization.name),
                "url": .string(settings.verificationBaseURL),
            ])
            return Replies.bytes(Data(profile.canonicalJSON.utf8), type: "application/json; charset=utf-8")
        }
        routes.get("jwks.json") { _, context in
            let organization = context.organization!.id!
            let keys = try plugin.keys.publicKeys(for: organization.rawValue)
            let set: JSONValue = .object(["keys": .array(keys.map { JWK.object($0.key, kid: $0.kid) })])
            return Replies.bytes(Data(set.canonicalJSON.utf8), type: "application/jwk-set+json")
        }
    }
}
