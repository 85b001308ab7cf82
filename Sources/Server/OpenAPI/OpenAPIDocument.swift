import Foundation
import Kernel

/// The OpenAPI 3.1 description of the API, served at `/api/v1/openapi.json` and kept in `docs/openapi.json`.
///
/// It is written out here, apart from the code that registers routes, so that a test can hold the two against each
/// other: every registered route must be described, and every described route must exist.
enum OpenAPIDocument {
    /// The document as pretty-printed JSON with sorted keys (stable bytes).
    static let json: String = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(document)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }()

    static var document: JSONValue {
        .object([
            "openapi": "3.1.0",
            "info": .object([
                "title": "Indaba API",
                "version": "1.0.0",
                "description": .string(
                    "Organizations, programmes, webinar series, sessions, people, enrolment, attendance and plugin "
                        + "settings of a community network. Authenticate with 'Authorization: Bearer <token>' "
                        + "(`indaba token create`). Objects of other organizations answer 404. Errors are RFC 9457 "
                        + "problems. Updates need If-Match with the ETag last read (412 when stale, 428 when missing)."),
            ]),
            "servers": .array([.object(["url": "/"])]),
            "security": .array([.object(["bearerAuth": .array([])])]),
            "paths": .object(Paths.all),
            "components": .object([
                "securitySchemes": .object([
                    "bearerAuth": .object(["type": "http", "scheme": "bearer", "description": "An Indaba API token."])
                ]),
                "schemas": .object(Schemas.all),
            ]),
        ])
    }
}
