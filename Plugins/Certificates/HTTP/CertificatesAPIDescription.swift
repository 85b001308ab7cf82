import Kernel
import PluginKit

/// The OpenAPI description of the certificates routes (see ``CertificatesRoutes``, ``IssuerRoutes`` and
/// ``VerificationRoutes``).
enum CertificatesAPIDescription {
    static var description: PluginAPIDescription {
        PluginAPIDescription(
            privatePaths: [
                "/series/{series}/eligibility": path(
                    "get", "Each participant's eligibility under the series' rule, explained",
                    parameters: [pathParameter("series")],
                    responses: [
                        "200": "One line per participant", "422": "The organization has no rule for the series",
                    ],
                    schema: "array"),
                "/series/{series}/issue": path(
                    "post", "Issue certificates to every eligible participant who has none (all or nothing)",
                    parameters: [pathParameter("series"), query("dryRun", "boolean")],
                    responses: [
                        "200": "Nothing new to issue, or the dry run's plan", "201": "Certificates issued",
                        "409": "The rule does not fit the series", "422": "No rule, or a name no font can draw",
                    ]),
                "/series/{series}/certificates": path(
                    "get", "The series' certificates, valid and revoked", parameters: [pathParameter("series")],
                    responses: ["200": "The certificates"], schema: "array"),
                "/certificates/{certificate}": path(
                    "get", "One certificate", parameters: [pathParameter("certificate")],
                    responses: ["200": "The certificate"]),
                "/certificates/{certificate}/certificate.pdf": path(
                    "get", "The certificate as PDF (A4 landscape)", parameters: [pathParameter("certificate")],
                    responses: ["200": "PDF", "410": "Deleted when the holder was erased at their request"],
                    type: "application/pdf"),
                "/certificates/{certificate}/credential.jwt": path(
                    "get", "The certificate as an Open Badges 3.0 credential, a VC-JWT signed ES256",
                    parameters: [pathParameter("certificate")],
                    responses: ["200": "Compact JWS", "410": "Deleted when the holder was erased at their request"],
                    type: "application/vc+jwt"),
                "/certificates/{certificate}/revoke": path(
                    "post", "Revoke a certificate (body {\"reason\": \"…\"})",
                    parameters: [pathParameter("certificate")],
                    responses: ["200": "The revoked certificate", "400": "No reason given", "409": "Already revoked"]),
                "/certificates/{certificate}/reissue": path(
                    "post", "Replace a certificate with one printing the person's current name",
                    parameters: [pathParameter("certificate")],
                    responses: [
                        "201": "The new certificate",
                        "409":
                            "The holder has a valid certificate, is not eligible now (for a revoked one), or was erased",
                    ]),
                "/keys/rotate": path(
                    "post", "Make a new signing key; earlier keys stay in the JWK set", parameters: [],
                    responses: ["200": "The new key's kid"]),
            ],
            publicPaths: [
                "/issuer": path(
                    "get", "The organization's Open Badges issuer profile", parameters: [],
                    responses: ["200": "Profile"], isPublic: true),
                "/jwks.json": path(
                    "get", "Every public key the organization signs (and signed) credentials with", parameters: [],
                    responses: ["200": "JWK set"], type: "application/jwk-set+json", isPublic: true),
                "/keys/{kid}": path(
                    "get", "One signing key as a JWK: the URL credentials name as their kid",
                    parameters: [pathParameter("kid", type: "string")],
                    responses: ["200": "JWK", "404": "No such key"], type: "application/jwk+json", isPublic: true),
                "/status/{kid}": path(
                    "get", "The Bitstring Status List of revocations, as a VC-JWT signed by key kid",
                    parameters: [pathParameter("kid", type: "string")],
                    responses: ["200": "BitstringStatusListCredential", "404": "No such key"],
                    type: "application/vc+jwt", isPublic: true),
            ],
            sitePaths: [
                "/verify/{code}": path(
                    "get",
                    "Verify a certificate by its code: HTML, or JSON with Accept: application/json or a .json suffix",
                    parameters: [pathParameter("code", type: "string")],
                    responses: ["200": "Name, series, organization, issue date and status"], type: "text/html",
                    isPublic: true, notFound: ["text/html", "application/json"])
            ])
    }

    private static func path(
        _ method: String, _ summary: String, parameters: [JSONValue], responses: [String: String],
        type: String = "application/json", schema: String = "object", isPublic: Bool = false,
        notFound: [String]? = nil
    ) -> JSONValue {
        var all: [String: JSONValue] =
            isPublic
            ? ["404": problem("Unknown, or the plugin is not enabled for the organization", types: notFound)]
            : [
                "401": problem("Missing or invalid token"), "403": problem("Not allowed for this caller"),
                "404": problem("Unknown or invisible, or the plugin is not enabled"),
            ]
        for (status, description) in responses {
            all[status] =
                status.hasPrefix("2")
                ? .object([
                    "description": .string(description),
                    "content": .object([
                        type: .object([
                            "schema": .object(["type": .string(isJSON(type) ? schema : "string")])
                        ])
                    ]),
                ])
                : problem(description)
        }
        var operation: [String: JSONValue] = [
            "summary": .string(summary), "tags": .array(["certificates"]), "responses": .object(all),
        ]
        // Public operations need no token (an empty security requirement overrides the document's bearerAuth).
        if isPublic { operation["security"] = .array([.object([:])]) }
        return .object(["parameters": .array(parameters), method: .object(operation)])
    }

    /// Whether a media type is JSON (`application/json`, or a `+json` type such as `application/jwk-set+json`).
    private static func isJSON(_ type: String) -> Bool {
        type.hasPrefix("application/json") || type.hasSuffix("+json")
    }

    private static func query(_ name: String, _ type: String) -> JSONValue {
        .object([
            "name": .string(name), "in": "query", "required": false, "schema": .object(["type": .string(type)]),
        ])
    }

    private static func pathParameter(_ name: String, type: String = "integer") -> JSONValue {
        .object(["name": .string(name), "in": "path", "required": true, "schema": .object(["type": .string(type)])])
    }

    /// An error answer: a problem, unless `types` names what the route answers instead (a page, a JSON verdict).
    private static func problem(_ description: String, types: [String]? = nil) -> JSONValue {
        let content = (types ?? ["application/problem+json"]).map { type in
            (type, JSONValue.object(["schema": .object(["type": .string(isJSON(type) ? "object" : "string")])]))
        }
        return .object([
            "description": .string(description), "content": .object(Dictionary(uniqueKeysWithValues: content)),
        ])
    }
}
