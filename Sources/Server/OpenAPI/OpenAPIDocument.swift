import Foundation
import Kernel
public import PluginKit

/// The OpenAPI 3.1 description of the API, served at `/api/v1/openapi.json` and kept in `docs/openapi.json`.
///
/// It is written out here, apart from the code that registers routes, so that a test can hold the two against each
/// other: every registered route must be described, and every described route must exist.
public enum OpenAPIDocument {
    /// The document for a server with `plugins` installed, as pretty-printed JSON with sorted keys (stable bytes).
    public static func json(plugins: [any Plugin.Type]) -> String {
        let data = (try? JSONEncoder.stable(pretty: true).encode(document(plugins: plugins))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func document(plugins: [any Plugin.Type]) -> JSONValue {
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
            "paths": .object(
                Paths.all.merging(pluginPaths(plugins)) { $1 }.reduce(into: [:]) { paths, entry in
                    // The health check is answered before the request guard: it never waits in line.
                    paths[entry.key] = entry.key == "/healthz" ? entry.value : withBusyAnswer(entry.value)
                }),
            "components": .object([
                "securitySchemes": .object([
                    "bearerAuth": .object(["type": "http", "scheme": "bearer", "description": "An Indaba API token."])
                ]),
                "schemas": .object(Schemas.all),
            ]),
        ])
    }

    /// `item` with the answers the server itself gives on any plugin route added where the plugin's description
    /// left them out: 400 for a malformed path parameter, query or body, and 413 for a body over the route's limit.
    static func withCommonAnswers(_ item: JSONValue) -> JSONValue {
        guard case var .object(fields) = item else { return item }
        for method in ["get", "post", "put", "patch", "delete"] {
            guard case var .object(operation)? = fields[method],
                case var .object(responses)? = operation["responses"]
            else { continue }
            var common = [("400", "Malformed path parameter, query or body")]
            if method != "get" { common.append(("413", "Body too large")) }
            for (status, description) in common where responses[status] == nil {
                responses[status] = .object([
                    "description": .string(description),
                    "content": .object(["application/problem+json": .object(["schema": Paths.ref("Problem")])]),
                ])
            }
            operation["responses"] = .object(responses)
            fields[method] = .object(operation)
        }
        return .object(fields)
    }

    /// `item` with the 503 every route behind the request guard may answer: the line was full, or the request waited
    /// or ran past its deadline; `Retry-After` says when to try again.
    static func withBusyAnswer(_ item: JSONValue) -> JSONValue {
        guard case var .object(fields) = item else { return item }
        for method in ["get", "post", "put", "patch", "delete"] {
            guard case var .object(operation)? = fields[method], case var .object(responses)? = operation["responses"]
            else { continue }
            responses["503"] = .object([
                "description": "Busy: the line of requests is full, or the request ran past its deadline",
                "headers": .object([
                    "Retry-After": .object([
                        "description": "Seconds to wait before trying again.",
                        "schema": .object(["type": "integer", "minimum": 0]),
                    ])
                ]),
                "content": .object(["application/problem+json": .object(["schema": Paths.ref("Problem")])]),
            ])
            operation["responses"] = .object(responses)
            fields[method] = .object(operation)
        }
        return .object(fields)
    }

    /// Each plugin's paths under its mount points, with the `{org}` parameter declared on every path item.
    private static func pluginPaths(_ plugins: [any Plugin.Type]) -> [String: JSONValue] {
        var paths: [String: JSONValue] = [:]
        let org: JSONValue = .object([
            "name": "org", "in": "path", "required": true,
            "description": "The organization's id; 404 where the plugin is not enabled.",
            "schema": .object(["type": "integer", "format": "int64", "minimum": 1]),
        ])
        for plugin in plugins {
            let description = plugin.apiDescription
            let mounts = [
                ("/api/v1/orgs/{org}/\(plugin.id)", description.privatePaths),
                ("/public/orgs/{org}/\(plugin.id)", description.publicPaths),
            ]
            for (prefix, items) in mounts {
                for (path, item) in items {
                    guard case var .object(fields) = item else { continue }
                    var parameters: [JSONValue] = [org]
                    if case let .array(own)? = fields["parameters"] { parameters += own }
                    fields["parameters"] = .array(parameters)
                    paths[prefix + path] = withCommonAnswers(.object(fields))
                }
            }
            // Site paths are not under an organization: no {org} parameter.
            for (path, item) in description.sitePaths { paths[path] = withCommonAnswers(item) }
        }
        return paths
    }
}
